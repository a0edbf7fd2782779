#pragma once
// Internal to the PUSH_DATA decoder: the `stat` object.

#include <nlohmann/json_fwd.hpp>

#include "gateway-bridge/datagram_error.hpp"
#include "gateway-bridge/gateway_stats.hpp"
#include "lorawan/result.hpp"

namespace hortillon::gateway_bridge {

// Decodes a stat object; every field is optional and unknown keys (boot, fpga, hal, ping, ...)
// are ignored. Errors: bad_field (not an object, or a field of the wrong type), bad_time.
auto decode_stat(const nlohmann::json& stat) -> Result<GatewayStats, DatagramError>;

}  // namespace hortillon::gateway_bridge
