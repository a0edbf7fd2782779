#pragma once
// Is the server answering on its UDP port yet? For timing the server's start-up.

#include <chrono>
#include <cstdint>
#include <string_view>

#include "lorawan/identifiers.hpp"

namespace hortillon::bench {

// Sends PULL_DATA from `gateway` every 20 ms until a PULL_ACK arrives; false at the timeout.
auto wait_for_pull_ack(std::string_view host, std::uint16_t port, lorawan::Eui64 gateway,
                       std::chrono::milliseconds timeout) -> bool;

}  // namespace hortillon::bench
