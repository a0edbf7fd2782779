// KELLER ADT1 / ARC1 remote transmitters for level probes (groundwater, river gauges).
// Codec of the TTN Device Repository snapshot 2024-06 (kellerpayload.js, KELLER's own
// decoder). The fPort is the message class (1 measurements, 2 alarm, 3 configuration,
// 4 information, 5 answer to request) and is copied to `port`; the codec decides on byte 0,
// the function code. Output: `func`, `port`, `payload` (upper-case hex), plus the fields below,
// and always `warnings`/`errors` arrays.
//
// Function code 1, measurements:
//
//   offset  size  field                                             output
//   0       1     0x01                                              func
//   1       1     connection type (sensor wiring)                   ct
//   2       2     channel bitmap, u16 BE, bit k <=> channel k       channel (16-char binary),
//                                                                   channelCount
//   4 + 4j  4     value of the j-th present channel (ascending k),  <channel name>
//                 float32 BE
//
// Function code 12, device information (fPort 4):
//
//   offset  field                                          output
//   2, 3    device class, group                            class_group_text "CC.GG"
//   4, 5    firmware year, week                            sw_version_text "YY.WW"
//   6       serial number, u32 BE                          serial_number
//   10      local time, u32 BE s since 2000-01-01          device_local_datetime
//   14      battery voltage, float32 BE                    battery_voltage (V)
//   18      battery capacity, %                            battery_capacity_percentage
//   19      humidity inside the housing, %                 humidity_percentage
//
// Other function codes: data {func, port, payload} and the vendor's warning "This function code
// is not supported in this decoder.".
//
// Units: pressures in bar, temperatures in degC; Pd = P1 - PBaro, so the water column is about
// Pd x 10.2 m. Floats are converted as the vendor does, sign x m x 2^(e - 150): exact for
// normal and subnormal numbers; exponent 255 gives a large finite number instead of inf/NaN.
// Quirks kept: connection type 5 names channels 0 and 10 both "Pd (P1-PBaro)" (the later value
// wins). Deviations (the vendor codec throws): a zero bitmap, an unknown connection type, an
// empty or short payload are errors; a channel with no name for its connection type is
// skipped with a warning (the vendor names it "undefined").

#include <array>
#include <bit>
#include <cmath>
#include <span>
#include <string>
#include <string_view>

#include "codecs/builtin.hpp"
#include "codecs/javascript_format.hpp"
#include "codecs/payload_reader.hpp"

