#pragma once
// Gateway time: the concentrator's `tmst` counter, and GPS time (`tmms`).
//
// `tmst` is a free-running 32-bit microsecond counter in each concentrator, latched at the end of
// a reception ("RX finished"). It wraps every 2^32 us (about 71.6 minutes), it is per gateway and
// its origin is arbitrary: use it only to schedule that same gateway's downlinks, never compare
// values from two gateways, and never read it as wall-clock time. All arithmetic here is modulo
// 2^32, as the packet forwarder itself does it (Semtech UDP protocol, section 6).

#include <chrono>
#include <cstdint>

namespace hortillon::gateway_bridge {

struct GatewayTimestamp {
    std::uint32_t value = 0;  // microseconds, modulo 2^32

    // Equality only: `<` is meaningless across the wrap; use `signed_difference`.
    auto operator==(const GatewayTimestamp&) const -> bool = default;
};

// The counter value `delay` after `rx_tmst`, modulo 2^32. A class A RX1 downlink is sent at
// `to_gateway_timestamp(rx_tmst, 1s)`. Negative delays count backwards, also modulo 2^32.
constexpr auto to_gateway_timestamp(GatewayTimestamp rx_tmst, std::chrono::microseconds delay)
    -> GatewayTimestamp {
    // Conversion to an unsigned type is defined as reduction modulo 2^N, negatives included.
    auto step = static_cast<std::uint32_t>(static_cast<std::uint64_t>(delay.count()));
    return GatewayTimestamp{static_cast<std::uint32_t>(rx_tmst.value + step)};
}

// `later - earlier` as the signed 32-bit difference modulo 2^32: correct across the wrap as long
// as the two values are less than 2^31 us (about 35.8 minutes) apart. Positive when `later` is
// after `earlier`.
constexpr auto signed_difference(GatewayTimestamp later, GatewayTimestamp earlier)
    -> std::chrono::microseconds {
    auto forward = static_cast<std::uint32_t>(later.value - earlier.value);
    auto as_signed = forward < 0x8000'0000U
                         ? static_cast<std::int64_t>(forward)
                         : static_cast<std::int64_t>(forward) - (std::int64_t{1} << 32);
    return std::chrono::microseconds{as_signed};
}

// Widens a 32-bit `tmst` to the 64-bit microsecond count nearest to `reference` (a widened value
// from the same gateway, for example the previous uplink's). The one place where the counter is
// unwrapped. Results before zero are clamped to the next period.
constexpr auto widen(GatewayTimestamp tmst, std::uint64_t reference) -> std::uint64_t {
    auto offset = signed_difference(tmst, GatewayTimestamp{static_cast<std::uint32_t>(reference)});
    auto wide = static_cast<std::int64_t>(reference) + offset.count();
    return wide < 0 ? static_cast<std::uint64_t>(wide + (std::int64_t{1} << 32))
                    : static_cast<std::uint64_t>(wide);
}

// GPS time: milliseconds since the GPS epoch 1980-01-06T00:00:00, without leap seconds
// (`rxpk.tmms`, `txpk.tmms`). Its own type so that it never mixes with UTC or `tmst`.
struct GpsTime {
    std::chrono::milliseconds since_gps_epoch{0};

    auto operator<=>(const GpsTime&) const = default;
};

}  // namespace hortillon::gateway_bridge
