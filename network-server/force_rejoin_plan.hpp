#pragma once
// When an operator's ForceRejoinReq goes (again) into a downlink. The device answers with a
// rejoin-request, not a MAC answer, so the request stays until the device rejoins: it is sent
// again when the device had time to rejoin and did not (the downlink may have been lost), up to
// a few times, then given up.

#include <chrono>
#include <cstdint>

#include "network-server/device_session.hpp"

namespace hortillon::network_server {

inline constexpr std::uint8_t force_rejoin_max_sends = 3;

// How long a device may take to send every rejoin-request a ForceRejoinReq asks for: each comes
// 32 s x 2^Period + up to 32 s after the previous one (LoRaWAN 1.1 §5.13), plus a minute.
auto force_rejoin_horizon(const lorawan::ForceRejoinReq& request) -> std::chrono::seconds;

enum class ForceRejoinAction : std::uint8_t {
    wait,     // sent recently: the device may still rejoin
    send,     // put it into this downlink
    give_up,  // sent force_rejoin_max_sends times without a rejoin
};

auto force_rejoin_action(const ForceRejoinState& state, SystemTime now) -> ForceRejoinAction;

}  // namespace hortillon::network_server
