#include "gateway-bridge/tx_ack.hpp"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "gateway-bridge/field_reader.hpp"

namespace hortillon::gateway_bridge {

namespace {

using enum TxAckError;

constexpr std::array<TxAckErrorInfo, 9> table{{
    {none, "NONE", "gw_tx_ack_none", "downlink programmed for transmission", ""},
    {too_late, "TOO_LATE", "gw_tx_ack_too_late", "downlink refused: too late to program",
     "PULL_RESP must reach the gateway over 32.5 ms before tmst; check backhaul latency"},
    {too_early, "TOO_EARLY", "gw_tx_ack_too_early",
     "downlink refused: timestamp too far ahead (or already past)",
     "a tmst in the past wraps to far ahead; check for a late or duplicated downlink"},
    {collision_packet, "COLLISION_PACKET", "gw_tx_ack_collision_packet",
     "downlink refused: another packet occupies that time",
     "the gateway's TX queue is busy or full; spread downlinks over gateways or RX2"},
    {collision_beacon, "COLLISION_BEACON", "gw_tx_ack_collision_beacon",
     "downlink refused: a beacon is planned at that time", "class B beacon guard time"},
    {tx_freq, "TX_FREQ", "gw_tx_ack_tx_freq",
     "downlink refused: frequency not supported by the TX RF chain",
     "check the region's channel plan against the gateway's tx_freq_min/max"},
    {tx_power, "TX_POWER", "gw_tx_ack_tx_power", "TX power not supported by the gateway",
     "check the region's max EIRP against the gateway's tx_lut and antenna gain"},
    {gps_unlocked, "GPS_UNLOCKED", "gw_tx_ack_gps_unlocked",
     "downlink refused: GPS time requested without a GPS fix",
     "check the gateway's GPS antenna; class B needs a GPS lock"},
    {unknown, "UNKNOWN", "gw_tx_ack_unknown", "downlink refused for an unknown reason",
     "the forwarder reported an error this server does not know"},
}};

constexpr auto table_in_order() -> bool {
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (static_cast<std::size_t>(table[i].error) != i)
            return false;
    }
    return true;
}
static_assert(table_in_order(), "TX_ACK error table out of enumerator order");

auto row(TxAckError error) -> const TxAckErrorInfo& {
    return table[std::min(static_cast<std::size_t>(error), table.size() - 1)];
}

auto read_error_text(FieldReader& in, std::string_view key) -> std::optional<TxAckError> {
    auto text = in.optional_string(key);
    if (!text)
        return std::nullopt;
    return parse_tx_ack_error(*text);
}

// A number as nlohmann::json writes it ("12", "-3", "1.5"), as this field has always read.
auto number_text(JsonValue number) -> std::string {
    switch (number.type()) {
        case JsonType::integer:
            return nlohmann::json(number.as_integer()).dump();
        case JsonType::unsigned_integer:
            return nlohmann::json(number.as_unsigned()).dump();
        default:
            return nlohmann::json(number.as_floating()).dump();
    }
}

// `value` holds the warning detail as a string or a number; kept as text.
auto read_value_text(FieldReader& in) -> std::optional<std::string> {
    auto value = in.member("value");
    if (!value)
        return std::nullopt;
    if (value->is_string())
        return std::string{value->as_string()};
    if (value->is_number())
        return number_text(*value);
    in.fail(DatagramError::bad_field);
    return std::nullopt;
}

}  // namespace

auto tx_ack_errors() -> std::span<const TxAckErrorInfo> {
    return table;
}
auto to_string(TxAckError error) -> std::string_view {
    return row(error).text;
}
auto describe(TxAckError error) -> std::string_view {
    return row(error).message;
}
auto counter_name(TxAckError error) -> std::string_view {
    return row(error).counter;
}
auto operator_hint(TxAckError error) -> std::string_view {
    return row(error).hint;
}

auto parse_tx_ack_error(std::string_view text) -> TxAckError {
    if (text.empty())
        return none;
    for (const auto& entry : table) {
        if (entry.text == text)
            return entry.error;
    }
    return unknown;
}

auto decode_tx_ack(const Datagram& datagram) -> Result<TxAck, DatagramError> {
    if (datagram.type != PacketType::tx_ack) {
        return Unexpected{DatagramError::unexpected_identifier};
    }
    auto body = datagram.body;
    if (std::all_of(body.begin(), body.end(), [](std::uint8_t b) { return b == 0; })) {
        return TxAck{};
    }
    auto root = parse_json_object(body);
    if (!root)
        return Unexpected{root.error()};
    auto ack = FieldReader{root->root()}.member("txpk_ack");
    if (!ack)
        return TxAck{};  // nothing to report
    if (!ack->is_object())
        return Unexpected{DatagramError::bad_field};

    FieldReader in{*ack};
    TxAck out;
    out.error = read_error_text(in, "error").value_or(none);
    out.warning = read_error_text(in, "warn");
    if (out.warning == none)
        out.warning.reset();  // "warn":"" reports nothing
    out.warning_value = read_value_text(in);
    if (in.error())
        return Unexpected{*in.error()};
    return out;
}

}  // namespace hortillon::gateway_bridge
