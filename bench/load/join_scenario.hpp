#pragma once
// The join-burst scenario: N OTAA devices send their join-request within one second, each heard
// by 1 to 3 gateways. A join-accept counts when it decrypts with the device's AppKey, its MIC
// verifies, and its PULL_RESP reaches the gateway at least 32.5 ms before the RX1 (5 s) or RX2
// (6 s) tmst of that gateway's reception. `join` events on MQTT are counted too.

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

#include "lorawan/identifiers.hpp"

namespace hortillon::bench {

struct JoinSettings {
    std::string udp_host = "127.0.0.1";
    std::uint16_t udp_port = 1700;
    std::string mqtt_uri;  // empty: join events are not counted
    std::uint64_t devices = 1000;
    std::size_t gateways = 3;
    lorawan::Eui64 first_gateway{0x00800000a0000001};
    std::chrono::milliseconds burst{1000};
    std::uint16_t dev_nonce_salt = 0;  // varies the DevNonces between runs on one store
};

// Prints progress on `progress` and a markdown table on `out`. Returns 0 when every join-request
// was answered in time, 1 otherwise. Throws std::runtime_error when the server cannot be reached.
auto run_joins(const JoinSettings& settings, std::ostream& out, std::ostream& progress) -> int;

}  // namespace hortillon::bench
