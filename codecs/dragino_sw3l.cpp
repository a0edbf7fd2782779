// Dragino SW3L outdoor water flow sensor (pulse based). Codec of the TTN Device Repository
// snapshot 2024-06 (sw3l.js). The fPort selects the message; others -> errors
// ["unknown FPort"]. Output keys are the vendor's (upper case).
//
// fPort 2, periodic reading (11 bytes):
//
//   offset  size  field                                       output
//   0       1     bits 7-2 calculate flag (meter type),       Calculate_flag,
//                 bit 1 alarm                                 Alarm "TRUE" | "FALSE"
//   1       4     pulse count, u32 BE                         Total_pulse, or Last_pulse
//                                                             when MOD = 1
//   5       1     working mode                                MOD
//   6       1     not decoded
//   7       4     Unix time, s32 BE                           Data_time "YYYY-MM-DD hh:mm:ss"
//   Water_flow_value = pulses / 60 (flag 2), / 360 (flag 1), else / 450, 1 decimal.
//
// fPort 3, datalog: 11-byte entries (byte 0 as above, 1 MOD, 3 pulses u32 BE, 7 time s32 BE),
// emitted as one string DATALOG, "[alarm,flag,mod,pulses,flow,time]," per entry. An empty
// datalog, or a last entry shorter than 11 bytes, is an error.
//
// fPort 4, configuration: TDC = u24 BE bytes 0-2 (s), Stop_Timer = byte 4, Alarm_Timer =
// u16 BE bytes 5-6.
//
// fPort 5, device status: byte 0 0x11 -> SENSOR_MODEL "SW3L"; FIRMWARE_VERSION
// "<b1 & 0x0F>.<b2 >> 4>.<b2 & 0x0F>"; byte 3 FREQUENCY_BAND (table below); byte 4 SUB_BAND
// (0xFF -> "NULL"); BAT = u16 BE bytes 5-6 / 1000 (V).
//
// Quirk kept: Data_time is rendered in the JavaScript engine's local time zone by the vendor;
// TTN runs in UTC and so do we. A frame shorter than its layout is an error.

#include <array>
#include <string>
#include <string_view>

#include "codecs/builtin.hpp"
#include "codecs/javascript_format.hpp"
#include "codecs/payload_reader.hpp"

namespace hortillon::codecs {

namespace {

constexpr std::size_t reading_size = 11;
constexpr std::size_t configuration_size = 7;
constexpr std::size_t status_size = 7;

auto alarm_text(std::uint8_t flags) -> const char* {
    return (flags & 0x02) != 0 ? "TRUE" : "FALSE";
}
auto calculate_flag(std::uint8_t flags) -> unsigned {
    return (flags & 0xFCU) >> 2;
}

// Pulses per litre by meter type.
auto flow_value(std::uint32_t pulses, unsigned flag) -> double {
    const double divisor = flag == 2 ? 60.0 : flag == 1 ? 360.0 : 450.0;
    return pulses / divisor;
}

void decode_reading(PayloadReader& frame, nlohmann::json& data) {
    const std::uint8_t flags = frame.u8(0);
    const unsigned flag = calculate_flag(flags);
    const std::uint32_t pulses = frame.u32_be(1);
    const std::uint8_t mode = frame.u8(5);
    data["MOD"] = mode;
    data["Calculate_flag"] = flag;
    data["Alarm"] = alarm_text(flags);
    data["Water_flow_value"] = json_number(to_fixed_number(flow_value(pulses, flag), 1));
    data[mode == 1 ? "Last_pulse" : "Total_pulse"] = pulses;
    data["Data_time"] = format_date_time_utc(frame.s32_be(7));
}

void decode_datalog(PayloadReader& frame, nlohmann::json& data) {
    frame.require(reading_size);
    std::string log;
    for (std::size_t at = 0; at < frame.size(); at += reading_size) {
        const std::uint8_t flags = frame.u8(at);
        const unsigned flag = calculate_flag(flags);
        const std::uint32_t pulses = frame.u32_be(at + 3);
        log += std::string("[") + alarm_text(flags) + ',' + std::to_string(flag) + ',' +
               std::to_string(frame.u8(at + 1)) + ',' + std::to_string(pulses) + ',' +
               javascript_to_fixed(flow_value(pulses, flag), 1) + ',' +
               format_date_time_utc(frame.s32_be(at + 7)) + "],";
    }
    if (!log.empty())
        data["DATALOG"] = log;
}

void decode_configuration(PayloadReader& frame, nlohmann::json& data) {
    frame.require(configuration_size);
    data["TDC"] = frame.u24_be(0);
    data["Stop_Timer"] = frame.u8(4);
    data["Alarm_Timer"] = frame.u16_be(5);
}

constexpr std::array<std::string_view, 15> frequency_bands{
    "",        "EU868",   "US915",   "IN865", "AU915", "KZ865", "RU864", "AS923",
    "AS923_1", "AS923_2", "AS923_3", "CN470", "EU433", "KR920", "MA869"};

void decode_status(PayloadReader& frame, nlohmann::json& data) {
    frame.require(status_size);
    if (frame.u8(0) == 0x11)
        data["SENSOR_MODEL"] = "SW3L";
    const std::uint8_t sub_band = frame.u8(4);
    data["SUB_BAND"] = sub_band == 0xFF ? nlohmann::json("NULL") : nlohmann::json(sub_band);
    const std::uint8_t band = frame.u8(3);
    if (band > 0 && band < frequency_bands.size())
        data["FREQUENCY_BAND"] = frequency_bands[band];
    const std::uint8_t version = frame.u8(2);
    data["FIRMWARE_VERSION"] = std::to_string(frame.u8(1) & 0x0F) + '.' +
                               std::to_string(version >> 4) + '.' + std::to_string(version & 0x0F);
    data["BAT"] = json_number(frame.u16_be(5) / 1000.0);
}

class DraginoSw3l final : public NativeCodec {
  public:
    DraginoSw3l()
        : NativeCodec({.id = "dragino-sw3l",
                       .vendor = "Dragino",
                       .device = "SW3L outdoor water flow sensor",
                       .family = Family::water_meter}) {}

    [[nodiscard]] auto decode_uplink(const UplinkInput& input) const -> CodecResult override {
        PayloadReader frame(input.bytes);
        CodecResult result;
        result.data = nlohmann::json::object();
        std::string_view what;
        switch (input.f_port) {
            case 2:
                decode_reading(frame, result.data);
                what = "fPort 2 reading";
                break;
            case 3:
                decode_datalog(frame, result.data);
                what = "fPort 3 datalog entry";
                break;
            case 4:
                decode_configuration(frame, result.data);
                what = "fPort 4 configuration";
                break;
            case 5:
                decode_status(frame, result.data);
                what = "fPort 5 device status";
                break;
            default:
                return decode_error("unknown FPort");
        }
        if (frame.truncated())
            result.errors.push_back(truncation_error(what, frame.needed(), frame.size()));
        return result;
    }
};

}  // namespace

auto make_dragino_sw3l() -> std::unique_ptr<Codec> {
    return std::make_unique<DraginoSw3l>();
}

}  // namespace hortillon::codecs
