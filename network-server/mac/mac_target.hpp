#pragma once
// What the network server wants a device's MAC layer to use (`DeviceMacTarget`): the device
// profile and the server configuration, as one value. The planner compares it with the
// `DeviceMacState` and asks the device for the differences.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "lorawan/mac_version.hpp"
#include "lorawan/region/cflist.hpp"
#include "network-server/adr/adr_algorithm.hpp"
#include "network-server/mac/mac_state.hpp"

namespace hortillon::network_server {

struct DeviceMacTarget {
    lorawan::MacVersion mac_version = lorawan::MacVersion::v1_0_3;
    // Uplink channels beyond the region's defaults (dynamic plans: sent with NewChannelReq;
    // extra channels the device has and this list lacks are removed).
    std::vector<ChannelDefinition> extra_channels{};
    // The channels to enable; nullopt: every defined channel (defaults and extra channels).
    // Fixed plans set a sub-band here, e.g. US915 FSB2 = channels 8..15 and 65.
    std::optional<lorawan::region::ChannelMask> enabled_channels{};
    // DlChannelReq (dynamic plans, 1.0.2+): RX1 frequency per uplink channel.
    std::map<std::uint8_t, std::uint32_t> downlink_frequencies_hz{};
    // Receive windows.
    std::chrono::seconds rx1_delay{1};
    std::uint8_t rx1_dr_offset = 0;
    std::uint8_t rx2_dr = 0;
    std::uint32_t rx2_frequency_hz = 0;
    // ADR (AdrProfile: on/off, margin, min/max DR, NbTrans min/max).
    AdrProfile adr{};
    // Optional settings: nullopt leaves the device's value alone.
    std::optional<std::uint8_t> max_duty_cycle{};  // MaxDCycle
    std::optional<TxParams> tx_params{};           // only where the region has TxParamSetupReq
    std::optional<std::chrono::seconds> dev_status_interval{};
    std::optional<AdrAckParams> adr_ack{};  // 1.1 ADRParamSetupReq
    std::optional<RejoinParams> rejoin{};   // 1.1 RejoinParamSetupReq (time_accepted unused)
    // Server configuration: how many uplinks without an answer before a request is sent again
    // (the answer is due in the next uplink, so 1 resends after the first silent uplink).
    std::uint16_t resend_after_uplinks = 1;
};

}  // namespace hortillon::network_server
