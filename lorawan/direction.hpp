#pragma once

#include <cstdint>

namespace hortillon::lorawan {

// Uplink: device to network. Downlink: network to device. The value is the Dir bit of the
// B0 and Ai crypto blocks.
enum class Direction : std::uint8_t { uplink = 0, downlink = 1 };

}  // namespace hortillon::lorawan
