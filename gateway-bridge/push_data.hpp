#pragma once
// PUSH_DATA: the gateway's received packets (`rxpk` array) and/or its status (`stat` object).
//
//   {"rxpk":[{...},{...}], "stat":{...}}     either key may be absent; "{}" is valid
//
// Each rxpk is decoded on its own: one malformed packet is reported next to the good ones and
// never discards them. Packets whose radio CRC failed (stat -1) or that had none (stat 0) are
// decoded but reported as rejected (crc_bad, crc_absent), so that the caller drops and counts
// them like any other rejection; their frame is kept for diagnostics.

#include <cstddef>
#include <optional>
#include <vector>

#include "gateway-bridge/datagram.hpp"
#include "gateway-bridge/datagram_error.hpp"
#include "gateway-bridge/gateway_stats.hpp"
#include "gateway-bridge/uplink_frame.hpp"
#include "lorawan/identifiers.hpp"
#include "lorawan/result.hpp"

namespace hortillon::gateway_bridge {

struct RxpkRejection {
    std::size_t index = 0;  // position in the rxpk array
    DatagramError reason = DatagramError::bad_field;
    std::optional<UplinkFrame> frame;  // set for crc_bad and crc_absent only

    auto operator==(const RxpkRejection&) const -> bool = default;
};

struct PushData {
    lorawan::Eui64 gateway_eui;
    std::vector<UplinkFrame> frames;           // CRC OK, in rxpk order: hand these on
    std::vector<RxpkRejection> rejected;       // drop, log and count each
    std::optional<GatewayStats> stats;         // when `stat` is present and well formed
    std::optional<DatagramError> stats_error;  // when `stat` is present but malformed

    auto operator==(const PushData&) const -> bool = default;
};

// Decodes the body of a PUSH_DATA datagram (acknowledge it first: see datagram.hpp).
// Errors for the whole datagram: unexpected_identifier (not a PUSH_DATA), bad_json (the body is
// not a JSON object), bad_field (`rxpk` is not an array). Per packet, in `rejected`: bad_field,
// missing_field, bad_base64, bad_data_rate, bad_time, size_mismatch, crc_bad, crc_absent.
auto decode_push_data(const Datagram& datagram) -> Result<PushData, DatagramError>;

}  // namespace hortillon::gateway_bridge
