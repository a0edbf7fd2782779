#pragma once
// Internal to the PUSH_DATA decoder: one `rxpk` object.

#include "gateway-bridge/datagram_error.hpp"
#include "gateway-bridge/json_document.hpp"
#include "gateway-bridge/uplink_frame.hpp"
#include "lorawan/identifiers.hpp"
#include "lorawan/result.hpp"

namespace hortillon::gateway_bridge {

// Decodes one rxpk, whatever its CRC status (reported in rx_info.crc_status).
// Errors: bad_field (not an object, or a field of the wrong type or range), missing_field (tmst,
// freq, stat, datr, data, or rssi when there is no rsig either), bad_base64, bad_data_rate,
// bad_time, size_mismatch.
auto decode_rxpk(JsonValue rxpk, lorawan::Eui64 gateway_eui) -> Result<UplinkFrame, DatagramError>;

}  // namespace hortillon::gateway_bridge
