#pragma once
// The default ADR algorithm, after the LoRaWAN ADR recommendation and ChirpStack's default
// ("LoRa only") algorithm:
//
//   margin = maxSNR(history) - requiredSNR(SF of the uplink DR) - installation margin
//   nStep  = floor(margin / 3)
//   nStep > 0: raise the DR up to the max DR, then lower the power (TXPower index up)
//   nStep < 0: raise the power (TXPower index down); never lower the DR for a mere margin
//   NbTrans:   from the loss rate over a full history (see nb_trans_for_packet_loss)
//
// History rules (a choice, documented here): nothing is decided on an empty history. Positive
// steps need `history_for_increase` uplinks (default 5: one strong sample is not a link).
// Negative steps and NbTrans need a full history (20 uplinks, and for negative steps 20 at the
// current TXPower, as ChirpStack), so that the power does not swing up and down.
//
// Stepping back (beyond ChirpStack, which leaves that to the device's ADR back-off): the link
// is failing when the best SNR is below the demodulation floor itself, or a full history lost
// 30 % or more. On ADRACKReq with a failing link the power goes back to maximum; a failing
// link already at maximum power gets one DR lower, never below the profile's min DR.
// ChirpStack truncates nStep toward zero; floor makes a small negative margin one power step.

#include <cstddef>

#include "network-server/adr/adr_algorithm.hpp"

namespace hortillon::network_server {

struct DefaultAdrConfig {
    std::size_t history_for_increase = 5;
    std::size_t history_for_full_decision = adr_history_size;
    double failing_loss_percent = 30;
};

class DefaultAdr final : public AdrAlgorithm {
  public:
    explicit DefaultAdr(DefaultAdrConfig config = {}) : config_(config) {}

    [[nodiscard]] auto id() const -> std::string_view override { return "default"; }
    [[nodiscard]] auto decide(const lorawan::region::Region& region,
                              const AdrRequest& request) const -> AdrDecision override;

  private:
    DefaultAdrConfig config_;
};

// The highest uplink DR of the region that is LoRa at 125 kHz (EU868 DR5, US915 DR3), the
// range ADR works in; nullopt if there is none.
auto max_lora_125khz_uplink_dr(const lorawan::region::Region& region)
    -> std::optional<std::uint8_t>;

}  // namespace hortillon::network_server
