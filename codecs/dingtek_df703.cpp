// Dingtek DF703 ultrasonic waste-bin level sensor with fire and tilt alarms and optional GPS.
// fPort 3 for uplinks and downlinks. Codec of the TTN Device Repository snapshot 2024-06
// (df703.js). Frames start with 0x80 and end with 0x81; the kind is chosen by total length
// only (17 or 25 bytes) and, for 25 bytes, by the data type in byte 3.
//
// 17-byte data frame (no GPS); the 25-byte GPS frame (byte 3 != 0x03) inserts 8 bytes of
// coordinates after byte 7 and shifts the rest by 8:
//
//   offset  size  field                                          output
//   0       1     0x80 start
//   1       2     protocol version (not decoded)
//   3       1     data type: 0x01 periodic, 0x03 parameters
//   4       1     frame length (must equal the payload size)
//   5       2     distance to the waste surface, u16 BE, mm      level
//   7       1     GPS present flag (not decoded)
//   [8      4     longitude, float32 LE (GPS frame only)         longitude, string, 6 decimals]
//   [12     4     latitude, float32 LE (GPS frame only)          latitude, string, 6 decimals]
//   8       1     temperature, u8, degC (no sign)                temperature
//   9       1     angle sign flag (ignored, see quirks)
//   10      1     tilt angle, u8, degrees                        angle = -byte
//   11      1     high nibble level alarm, low nibble fire alarm alarmLevel, alarmFire
//   12      1     high nibble fall alarm, low nibble battery     alarmFall, alarmBattery
//   13      2     frame counter, u16 BE                          frameCounter
//   15      1     reserved
//   16      1     0x81 end (checked)
//
// 25-byte parameter frame (byte 3 = 0x03):
//
//   offset  field                                 output
//   5, 6    firmware major, minor                 firmware "<major>.<minor>"
//   7       upload interval, hours                uploadInterval
//   8       detection interval, minutes           detectInterval
//   9       full-level alarm threshold, cm        levelThreshold
//   10      fire alarm threshold, degC            fireThreshold
//   11      fall alarm threshold, degrees         fallThreshold
//   12      fall detection enabled                fallEnable (non-zero -> true)
//   14      work mode                             workMode
//
// Downlink: 14 ASCII characters "80029999" OO VV "81", OO the option and VV the value as two
// upper-case hex digits (dingtek_df703_downlink.cpp).
//
// Quirks kept from the vendor codec (the vectors pin them):
// - angle: the codec tests `bytes[9] & (0x0f === 0x00)`, always 0, so angle is always
//   -byte10 (0 stays 0);
// - the GPS floats are converted by hand as sign x (1 + mantissa / 0x7FFFFF) x 2^(exp - 127)
//   (the divisor should be 0x800000) with no zero or NaN case; "116.507430" for CD 03 E9 42;
// - temperature is unsigned.
// Not kept from the vendor codec:
// - it checks neither the length field (byte 4) nor the 0x81 end byte, so the first 17 bytes
//   of a 25-byte frame decode as a data frame; we require both ("malformed frame: ...");
// - the downlink decoder's option 09 values 03/04 reference undefined identifiers and throw;
//   we return activeMode "ABP" / "OTAA", the evident intent.

#include <cmath>
#include <cstdint>
#include <string>

#include "codecs/builtin.hpp"
#include "codecs/dingtek_df703_downlink.hpp"
#include "codecs/javascript_format.hpp"
#include "codecs/payload_reader.hpp"

