#pragma once
// Turns Nagle's algorithm off on this process's TCP connections to the MQTT broker. Paho C
// before 1.3.16 (Debian 12 has 1.3.11) leaves it on and offers no way to reach its socket. With
// it on, a PUBLISH split by a short write waits for the broker's delayed ACK (up to 200 ms on
// Linux): every event behind it is held that long.

#include <cstdint>
#include <optional>
#include <string_view>

namespace hortillon::app_server {

struct NagleChange {
    int sockets = 0;  // TCP sockets found whose peer port is the broker's
    int changed = 0;  // of those, the ones that had Nagle's algorithm on
};

// Sets TCP_NODELAY on each open TCP socket of this process whose peer port is `broker_port`.
// Meant to be called right after the MQTT client connected: no other connection of the server
// goes to a broker's port. Never throws: it is an optimisation.
auto disable_nagle_towards(std::uint16_t broker_port) -> NagleChange;

// The TCP port of a broker URI as Paho reads it (tcp://, mqtt://, ssl://, mqtts://, ws://,
// wss://, an IPv6 host in brackets): the one given, else the scheme's default; nullopt when the
// URI has none that parses.
auto broker_port(std::string_view uri) -> std::optional<std::uint16_t>;

}  // namespace hortillon::app_server
