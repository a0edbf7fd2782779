#pragma once
// The sustained-load scenario: D ABP devices behind G gateways send EM310-UDL uplinks at a rate
// raised step by step. The devices answer the server's MAC requests as real ones do
// (device_mac.hpp), so a warm-up of a few uplinks per device comes first, unjudged: it lets the
// server configure each device (the region's extra channels take several downlinks), so that the
// steps measure a fleet in its steady state rather than one just provisioned. Each step runs for a
// fixed time, then drains (every `up` event arrived, or no progress for a while) and is judged:
//
//   clean  = no lost and no duplicated event, p99 latency <= dedup window + 20 ms, every
//            PUSH_DATA acknowledged, and the generator kept the offered rate
//
// The steps stop after the first unclean one (unless all_steps). Every `confirmed_every`-th uplink
// (on average) is confirmed, so the server must answer it in RX1; those answers are checked for
// time. Then the broker's own QoS 1 ceiling is measured with messages the size of the events
// received.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "lorawan/identifiers.hpp"

namespace hortillon::bench {

struct SustainedSettings {
    std::string udp_host = "127.0.0.1";
    std::uint16_t udp_port = 1700;
    std::string mqtt_uri = "tcp://127.0.0.1:1883";
    pid_t server_pid = 0;  // 0: CPU and memory are not sampled
    std::uint64_t devices = 10'000;
    std::size_t gateways = 3;
    lorawan::Eui64 first_gateway{0x00800000a0000001};
    std::vector<std::uint64_t> rates{
        500,    1000,   2000,   5000,   10'000, 11'000, 12'000,
        13'000, 14'000, 15'000, 16'000, 17'000, 18'000, 20'000};  // as bench/run's
    std::chrono::seconds step_duration{10};
    std::chrono::milliseconds deduplication_window{200};
    std::chrono::seconds drain_timeout{5};  // without a new event
    std::uint32_t confirmed_every = 20;     // 0: no confirmed uplinks
    std::uint32_t first_f_cnt = 0;          // above the last run's, to reuse a server's store
    std::uint32_t warm_up_rounds = 3;       // uplinks per device before the steps (0: none)
    std::uint64_t warm_up_rate = 2000;      // uplinks/s during the warm-up
    std::size_t ceiling_window = 64;        // as the server's outbox publisher
    bool all_steps = false;                 // run every step, also after an unclean one
};

// Runs the steps and the ceiling measurement, prints progress on `progress` and the markdown
// tables on `out`. Returns 0 when at least one step was clean, 1 otherwise. Throws
// std::runtime_error when the server or the broker cannot be reached.
auto run_sustained(const SustainedSettings& settings, std::ostream& out, std::ostream& progress)
    -> int;

}  // namespace hortillon::bench
