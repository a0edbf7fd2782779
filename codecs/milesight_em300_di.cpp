// Milesight EM300-DI pulse counter (water meters with a pulse output), uplink fPort 85.
// Codec of the TTN Device Repository snapshot 2024-06 (em300-di.js); the fPort is ignored.
//
// Channel list (see milesight_channels.hpp for the framing):
//
//   id    type  size  field                                output
//   0x01  0x75  1     battery, u8, %                       battery
//   0x03  0x67  2     temperature, s16 LE, /10 degC        temperature
//   0x04  0x68  1     humidity, u8, /2 %RH                 humidity
//   0x05  0x00  1     digital input level (GPIO mode)      gpio
//   0x05  0xC8  4     pulse counter, u32 LE                pulse
//   0x20  0xCE  13    history record, appended to          history: [{...}]
//
// History record:
//
//   offset  size  field                           output
//   0       4     timestamp, u32 LE, Unix s       timestamp
//   4       2     temperature, s16 LE, /10 degC   temperature
//   6       1     humidity, u8, /2 %RH            humidity
//   7       1     mode: 1 GPIO, 2 pulse counter   (selects the next field)
//   8       1     gpio level (mode 1)             gpio
//   9       4     pulse counter, u32 LE (mode 2)  pulse
//
// Quirks kept from the vendor codec: a history record with fewer than 12 bytes left is
// skipped and decoding stops (we add an error); the newer-firmware water records (05 E1,
// 85 E1, 21 CE) and the FF device-information records stop decoding (we add a warning).
// Volume = pulses x the meter's pulse weight, which is not in the payload.

#include <array>

#include "codecs/builtin.hpp"
#include "codecs/javascript_format.hpp"
#include "codecs/milesight_channels.hpp"

namespace hortillon::codecs {

namespace {

void decode_battery(PayloadReader& value, nlohmann::json& data) {
    data["battery"] = value.u8(0);
}

void decode_temperature(PayloadReader& value, nlohmann::json& data) {
    data["temperature"] = json_number(value.s16_le(0) / 10.0);
}

void decode_humidity(PayloadReader& value, nlohmann::json& data) {
    data["humidity"] = json_number(value.u8(0) / 2.0);
}

void decode_gpio(PayloadReader& value, nlohmann::json& data) {
    data["gpio"] = value.u8(0);
}

void decode_pulse(PayloadReader& value, nlohmann::json& data) {
    data["pulse"] = value.u32_le(0);
}

void decode_history(PayloadReader& value, nlohmann::json& data) {
    nlohmann::json point = nlohmann::json::object();
    point["timestamp"] = value.u32_le(0);
    point["temperature"] = json_number(value.s16_le(4) / 10.0);
    point["humidity"] = json_number(value.u8(6) / 2.0);
    const std::uint8_t mode = value.u8(7);
    if (mode == 1)
        point["gpio"] = value.u8(8);
    else if (mode == 2)
        point["pulse"] = value.u32_le(9);
    data["history"].push_back(std::move(point));
}

constexpr std::array<MilesightChannel, 6> channels{{
    {0x01, 0x75, "battery", 1, 1, decode_battery},
    {0x03, 0x67, "temperature", 2, 1, decode_temperature},
    {0x04, 0x68, "humidity", 1, 1, decode_humidity},
    {0x05, 0x00, "gpio", 1, 1, decode_gpio},
    {0x05, 0xC8, "pulse counter", 4, 1, decode_pulse},
    {0x20, 0xCE, "history", 13, 12, decode_history},
}};

class MilesightEm300Di final : public NativeCodec {
  public:
    MilesightEm300Di()
        : NativeCodec({.id = "milesight-iot-em300-di",
                       .vendor = "Milesight",
                       .device = "EM300-DI pulse counter",
                       .family = Family::water_meter}) {}

    [[nodiscard]] auto decode_uplink(const UplinkInput& input) const -> CodecResult override {
        return decode_milesight_channels(input.bytes, channels);
    }
};

}  // namespace

auto make_milesight_em300_di() -> std::unique_ptr<Codec> {
    return std::make_unique<MilesightEm300Di>();
}

}  // namespace hortillon::codecs
