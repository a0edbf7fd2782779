#pragma once
// Adaptive data rate as a pluggable decision: the MAC layer gathers an `AdrRequest` (the device's
// current settings, its profile limits and its recent uplinks), an `AdrAlgorithm` answers with
// the settings it wants, and the MAC planner turns a change into LinkADRReq. Pure: no clock, no
// I/O, no state kept between calls (the history travels in the request).

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "lorawan/region/region.hpp"

namespace hortillon::network_server {

// One received uplink as ADR sees it, oldest first in a history.
struct AdrUplink {
    std::uint32_t f_cnt = 0;
    double max_snr_db = 0;            // best SNR over every gateway that heard it
    std::uint8_t tx_power_index = 0;  // the TXPower the server believed the device used
    std::uint8_t dr = 0;              // the uplink's data rate
    friend auto operator==(const AdrUplink&, const AdrUplink&) -> bool = default;
};

// The number of uplinks kept (LoRaWAN ADR recommendation and ChirpStack: 20).
inline constexpr std::size_t adr_history_size = 20;

// Per device profile.
struct AdrProfile {
    bool enabled = true;
    double installation_margin_db = 10;  // ChirpStack's default installation margin
    std::uint8_t min_dr = 0;             // the server never lowers a device below this DR
    std::uint8_t max_dr = 15;  // also capped to the region's highest LoRa 125 kHz uplink DR
    std::uint8_t min_nb_trans = 1;
    std::uint8_t max_nb_trans = 3;
    friend auto operator==(const AdrProfile&, const AdrProfile&) -> bool = default;
};

struct AdrSettings {
    std::uint8_t dr = 0;
    std::uint8_t tx_power_index = 0;  // 0 = maximum power; higher index = lower power
    std::uint8_t nb_trans = 1;
    friend auto operator==(const AdrSettings&, const AdrSettings&) -> bool = default;
};

struct AdrRequest {
    AdrProfile profile{};
    bool device_adr = true;    // FCtrl.ADR of the uplink: the device accepts ADR
    bool adr_ack_req = false;  // FCtrl.ADRACKReq of the uplink
    AdrSettings current{};     // DR of the uplink, TXPower and NbTrans the server believes in use
    std::uint8_t min_tx_power_index = 0;   // the highest power the device accepts
    std::uint8_t max_tx_power_index = 0;   // the region's lowest power, or what the device accepts
    std::span<const AdrUplink> history{};  // oldest first, the current uplink last
};

// Why a decision came out as it did, for logs.
enum class AdrReason : std::uint8_t {
    disabled,               // profile or device has ADR off
    not_lora,               // the uplink DR is not LoRa: no SNR table to work with
    history_too_short,      // not enough uplinks yet for any change
    link_margin,            // DR/TXPower follow the SNR margin (nStep), NbTrans the loss rate
    max_dr_exceeded,        // the device was above the profile's max DR
    link_failing_power_up,  // ADRACKReq on a failing link: back to maximum power
    link_failing_dr_down,   // failing link at maximum power: one DR lower
};

auto to_string(AdrReason reason) -> std::string_view;

struct AdrDecision {
    std::optional<AdrSettings> change{};  // nullopt: keep the current settings
    // The device asked (ADRACKReq) for proof that the network hears it: any downlink answers.
    bool downlink_required = false;
    AdrReason reason = AdrReason::disabled;
    int n_step = 0;  // the SNR steps computed, for logs (0 when not computed)
};

class AdrAlgorithm {
  public:
    virtual ~AdrAlgorithm() = default;
    // A stable identifier stored in device profiles ("default").
    [[nodiscard]] virtual auto id() const -> std::string_view = 0;
    [[nodiscard]] virtual auto decide(const lorawan::region::Region& region,
                                      const AdrRequest& request) const -> AdrDecision = 0;
};

}  // namespace hortillon::network_server
