#pragma once
// TX_ACK: the gateway's answer to one PULL_RESP, matched to it by the echoed token.
//
//   body                                         meaning
//   (none), only NULs, {}, {"txpk_ack":{}}       success (v4.0.1 sends no JSON on success)
//   {"txpk_ack":{"error":"NONE"}} / "error":""   success (older forwarders)
//   {"txpk_ack":{"error":"TOO_LATE"}}            refused: the downlink was not sent
//   {"txpk_ack":{"warn":"TX_POWER","value":20}}  sent, at 20 dBm instead (doc v1.5+)
//
// Trailing NUL bytes after the header or the JSON are ignored.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "gateway-bridge/datagram.hpp"
#include "gateway-bridge/datagram_error.hpp"
#include "lorawan/result.hpp"

namespace hortillon::gateway_bridge {

enum class TxAckError : std::uint8_t {
    none,              // programmed for transmission
    too_late,          // arrived less than 32.5 ms before tmst
    too_early,         // tmst more than 512 s ahead, or already past (uint32 wrap)
    collision_packet,  // time slot taken, or the forwarder's JIT queue is full
    collision_beacon,  // a class B beacon is planned then
    tx_freq,           // frequency outside the RF chain's TX range
    tx_power,          // power not supported (an error before doc v1.5, a warning since)
    gps_unlocked,      // tmms requested without a GPS fix
    unknown,           // "UNKNOWN" or any text this table does not know
};

struct TxAckErrorInfo {
    TxAckError error;
    std::string_view text;     // on the wire: "TOO_LATE"
    std::string_view counter;  // "gw_tx_ack_too_late"
    std::string_view message;  // one log line
    std::string_view hint;     // what the operator can check
};

// Every row, in enumerator order.
auto tx_ack_errors() -> std::span<const TxAckErrorInfo>;
auto to_string(TxAckError error) -> std::string_view;
auto describe(TxAckError error) -> std::string_view;
auto counter_name(TxAckError error) -> std::string_view;
auto operator_hint(TxAckError error) -> std::string_view;
// "" and "NONE" are `none`; unrecognised texts are `unknown`.
auto parse_tx_ack_error(std::string_view text) -> TxAckError;

struct TxAck {
    TxAckError error = TxAckError::none;       // `error`: anything but none means not sent
    std::optional<TxAckError> warning;         // `warn`: sent, with this deviation
    std::optional<std::string> warning_value;  // `value` as text, e.g. "20" (dBm used)

    [[nodiscard]] auto sent() const -> bool { return error == TxAckError::none; }
    auto operator==(const TxAck&) const -> bool = default;
};

// Decodes the body of a TX_ACK datagram. Errors: unexpected_identifier (not a TX_ACK), bad_json
// (a non-empty body that is not a JSON object), bad_field (`txpk_ack` not an object, or `error`
// or `warn` not a string).
auto decode_tx_ack(const Datagram& datagram) -> Result<TxAck, DatagramError>;

}  // namespace hortillon::gateway_bridge
