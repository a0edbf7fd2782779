#include "gateway-bridge/datagram_error.hpp"

#include <array>

namespace hortillon::gateway_bridge {

namespace {

using enum DatagramError;

constexpr std::array<DatagramErrorInfo, 13> table{{
    {too_short, "too_short", "gw_datagram_too_short",
     "datagram shorter than its identifier requires",
     "a truncated datagram or a scanner probing UDP port 1700"},
    {unsupported_version, "unsupported_version", "gw_datagram_unsupported_version",
     "protocol version byte is neither 2 nor 1",
     "the sender is not a Semtech UDP packet forwarder (Basics Station uses websockets)"},
    {unknown_identifier, "unknown_identifier", "gw_datagram_unknown_identifier",
     "identifier byte is not a Semtech UDP packet type (0..5)",
     "not a Semtech UDP packet forwarder, or a corrupted datagram"},
    {unexpected_identifier, "unexpected_identifier", "gw_datagram_unexpected_identifier",
     "packet type not expected in this direction", "a server-to-gateway packet sent to the server"},
    {bad_json, "bad_json", "gw_datagram_bad_json", "body is not a JSON object",
     "check the forwarder version; the body may be truncated by the network MTU"},
    {bad_base64, "bad_base64", "gw_datagram_bad_base64", "payload field is not valid base64",
     "the forwarder corrupted or mis-encoded the payload"},
    {missing_field, "missing_field", "gw_datagram_missing_field",
     "a mandatory JSON field is missing", "compare the forwarder output with PROTOCOL.TXT"},
    {bad_field, "bad_field", "gw_datagram_bad_field",
     "a JSON field has the wrong type or is out of range",
     "compare the forwarder output with PROTOCOL.TXT"},
    {bad_data_rate, "bad_data_rate", "gw_datagram_bad_data_rate",
     "modu/datr/codr do not describe a known modulation",
     "the gateway may use a modulation this server does not support"},
    {bad_time, "bad_time", "gw_datagram_bad_time", "time field is not an ISO 8601 UTC time",
     "check the gateway's GPS or system clock settings"},
    {size_mismatch, "size_mismatch", "gw_datagram_size_mismatch",
     "size field differs from the decoded payload length",
     "the forwarder truncated or corrupted the payload"},
    {crc_bad, "crc_bad", "gw_rxpk_crc_bad", "packet dropped: radio CRC failed",
     "normal at the edge of coverage; set forward_crc_error false on the gateway to save traffic"},
    {crc_absent, "crc_absent", "gw_rxpk_crc_absent", "packet dropped: no radio CRC",
     "LoRaWAN uplinks always carry a CRC; set forward_crc_disabled false on the gateway"},
}};

// The table is indexed by the enumerator; this keeps the order honest at compile time.
constexpr auto table_in_order() -> bool {
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (static_cast<std::size_t>(table[i].error) != i)
            return false;
    }
    return true;
}
static_assert(table_in_order(), "datagram error table out of enumerator order");

auto row(DatagramError error) -> const DatagramErrorInfo& {
    auto index = static_cast<std::size_t>(error);
    return index < table.size() ? table[index] : table[static_cast<std::size_t>(bad_field)];
}

}  // namespace

auto datagram_errors() -> std::span<const DatagramErrorInfo> {
    return table;
}

auto describe(DatagramError error) -> std::string_view {
    return row(error).message;
}
auto counter_name(DatagramError error) -> std::string_view {
    return row(error).counter;
}
auto operator_hint(DatagramError error) -> std::string_view {
    return row(error).hint;
}

}  // namespace hortillon::gateway_bridge
