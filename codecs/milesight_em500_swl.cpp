// Milesight EM500-SWL submersible water level sensor, uplink fPort 85.
// Codec of the TTN Device Repository snapshot 2024-06 (em500-swl.js); the fPort is ignored.
//
// Channel list (see milesight_channels.hpp for the framing):
//
//   id    type  size  field                                  output
//   0x01  0x75  1     battery, u8, %                         battery
//   0x03  0x77  2     water depth above the probe, u16 LE    distance (cm per the vendor table)
//
// Quirks kept from the vendor codec (the vectors pin them):
// - the depth is emitted as `distance` (Milesight's own decoder calls it `water_level`, newer
//   versions `depth`);
// - history records (0x20 0xCE) and the FF device-information records are not decoded:
//   decoding stops there (we add a warning).

#include <array>

#include "codecs/builtin.hpp"
#include "codecs/milesight_channels.hpp"

namespace hortillon::codecs {

namespace {

void decode_battery(PayloadReader& value, nlohmann::json& data) {
    data["battery"] = value.u8(0);
}

void decode_depth(PayloadReader& value, nlohmann::json& data) {
    data["distance"] = value.u16_le(0);
}

constexpr std::array<MilesightChannel, 2> channels{{
    {0x01, 0x75, "battery", 1, 1, decode_battery},
    {0x03, 0x77, "water depth", 2, 1, decode_depth},
}};

class MilesightEm500Swl final : public NativeCodec {
  public:
    MilesightEm500Swl()
        : NativeCodec({.id = "milesight-iot-em500-swl",
                       .vendor = "Milesight",
                       .device = "EM500-SWL submersible water level sensor",
                       .family = Family::water_level}) {}

    [[nodiscard]] auto decode_uplink(const UplinkInput& input) const -> CodecResult override {
        return decode_milesight_channels(input.bytes, channels);
    }
};

}  // namespace

auto make_milesight_em500_swl() -> std::unique_ptr<Codec> {
    return std::make_unique<MilesightEm500Swl>();
}

}  // namespace hortillon::codecs
