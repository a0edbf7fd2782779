#pragma once
// The ADR uplink history and the figures ADR reads from it: best SNR, packet loss, and the
// demodulation floor per spreading factor.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "network-server/adr/adr_algorithm.hpp"

namespace hortillon::network_server {

// `history` with `uplink` appended, keeping the last adr_history_size. An uplink whose FCnt is
// not above the last one starts a new history (a new session, or a retransmission that must
// not count twice).
auto record_adr_uplink(std::vector<AdrUplink> history, const AdrUplink& uplink)
    -> std::vector<AdrUplink>;

// The best SNR in the history; nullopt when it is empty.
auto max_snr_db(std::span<const AdrUplink> history) -> std::optional<double>;

// Lost frames (gaps in FCnt) as a percentage of the frames the device sent over the history:
// 100 * lost / (received + lost). ChirpStack divides by `received` only, which overstates the
// rate and can pass 100 %; this is the loss rate proper. 0 for fewer than two uplinks.
auto packet_loss_percent(std::span<const AdrUplink> history) -> double;

// The SNR a LoRa demodulator needs at this spreading factor (SF7 -7.5 dB down to SF12 -20 dB,
// 2.5 dB per SF; Semtech SX127x datasheet, as the LoRaWAN ADR recommendation and ChirpStack use
// it; SF5 and SF6 of RP002-1.0.5 continue the steps); nullopt outside SF5..SF12.
auto required_snr_db(unsigned spreading_factor) -> std::optional<double>;

// NbTrans for a loss rate, from ChirpStack's table indexed by the current NbTrans (1..3):
// < 5 %: 1 1 2, < 10 %: 1 2 3, < 30 %: 2 3 3, otherwise 3 3 3.
auto nb_trans_for_packet_loss(std::uint8_t current_nb_trans, double loss_percent) -> std::uint8_t;

}  // namespace hortillon::network_server
