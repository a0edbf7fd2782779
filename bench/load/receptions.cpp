#include "bench/load/receptions.hpp"

#include <algorithm>
#include <array>

namespace hortillon::bench {

auto mix(std::uint64_t n) -> std::uint64_t {
    n += 0x9e3779b97f4a7c15ULL;
    n = (n ^ (n >> 30)) * 0xbf58476d1ce4e5b9ULL;
    n = (n ^ (n >> 27)) * 0x94d049bb133111ebULL;
    return n ^ (n >> 31);
}

auto receptions_of(std::uint64_t n, const GatewayFleet& fleet, Clock::time_point when)
    -> std::vector<Reception> {
    constexpr std::array<std::uint32_t, 3> channels_hz{868'100'000, 868'300'000, 868'500'000};
    const std::uint64_t bits = mix(n);
    const std::size_t gateways = fleet.size();
    const std::size_t copies = 1 + (bits & 0xff) % std::min<std::size_t>(3, gateways);
    const std::size_t first = ((bits >> 8) & 0xffff) % gateways;
    const std::size_t channel = ((bits >> 24) & 0xff) % channels_hz.size();
    std::vector<Reception> receptions;
    for (std::size_t copy = 0; copy < copies; ++copy) {
        const std::uint64_t signal = bits >> (32 + 10 * copy);
        const std::size_t gateway = (first + copy) % gateways;
        receptions.push_back(Reception{.gateway = gateway,
                                       .tmst = fleet.gateway(gateway).tmst_at(when),
                                       .rssi = -40 - static_cast<std::int32_t>(signal % 80),
                                       .lsnr = 10.0 - static_cast<double>((signal >> 7) % 20) * 0.5,
                                       .frequency_hz = channels_hz[channel],
                                       .channel = static_cast<std::uint8_t>(channel)});
    }
    return receptions;
}

}  // namespace hortillon::bench
