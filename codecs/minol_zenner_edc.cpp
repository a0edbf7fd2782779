// Minol-Zenner EDC communication module (clip-on radio module for water meters), fPort 1
// (ignored). Codec of the TTN Device Repository snapshot 2024-06
// (edc-communication-module.js).
//
//   offset  size  field                                   output
//   0       1     status summary:
//                   bit 0 removal detected                removal_detection (0/1)
//                   bit 1 battery low                     battery_low
//                   bit 2 battery end of life             battery_end_of_life
//                   bit 3 hardware error                  hw_error
//                   bit 5 coil manipulation (magnet)      coil_manipulation
//                   bits 4, 6, 7 not decoded
//   1 + 4k  4     meter value k, s32 BE, raw register     meter_values: [v0, v1, ...]
//
// Quirks kept from the vendor codec (the vectors pin them): values are signed, so a register
// >= 2^31 comes out negative; a trailing group shorter than 4 bytes is still emitted with the
// missing low bytes read as 0 (`01 00` gives 16777216) - we add an error for it. No scaling:
// the register is the meter's raw value (e.g. litres).

#include <string>

#include "codecs/builtin.hpp"
#include "codecs/payload_reader.hpp"

namespace hortillon::codecs {

namespace {

constexpr std::size_t value_size = 4;

auto status_bit(std::uint8_t status, unsigned bit) -> int {
    return (status >> bit) & 1;
}

class MinolZennerEdc final : public NativeCodec {
  public:
    MinolZennerEdc()
        : NativeCodec({.id = "minol-zenner-edc-communication-module",
                       .vendor = "Minol-Zenner",
                       .device = "EDC communication module for water meters",
                       .family = Family::water_meter}) {}

    [[nodiscard]] auto decode_uplink(const UplinkInput& input) const -> CodecResult override {
        if (input.bytes.empty())
            return decode_error(truncation_error("status byte", 1, 0));
        PayloadReader frame(input.bytes);
        const std::uint8_t status = frame.u8(0);
        CodecResult result;
        result.data = {{"removal_detection", status_bit(status, 0)},
                       {"battery_low", status_bit(status, 1)},
                       {"battery_end_of_life", status_bit(status, 2)},
                       {"hw_error", status_bit(status, 3)},
                       {"coil_manipulation", status_bit(status, 5)},
                       {"meter_values", nlohmann::json::array()}};
        for (std::size_t at = 1; at < frame.size(); at += value_size)
            result.data["meter_values"].push_back(frame.s32_be(at));
        if (frame.truncated()) {
            result.errors.push_back(
                truncation_error("meter value " + std::to_string((frame.size() - 1) / value_size),
                                 frame.needed(), frame.size()));
        }
        return result;
    }
};

}  // namespace

auto make_minol_zenner_edc() -> std::unique_ptr<Codec> {
    return std::make_unique<MinolZennerEdc>();
}

}  // namespace hortillon::codecs
