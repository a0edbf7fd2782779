#include "gateway-bridge/stat.hpp"

#include "gateway-bridge/field_reader.hpp"

namespace hortillon::gateway_bridge {

auto decode_stat(JsonValue stat) -> Result<GatewayStats, DatagramError> {
    if (!stat.is_object())
        return Unexpected{DatagramError::bad_field};
    FieldReader in{stat};
    GatewayStats out;
    out.latitude = in.optional_number("lati");
    out.longitude = in.optional_number("long");
    out.altitude_m = in.optional_number("alti");
    out.rx_received = in.optional_int<std::uint32_t>("rxnb");
    out.rx_ok = in.optional_int<std::uint32_t>("rxok");
    out.rx_forwarded = in.optional_int<std::uint32_t>("rxfw");
    out.ack_ratio_percent = in.optional_number("ackr");
    out.downlink_received = in.optional_int<std::uint32_t>("dwnb");
    out.tx_emitted = in.optional_int<std::uint32_t>("txnb");
    out.temperature_celsius = in.optional_number("temp");
    auto time = in.optional_string("time");
    if (time && !time->empty()) {
        out.time = parse_expanded_time(*time);
        if (!out.time)
            in.fail(DatagramError::bad_time);
    }
    if (in.error())
        return Unexpected{*in.error()};
    return out;
}

}  // namespace hortillon::gateway_bridge
