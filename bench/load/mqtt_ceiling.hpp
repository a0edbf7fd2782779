#pragma once
// The broker's own ceiling on this machine: one Paho publisher sends QoS 1 messages of the size
// of our `up` events, with at most `window` unacknowledged (as the server's outbox publisher
// does), to one QoS 1 subscriber. Measures what the subscriber receives per second.

#include <chrono>
#include <cstdint>
#include <string>

namespace hortillon::bench {

struct CeilingSettings {
    std::string uri;
    std::size_t message_size = 1200;
    std::size_t window = 64;
    std::chrono::seconds duration{5};
};

struct CeilingResult {
    std::uint64_t published = 0;
    std::uint64_t received = 0;
    double messages_per_second = 0;  // received, from the first publish to the last arrival
};

// Throws std::runtime_error when the broker cannot be reached.
auto measure_mqtt_ceiling(const CeilingSettings& settings) -> CeilingResult;

}  // namespace hortillon::bench
