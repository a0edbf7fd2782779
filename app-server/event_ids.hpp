#pragma once
// The random and clock-derived parts of events, kept apart from the pure JSON builders.

#include <chrono>
#include <cstdint>
#include <string>

namespace hortillon::app_server {

// A random UUID version 4 (RFC 4122 section 4.4) from libsodium's randombytes, lowercase.
auto new_uuid_v4() -> std::string;
// A random 32-bit value (uplink and downlink ids).
auto random_u32() -> std::uint32_t;

// RFC 3339 in UTC with nanoseconds: "2024-05-01T12:00:00.123456789Z".
auto format_rfc3339(std::chrono::system_clock::time_point time) -> std::string;

}  // namespace hortillon::app_server
