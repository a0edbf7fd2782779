#pragma once
// Which gateways hear transmission n, and how: 1 to 3 of them (as many as exist), each with its
// own tmst (its own counter, same instant), RSSI and SNR; the frequency is one of the three
// EU868 default channels. Derived from n by a fixed mix, so runs repeat exactly.

#include <cstdint>
#include <vector>

#include "bench/load/gateway_fleet.hpp"

namespace hortillon::bench {

auto receptions_of(std::uint64_t n, const GatewayFleet& fleet, Clock::time_point when)
    -> std::vector<Reception>;

// A well-mixed 64-bit value of n (splitmix64), for choices that must look random but repeat.
auto mix(std::uint64_t n) -> std::uint64_t;

}  // namespace hortillon::bench
