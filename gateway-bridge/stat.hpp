#pragma once
// Internal to the PUSH_DATA decoder: the `stat` object.

#include "gateway-bridge/datagram_error.hpp"
#include "gateway-bridge/gateway_stats.hpp"
#include "gateway-bridge/json_document.hpp"
#include "lorawan/result.hpp"

namespace hortillon::gateway_bridge {

// Decodes a stat object; every field is optional and unknown keys (boot, fpga, hal, ping, ...)
// are ignored. Errors: bad_field (not an object, or a field of the wrong type), bad_time.
auto decode_stat(JsonValue stat) -> Result<GatewayStats, DatagramError>;

}  // namespace hortillon::gateway_bridge