namespace hortillon::codecs {

namespace {

constexpr std::uint8_t df703_f_port = 3;
constexpr std::size_t data_frame_size = 17;
constexpr std::size_t long_frame_size = 25;
constexpr std::size_t gps_shift = 8;
constexpr std::uint8_t parameter_data_type = 0x03;
constexpr std::uint8_t frame_end = 0x81;

// The vendor's hand-made float32 conversion, divisor quirk included.
auto dingtek_float(std::uint32_t bits) -> double {
    const double sign = (bits & 0x80000000U) != 0 ? -1.0 : 1.0;
    const int exponent = static_cast<int>((bits >> 23) & 0xFF) - 127;
    const double mantissa = 1.0 + static_cast<double>(bits & 0x7FFFFF) / 8388607.0;
    return sign * mantissa * std::ldexp(1.0, exponent);
}

// The measurement fields; `shift` is 8 in the GPS frame.
auto decode_measurement(PayloadReader& frame, std::size_t shift) -> nlohmann::json {
    nlohmann::json data = nlohmann::json::object();
    data["level"] = frame.u16_be(5);
    if (shift == gps_shift) {
        data["longitude"] = javascript_to_fixed(dingtek_float(frame.u32_le(8)), 6);
        data["latitude"] = javascript_to_fixed(dingtek_float(frame.u32_le(12)), 6);
    }
    const std::uint8_t alarms_level_fire = frame.u8(11 + shift);
    const std::uint8_t alarms_fall_battery = frame.u8(12 + shift);
    data["alarmLevel"] = (alarms_level_fire >> 4) != 0;
    data["alarmFire"] = (alarms_level_fire & 0x0F) != 0;
    data["alarmFall"] = (alarms_fall_battery >> 4) != 0;
    data["alarmBattery"] = (alarms_fall_battery & 0x0F) != 0;
    data["angle"] = -static_cast<int>(frame.u8(10 + shift));
    data["temperature"] = frame.u8(8 + shift);
    data["frameCounter"] = frame.u16_be(13 + shift);
    return data;
}

auto decode_parameters(PayloadReader& frame) -> nlohmann::json {
    nlohmann::json data = nlohmann::json::object();
    data["firmware"] = std::to_string(frame.u8(5)) + "." + std::to_string(frame.u8(6));
    data["uploadInterval"] = frame.u8(7);
    data["detectInterval"] = frame.u8(8);
    data["levelThreshold"] = frame.u8(9);
    data["fireThreshold"] = frame.u8(10);
    data["fallThreshold"] = frame.u8(11);
    data["fallEnable"] = frame.u8(12) != 0;
    data["workMode"] = frame.u8(14);
    return data;
}

class DingtekDf703 final : public NativeCodec {
  public:
    DingtekDf703()
        : NativeCodec({.id = "dingtek-df703",
                       .vendor = "Dingtek",
                       .device = "DF703 ultrasonic waste bin level sensor",
                       .family = Family::bin,
                       .encodes_downlink = true,
                       .decodes_downlink = true}) {}

    [[nodiscard]] auto decode_uplink(const UplinkInput& input) const -> CodecResult override {
        if (input.f_port != df703_f_port)
            return decode_error("unknown FPort");
        PayloadReader frame(input.bytes);
        if (frame.size() != data_frame_size && frame.size() != long_frame_size)
            return decode_error("wrong length");
        if (frame.u8(4) != frame.size() || frame.u8(frame.size() - 1) != frame_end) {
            return decode_error("malformed frame: length field " + std::to_string(frame.u8(4)) +
                                ", end byte " + std::to_string(frame.u8(frame.size() - 1)) +
                                " for a payload of " + std::to_string(frame.size()) + " bytes");
        }
        CodecResult result;
        if (frame.size() == data_frame_size)
            result.data = decode_measurement(frame, 0);
        else if (frame.size() == long_frame_size && frame.u8(3) == parameter_data_type)
            result.data = decode_parameters(frame);
        else
            result.data = decode_measurement(frame, gps_shift);
        return result;
    }

    [[nodiscard]] auto encode_downlink(const nlohmann::json& input) const -> EncodeResult override {
        return dingtek_df703_encode_downlink(input);
    }

    [[nodiscard]] auto decode_downlink(const DownlinkInput& input) const -> CodecResult override {
        return dingtek_df703_decode_downlink(input);
    }
};

}  // namespace

auto make_dingtek_df703() -> std::unique_ptr<Codec> {
    return std::make_unique<DingtekDf703>();
}

}  // namespace hortillon::codecs
