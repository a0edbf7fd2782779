// Decentlab DL-MBX ultrasonic distance / level sensor, fPort 1 (ignored).
// Codec of the TTN Device Repository snapshot 2024-06 (dl-mbx.js and dl-downlink-codec.js).
// Frame layout and downlinks: decentlab_protocol.hpp.
//
//   group  words   output                    formula    unit
//   0      x0, x1  distance                  x0         mm
//                  number_of_valid_samples   x1         (no unit key)
//   1      x0      battery_voltage           x0 / 1000  V

#include <array>

#include "codecs/builtin.hpp"
#include "codecs/decentlab_protocol.hpp"

namespace hortillon::codecs {

namespace {

auto distance(std::span<const double> x) -> double {
    return x[0];
}
auto valid_samples(std::span<const double> x) -> double {
    return x[1];
}
auto battery_voltage(std::span<const double> x) -> double {
    return x[0] / 1000;
}

constexpr std::array<DecentlabValue, 2> distance_values{{
    {"distance", "Distance", "mm", distance},
    {"number_of_valid_samples", "Number of valid samples", "", valid_samples},
}};
constexpr std::array<DecentlabValue, 1> battery_values{{
    {"battery_voltage", "Battery voltage", "V", battery_voltage},
}};
constexpr std::array<DecentlabSensorGroup, 2> groups{{{2, distance_values}, {1, battery_values}}};

}  // namespace

auto make_decentlab_dl_mbx() -> std::unique_ptr<Codec> {
    return std::make_unique<DecentlabCodec>(
        CodecInfo{.id = "decentlab-dl-mbx",
                  .vendor = "Decentlab",
                  .device = "DL-MBX ultrasonic distance / level sensor",
                  .family = Family::water_level,
                  .encodes_downlink = true,
                  .decodes_downlink = true},
        groups);
}

}  // namespace hortillon::codecs
