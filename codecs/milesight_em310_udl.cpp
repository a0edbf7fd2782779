// Milesight EM310-UDL ultrasonic distance sensor (container fill level), uplink fPort 85.
// Codec of the TTN Device Repository snapshot 2024-06 (em310-udl.js); the fPort is ignored.
//
// Channel list (see milesight_channels.hpp for the framing):
//
//   id    type  size  field                       output
//   0x01  0x75  1     battery, u8, %              battery
//   0x03  0x82  2     distance, u16 LE, mm        distance
//   0x04  0x00  1     position, u8                tilt: 0 -> "normal", any other -> "tilt"
//
// Quirks kept from the vendor codec (the vectors pin them):
// - the position key is `tilt` (upstream renamed it `position` in 2025);
// - the FF-records (device information, sent at boot) are not decoded: decoding stops there
//   (we add a warning);
// - a record cut short is decoded with the missing bytes read as 0 (we add an error).
// Fill level is not in the payload: the application derives it from `distance` and the
// container's mounted height.

#include <array>

#include "codecs/builtin.hpp"
#include "codecs/milesight_channels.hpp"

namespace hortillon::codecs {

namespace {

void decode_battery(PayloadReader& value, nlohmann::json& data) {
    data["battery"] = value.u8(0);
}

void decode_distance(PayloadReader& value, nlohmann::json& data) {
    data["distance"] = value.u16_le(0);
}

void decode_tilt(PayloadReader& value, nlohmann::json& data) {
    data["tilt"] = value.u8(0) == 0 ? "normal" : "tilt";
}

constexpr std::array<MilesightChannel, 3> channels{{
    {0x01, 0x75, "battery", 1, 1, decode_battery},
    {0x03, 0x82, "distance", 2, 1, decode_distance},
    {0x04, 0x00, "tilt", 1, 1, decode_tilt},
}};

class MilesightEm310Udl final : public NativeCodec {
  public:
    MilesightEm310Udl()
        : NativeCodec({.id = "milesight-iot-em310-udl",
                       .vendor = "Milesight",
                       .device = "EM310-UDL ultrasonic distance sensor",
                       .family = Family::bin}) {}

    [[nodiscard]] auto decode_uplink(const UplinkInput& input) const -> CodecResult override {
        return decode_milesight_channels(input.bytes, channels);
    }
};

}  // namespace

auto make_milesight_em310_udl() -> std::unique_ptr<Codec> {
    return std::make_unique<MilesightEm310Udl>();
}

}  // namespace hortillon::codecs
