// Ellenex PLS2-L submersible level transmitter. Codec of the TTN Device Repository snapshot
// 2024-06 (pls2-l.js uplink, encoder.js downlink).
//
// Uplink, fPort 15, exactly 8 bytes:
//
//   offset  size  field                                    output
//   0       3     header (e.g. 01 E8 00), not decoded
//   3       2     level, s16 BE, raw (unit set by the      level
//                 probe's configured range)
//   5       2     not decoded
//   7       1     battery, u8 x 0.1 V, 1 decimal           batteryVoltage
//
// Errors (the vendor's strings): fPort != 15 -> "Unknown FPort: please use fPort 15"; length
// != 8 -> "Invalid uplink payload: length is not 8 byte".
//
// Downlink, fPort 5. The input is non-standard: {"command": n, "data": {...}}.
//
//   command  data                                   bytes
//   1        unit "second"|"minute", time (number)  10, 00 (s) | 01 (min), time u16 BE
//   2        confirmation (boolean)                 07, 01 (on) | 00 (off)
//   3        reset: true                            FF 00
//   4        count (number; 0 disables)             16, count u16 BE
//
// The error strings are the vendor's. Deviation: the vendor splits time/count as
// [n >> 8, n & 0xFF] with no range check, so n > 65535 gives a "byte" above 255 and a
// negative count gives -1; we reject such values ("Invalid time: ..." / "Invalid count: ...").
// A fractional number is truncated toward zero, as `>>` does.

#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "codecs/builtin.hpp"
#include "codecs/javascript_format.hpp"
#include "codecs/payload_reader.hpp"

namespace hortillon::codecs {

namespace {

constexpr std::uint8_t uplink_f_port = 15;
constexpr std::uint8_t downlink_f_port = 5;
constexpr std::size_t uplink_size = 8;

auto missing_field(std::string_view field) -> EncodeResult {
    return encode_error("Missing required field or invalid input: " + std::string(field));
}

auto frame(std::vector<std::uint8_t> bytes) -> EncodeResult {
    EncodeResult result;
    result.f_port = downlink_f_port;
    result.bytes = std::move(bytes);
    return result;
}

// `n` as two bytes, high first; nullopt outside 0-65535.
auto u16_be_bytes(double n) -> std::optional<std::array<std::uint8_t, 2>> {
    const double value = std::trunc(n);
    if (!(value >= 0 && value <= 0xFFFF))
        return std::nullopt;
    const auto v = static_cast<std::uint16_t>(value);
    return std::array<std::uint8_t, 2>{static_cast<std::uint8_t>(v >> 8),
                                       static_cast<std::uint8_t>(v)};
}

auto field(const nlohmann::json& data, const char* key) -> const nlohmann::json* {
    const auto it = data.find(key);
    return it == data.end() ? nullptr : &*it;
}

auto change_sampling_rate(const nlohmann::json& data) -> EncodeResult {
    const auto* unit = field(data, "unit");
    const auto* time = field(data, "time");
    if (unit == nullptr || !unit->is_string())
        return missing_field("unit");
    if (time == nullptr || !time->is_number())
        return missing_field("time");
    const std::string& unit_name = unit->get_ref<const std::string&>();
    if (unit_name != "second" && unit_name != "minute")
        return encode_error("Invalid time unit: must be either \"minute\" or \"second\"");
    const bool seconds = unit_name == "second";
    const double n = time->get<double>();
    if ((seconds && n < 60) || (!seconds && n < 1))
        return encode_error("Invalid sampling interval: minimum is 60 seconds (i.e. 1 minute)");
    const auto split = u16_be_bytes(n);
    if (!split)
        return encode_error("Invalid time: must be at most 65535");
    return frame(
        {0x10, static_cast<std::uint8_t>(seconds ? 0x00 : 0x01), (*split)[0], (*split)[1]});
}

auto confirmation(const nlohmann::json& data) -> EncodeResult {
    const auto* on = field(data, "confirmation");
    if (on == nullptr || !on->is_boolean())
        return missing_field("confirmation");
    return frame({0x07, static_cast<std::uint8_t>(on->get<bool>() ? 0x01 : 0x00)});
}

auto reset_device(const nlohmann::json& data) -> EncodeResult {
    const auto* reset = field(data, "reset");
    if (reset == nullptr || !reset->is_boolean() || !reset->get<bool>())
        return missing_field("reset");
    return frame({0xFF, 0x00});
}

auto auto_reset(const nlohmann::json& data) -> EncodeResult {
    const auto* count = field(data, "count");
    if (count == nullptr || !count->is_number())
        return missing_field("count");
    const auto split = u16_be_bytes(count->get<double>());
    if (!split)
        return encode_error("Invalid count: must be 0-65535");
    return frame({0x16, (*split)[0], (*split)[1]});
}

// JavaScript's String(value) for the command echoed in the vendor's error message.
auto javascript_string(const nlohmann::json* value) -> std::string {
    if (value == nullptr)
        return "undefined";
    if (value->is_string())
        return value->get<std::string>();
    if (value->is_number())
        return javascript_number_to_string(value->get<double>());
    if (value->is_object())
        return "[object Object]";
    return value->dump();  // null, true, false; arrays are rare enough to show as JSON
}

class EllenexPls2L final : public NativeCodec {
  public:
    EllenexPls2L()
        : NativeCodec({.id = "ellenex-pls2-l",
                       .vendor = "Ellenex",
                       .device = "PLS2-L submersible level transmitter",
                       .family = Family::water_level,
                       .encodes_downlink = true}) {}

    [[nodiscard]] auto decode_uplink(const UplinkInput& input) const -> CodecResult override {
        if (input.f_port != uplink_f_port)
            return decode_error("Unknown FPort: please use fPort 15");
        if (input.bytes.size() != uplink_size)
            return decode_error("Invalid uplink payload: length is not 8 byte");
        PayloadReader payload(input.bytes);
        CodecResult result;
        result.data = {{"level", payload.s16_be(3)},
                       {"batteryVoltage", json_number(to_fixed_number(payload.u8(7) * 0.1, 1))}};
        return result;
    }

    [[nodiscard]] auto encode_downlink(const nlohmann::json& input) const -> EncodeResult override {
        const auto* command = input.is_object() ? field(input, "command") : nullptr;
        const nlohmann::json no_data = nlohmann::json::object();
        const auto* data = input.is_object() ? field(input, "data") : nullptr;
        const nlohmann::json& fields = data != nullptr && data->is_object() ? *data : no_data;
        const double number =
            command != nullptr && command->is_number() ? command->get<double>() : 0;
        if (number == 1)
            return change_sampling_rate(fields);
        if (number == 2)
            return confirmation(fields);
        if (number == 3)
            return reset_device(fields);
        if (number == 4)
            return auto_reset(fields);
        return encode_error("Unknown command: please use command 1-4, used" +
                            javascript_string(command));
    }
};

}  // namespace

auto make_ellenex_pls2_l() -> std::unique_ptr<Codec> {
    return std::make_unique<EllenexPls2L>();
}

}  // namespace hortillon::codecs
