// Decentlab DL-PR26 pressure / liquid level and temperature sensor, fPort 1 (ignored).
// Codec of the TTN Device Repository snapshot 2024-06 (dl-pr26-0-1.js, the 0-1 bar variant,
// and dl-downlink-codec.js). Frame layout and downlinks: decentlab_protocol.hpp.
//
//   group  words   output            formula                                       unit
//   0      x0, x1  pressure          (x0 - 16384) / 32768 * (Pmax - Pmin) + Pmin  bar
//                  temperature       (x1 - 384) * 0.003125 - 50                    degC
//   1      x0      battery_voltage   x0 / 1000                                     V
//
// Pmin = 0, Pmax = 1 bar. Water column above the probe ~ pressure x 10.197 m (fresh water);
// the application computes it. A payload cut short is an error (the vendor codec gives NaN).

#include <array>

#include "codecs/builtin.hpp"
#include "codecs/decentlab_protocol.hpp"

namespace hortillon::codecs {

namespace {

constexpr double pressure_min_bar = 0.0;
constexpr double pressure_max_bar = 1.0;

auto pressure(std::span<const double> x) -> double {
    return (x[0] - 16384) / 32768 * (pressure_max_bar - pressure_min_bar) + pressure_min_bar;
}
auto temperature(std::span<const double> x) -> double {
    return (x[1] - 384) * 0.003125 - 50;
}
auto battery_voltage(std::span<const double> x) -> double {
    return x[0] / 1000;
}

constexpr std::array<DecentlabValue, 2> pressure_values{{
    {"pressure", "Pressure", "bar", pressure},
    {"temperature", "Temperature", "\u00b0C", temperature},
}};
constexpr std::array<DecentlabValue, 1> battery_values{{
    {"battery_voltage", "Battery voltage", "V", battery_voltage},
}};
constexpr std::array<DecentlabSensorGroup, 2> groups{{{2, pressure_values}, {1, battery_values}}};

}  // namespace

auto make_decentlab_dl_pr26() -> std::unique_ptr<Codec> {
    return std::make_unique<DecentlabCodec>(
        CodecInfo{.id = "decentlab-dl-pr26",
                  .vendor = "Decentlab",
                  .device = "DL-PR26 pressure / liquid level and temperature sensor (0-1 bar)",
                  .family = Family::water_level,
                  .encodes_downlink = true,
                  .decodes_downlink = true},
        groups);
}

}  // namespace hortillon::codecs
