#pragma once
// Answers to the MAC commands a device sends in an uplink. This covers LinkCheckReq and
// DeviceTimeReq (LoRaWAN 1.0.4 §5.2, §5.9); answers the device gives to network requests are
// passed on for the MAC state machine and the events.

#include <chrono>
#include <span>
#include <vector>

#include "gateway-bridge/uplink_frame.hpp"
#include "lorawan/mac/mac_commands.hpp"

namespace hortillon::network_server {

struct UplinkMacContext {
    std::span<const gateway_bridge::UplinkRxInfo> rx_infos;  // every gateway that heard it
    unsigned spreading_factor = 7;                           // of the uplink (LoRa)
    std::chrono::system_clock::time_point received_at;       // end of the uplink, UTC
};

struct MacOutcome {
    std::vector<lorawan::MacCommand> answers;         // to send in the next downlink
    std::vector<lorawan::MacCommand> device_answers;  // the device's answers to our requests
};

auto handle_uplink_mac_commands(std::span<const lorawan::MacCommand> commands,
                                const UplinkMacContext& context) -> MacOutcome;

// LinkCheckAns: the best link margin among the receptions and how many gateways heard it.
auto answer_link_check(const UplinkMacContext& context) -> lorawan::LinkCheckAns;

// DeviceTimeAns: the GPS time at the end of the uplink; a gateway's GPS timestamp is preferred
// to the server's receive time.
auto answer_device_time(const UplinkMacContext& context) -> lorawan::DeviceTimeAns;

}  // namespace hortillon::network_server
