// Dragino LDDS75 ultrasonic distance sensor, uplink fPort 2. Two codecs, one per firmware
// profile of the TTN Device Repository (snapshot 2024-06):
//   dragino-ldds75      profile "1.2",   ldds75.js
//   dragino-ldds75-114  profile "1.1.4", ldds75-114.js
//
// Device layout (8-byte periodic uplink, Dragino manual):
//
//   offset  size  field                        type / scaling
//   0       2     battery                      u16 BE masked with 0x3FFF, mV
//   2       2     distance                     u16 BE, mm; 0 = no sensor, 20 = invalid reading
//   4       1     interrupt flag               u8
//   5       2     DS18B20 temperature          s16 BE, /10 degC
//   7       1     sensor flag                  u8, 1 = ultrasonic probe detected
//
// dragino-ldds75-114 decodes that layout: Bat (V), Distance ("<n> mm", "No Sensor" for 0,
// "Invalid Reading" for 20), Interrupt_flag, TempC_DS18B20 (string, 2 decimals), Sensor_flag.
// A payload shorter than 8 bytes is an error (the vendor codec returns NaN fields).
//
// dragino-ldds75 reproduces the "1.2" codec, quirk included (the vectors pin it): for an
// 8-byte payload `value` is the distance field (mm) and `distance` is the *battery* field
// (bytes 0-1 & 0x3FFF), or "Invalid Reading" when that number is below 20; any other length
// gives only `distance: "No Sensor"` (we add a warning). This looks like a vendor bug; devices
// on firmware 1.1.4 or later should use dragino-ldds75-114.
//
// Both: any fPort other than 2 -> errors ["unknown FPort"].

#include <string>

#include "codecs/builtin.hpp"
#include "codecs/javascript_format.hpp"
#include "codecs/payload_reader.hpp"

namespace hortillon::codecs {

namespace {

constexpr std::uint8_t uplink_f_port = 2;
constexpr std::size_t frame_size = 8;
constexpr std::uint16_t battery_mask = 0x3FFF;

class DraginoLdds75 final : public NativeCodec {
  public:
    DraginoLdds75()
        : NativeCodec({.id = "dragino-ldds75",
                       .vendor = "Dragino",
                       .device = "LDDS75 ultrasonic distance sensor (firmware profile 1.2)",
                       .family = Family::bin}) {}

    [[nodiscard]] auto decode_uplink(const UplinkInput& input) const -> CodecResult override {
        if (input.f_port != uplink_f_port)
            return decode_error("unknown FPort");
        CodecResult result;
        result.data = nlohmann::json::object();
        if (input.bytes.size() != frame_size) {
            result.data["distance"] = "No Sensor";
            result.warnings.push_back("payload is " + std::to_string(input.bytes.size()) +
                                      " bytes, not 8: reported as \"No Sensor\" as the vendor "
                                      "codec does");
            return result;
        }
        PayloadReader frame(input.bytes);
        result.data["value"] = frame.u16_be(2);
        const unsigned battery_field = frame.u16_be(0) & battery_mask;
        if (battery_field < 20)
            result.data["distance"] = "Invalid Reading";
        else
            result.data["distance"] = battery_field;
        return result;
    }
};

auto distance_text(unsigned distance_mm) -> std::string {
    if (distance_mm == 0)
        return "No Sensor";
    if (distance_mm == 20)
        return "Invalid Reading";
    return std::to_string(distance_mm) + " mm";
}

class DraginoLdds75Firmware114 final : public NativeCodec {
  public:
    DraginoLdds75Firmware114()
        : NativeCodec({.id = "dragino-ldds75-114",
                       .vendor = "Dragino",
                       .device = "LDDS75 ultrasonic distance sensor (firmware profile 1.1.4)",
                       .family = Family::bin}) {}

    [[nodiscard]] auto decode_uplink(const UplinkInput& input) const -> CodecResult override {
        if (input.f_port != uplink_f_port)
            return decode_error("unknown FPort");
        if (input.bytes.size() < frame_size)
            return decode_error(truncation_error("LDDS75 uplink", frame_size, input.bytes.size()));
        PayloadReader frame(input.bytes);
        CodecResult result;
        result.data = nlohmann::json::object();
        result.data["Bat"] = json_number((frame.u16_be(0) & battery_mask) / 1000.0);
        result.data["Distance"] = distance_text(frame.u16_be(2));
        result.data["Interrupt_flag"] = frame.u8(4);
        result.data["TempC_DS18B20"] = javascript_to_fixed(frame.s16_be(5) / 10.0, 2);
        result.data["Sensor_flag"] = frame.u8(7);
        return result;
    }
};

}  // namespace

auto make_dragino_ldds75() -> std::unique_ptr<Codec> {
    return std::make_unique<DraginoLdds75>();
}

auto make_dragino_ldds75_114() -> std::unique_ptr<Codec> {
    return std::make_unique<DraginoLdds75Firmware114>();
}

}  // namespace hortillon::codecs