namespace hortillon::codecs {

namespace {

constexpr std::uint8_t measurement_function = 1;
constexpr std::uint8_t information_function = 12;
constexpr std::size_t information_size = 20;
constexpr std::int64_t keller_epoch_unix = 946'684'800;  // 2000-01-01T00:00:00Z

using Names = std::span<const std::string_view>;

constexpr std::string_view pd_p2 = "Pd (P1-P2)";
constexpr std::string_view pd_baro = "Pd (P1-PBaro)";
constexpr std::array<std::string_view, 6> ct_0_1{pd_p2, "P1", "P2", "T", "TOB1", "TOB2"};
constexpr std::array<std::string_view, 8> ct_2_3{pd_baro, "P1",   "P2",    "T",
                                                 "TOB1",  "TOB2", "PBaro", "TBaro"};
constexpr std::array<std::string_view, 10> ct_4{
    pd_p2, "P1", "P2", "T", "TOB1", "TOB2", "PBaro", "TBaro", "Volt Inp. 1", "Volt Inp. 2"};
constexpr std::array<std::string_view, 11> ct_5{pd_baro,       "P1",          "P2",    "T",
                                                "TOB1",        "TOB2",        "PBaro", "TBaro",
                                                "Volt Inp. 1", "Volt Inp. 2", pd_baro};
constexpr std::array<std::string_view, 15> ct_6{
    pd_p2,         "P1",          "P2",     "T",      "TOB1",   "TOB2",   "PBaro",        "TBaro",
    "Volt Inp. 1", "Volt Inp. 2", "P1 (2)", "P1 (3)", "P1 (4)", "P1 (5)", "Counter input"};
constexpr std::array<std::string_view, 14> ct_7{
    "PBaro",     "TBaro",     "Volt Inp. 1", "Volt Inp. 2", "SDI12 CH1", "SDI12 CH2", "SDI12 CH3",
    "SDI12 CH4", "SDI12 CH5", "SDI12 CH6",   "SDI12 CH7",   "SDI12 CH8", "SDI12 CH9", "SDI12 CH10"};
constexpr std::array<std::string_view, 15> ct_8{"P1",     "TOB1",     "P1 (2)",       "TOB1 (2)",
                                                "P1 (3)", "TOB1 (3)", "P1 (4)",       "TOB1 (4)",
                                                "P1 (5)", "TOB1 (5)", "Volt Inp. 1",  "Volt Inp. 2",
                                                "PBaro",  "TBaro",    "Counter input"};
constexpr std::array<std::string_view, 12> ct_9{pd_p2,
                                                "P1",
                                                "P2",
                                                "T (Conductivity)",
                                                "TOB1",
                                                "TOB2",
                                                "PBaro",
                                                "TBaro",
                                                "Volt Inp. 1",
                                                "Volt Inp. 2",
                                                "Conductivity Tc",
                                                "Conductivity raw"};
constexpr std::array<std::string_view, 12> ct_10{pd_baro,
                                                 "P1",
                                                 "P2",
                                                 "T (Conductivity)",
                                                 "TOB1",
                                                 "TOB2",
                                                 "PBaro",
                                                 "TBaro",
                                                 "Volt Inp. 1",
                                                 "Volt Inp. 2",
                                                 "Conductivity Tc",
                                                 "Conductivity raw"};
constexpr std::array<std::string_view, 15> ct_11{
    "P1",     "TOB1",     "Conductivity Tc",     "T (Conductivity)",
    "P1 (2)", "TOB1 (2)", "Conductivity Tc (2)", "T (Conductivity) (2)",
    "P1 (3)", "TOB1 (3)", "Conductivity Tc (3)", "T (Conductivity) (3)",
    "PBaro",  "TBaro",    "Counter input"};
constexpr std::array<std::string_view, 13> ct_13{
    "P1",       "P2",    "TOB1",  "TOB2",        "P1 (2)",      "P2 (2)",       "TOB1 (2)",
    "TOB2 (2)", "PBaro", "TBaro", "Volt Inp. 1", "Volt Inp. 2", "Counter input"};

// Channel names by connection type; empty for an unknown type.
auto channel_names(std::uint8_t connection_type) -> Names {
    switch (connection_type) {
        case 0:
        case 1:
            return ct_0_1;
        case 2:
        case 3:
            return ct_2_3;
        case 4:
            return ct_4;
        case 5:
            return ct_5;
        case 6:
            return ct_6;
        case 7:
            return ct_7;
        case 8:
            return ct_8;
        case 9:
            return ct_9;
        case 10:
            return ct_10;
        case 11:
            return ct_11;
        case 13:
            return ct_13;
        default:
            return {};
    }
}

auto keller_float(std::uint32_t bits) -> double {
    const double sign = (bits >> 31) == 0 ? 1.0 : -1.0;
    const auto exponent = static_cast<int>((bits >> 23) & 0xFF);
    const std::uint32_t m = exponent == 0 ? (bits & 0x7FFFFF) << 1 : (bits & 0x7FFFFF) | 0x800000;
    return std::ldexp(sign * m, exponent - 150);
}

auto two_digits(unsigned value) -> std::string {
    std::string text = std::to_string(value);
    return text.size() < 2 ? '0' + text : text;
}

auto bitmap_text(std::uint16_t bitmap) -> std::string {
    std::string text(16, '0');
    for (int bit = 0; bit < 16; ++bit) {
        if ((bitmap >> bit) & 1)
            text[15 - static_cast<std::size_t>(bit)] = '1';
    }
    return text;
}

void decode_measurements(PayloadReader& frame, CodecResult& result) {
    frame.require(4);
    const std::uint8_t connection_type = frame.u8(1);
    const std::uint16_t bitmap = frame.u16_be(2);
    const Names names = channel_names(connection_type);
    result.data["ct"] = connection_type;
    result.data["channel"] = bitmap_text(bitmap);
    result.data["channelCount"] = std::popcount(bitmap);
    if (bitmap == 0)
        result.errors.emplace_back("no channel present (channel bitmap is 0)");
    if (names.empty())
        result.errors.push_back("unknown connection type " + std::to_string(connection_type));
    std::size_t at = 4;
    for (std::size_t k = 0; k < 16; ++k) {
        if (((bitmap >> k) & 1U) == 0)
            continue;
        const double value = keller_float(frame.u32_be(at));
        at += 4;
        if (k < names.size())
            result.data[std::string(names[k])] = json_number(value);
        else if (!names.empty())
            result.warnings.push_back("channel " + std::to_string(k) +
                                      " has no name for connection type " +
                                      std::to_string(connection_type) + "; value skipped");
    }
}

void decode_information(PayloadReader& frame, CodecResult& result) {
    frame.require(information_size);
    result.data["battery_voltage"] = json_number(keller_float(frame.u32_be(14)));
    result.data["battery_capacity_percentage"] = frame.u8(18);
    result.data["humidity_percentage"] = frame.u8(19);
    result.data["class_group_text"] = two_digits(frame.u8(2)) + '.' + two_digits(frame.u8(3));
    result.data["sw_version_text"] = two_digits(frame.u8(4)) + '.' + two_digits(frame.u8(5));
    result.data["serial_number"] = frame.u32_be(6);
    result.data["device_local_datetime"] =
        format_date_time_utc(keller_epoch_unix + frame.u32_be(10));
}

class KellerAdt1 final : public NativeCodec {
  public:
    KellerAdt1()
        : NativeCodec({.id = "keller-adt1",
                       .vendor = "KELLER",
                       .device = "ADT1 / ARC1 remote transmitter for level probes",
                       .family = Family::water_level}) {}

    [[nodiscard]] auto decode_uplink(const UplinkInput& input) const -> CodecResult override {
        if (input.bytes.empty())
            return decode_error(truncation_error("function code", 1, 0));
        PayloadReader frame(input.bytes);
        const std::uint8_t function = frame.u8(0);
        CodecResult result;
        result.data = {
            {"func", function}, {"port", input.f_port}, {"payload", hex_upper(input.bytes)}};
        if (function == measurement_function)
            decode_measurements(frame, result);
        else if (function == information_function)
            decode_information(frame, result);
        else
            result.warnings.emplace_back("This function code is not supported in this decoder.");
        if (frame.truncated()) {
            result.errors.push_back(truncation_error(
                function == measurement_function ? "measurement message" : "information message",
                frame.needed(), frame.size()));
        }
        return result;
    }
};

}  // namespace

auto make_keller_adt1() -> std::unique_ptr<Codec> {
    return std::make_unique<KellerAdt1>();
}

}  // namespace hortillon::codecs
