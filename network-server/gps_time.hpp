#pragma once
// GPS time for DeviceTimeAns: seconds since 1980-01-06T00:00:00 without leap seconds.

#include <chrono>
#include <cstdint>

namespace hortillon::network_server {

// GPS runs ahead of UTC by the leap seconds since 1980: 18 s since 2017-01-01, and no leap second
// has been announced since (IERS Bulletin C). Revisit if one is.
inline constexpr std::chrono::seconds gps_minus_utc{18};
// 1980-01-06T00:00:00Z in Unix time.
inline constexpr std::chrono::seconds gps_epoch_unix{315'964'800};

// The GPS time of a UTC instant, in 1/256 s steps as DeviceTimeAns carries it.
struct GpsSeconds {
    std::uint32_t seconds = 0;
    std::uint8_t fractional = 0;  // 1/256 s
};

constexpr auto to_gps_seconds(std::chrono::system_clock::time_point utc) -> GpsSeconds {
    using namespace std::chrono;
    const auto since_epoch =
        duration_cast<microseconds>(utc.time_since_epoch()) - gps_epoch_unix + gps_minus_utc;
    const auto whole = duration_cast<seconds>(since_epoch);
    const auto fraction = since_epoch - whole;
    return GpsSeconds{static_cast<std::uint32_t>(whole.count()),
                      static_cast<std::uint8_t>(fraction.count() * 256 / 1'000'000)};
}

}  // namespace hortillon::network_server
