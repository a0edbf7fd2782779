#pragma once
// The server's configuration: embedded defaults, overridden by a TOML file, overridden by
// command-line options. Passed around as a value; nothing reads it from a global.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lorawan/identifiers.hpp"
#include "lorawan/result.hpp"

namespace hortillon::cli {

struct MqttConfig {
    // Empty: no MQTT integration (and no application events are built).
    std::string uri = "tcp://127.0.0.1:1883";
    std::string client_id = "hortillon";
    std::string username;
    std::string password;
    std::string ca_file;    // TLS: CA certificates to trust
    std::string cert_file;  // TLS: client certificate
    std::string key_file;   // TLS: client private key
    // Events waiting for the broker at most; beyond, new events are refused (logged and
    // counted as as_outbox_refused), and the ones already stored are kept.
    std::size_t outbox_capacity = 100'000;
};

// JavaScript codecs run in hortillon-codec-worker processes, one call at a time each.
struct CodecsConfig {
    // A call that takes longer is stopped (the worker is killed and restarted) and fails.
    std::chrono::milliseconds js_timeout{100};
    // The JavaScript heap of one worker; an allocation beyond fails inside the codec.
    std::size_t js_memory_limit_mb = 64;
    // Empty: hortillon-codec-worker next to the hortillon executable.
    std::string js_worker;
};

struct ServerConfig {
    std::string db = "var/hortillon.db";
    std::string key_file = "var/hortillon.key";
    std::string udp = "0.0.0.0:1700";
    std::string log_level = "info";
    lorawan::NetId net_id{0x000000};
    std::vector<std::string> regions{"EU868"};
    // Extra uplink channels (Hz) sent in the CFList of EU868-like regions, as most gateways use.
    std::vector<std::uint32_t> extra_channels_hz{867'100'000, 867'300'000, 867'500'000, 867'700'000,
                                                 867'900'000};
    std::chrono::milliseconds deduplication_window{200};
    // How long a handled uplink is remembered so that late copies are dropped; shorter than the
    // earliest retransmission (after RX2), which must reach the network server.
    std::chrono::milliseconds late_copy_memory{1500};
    MqttConfig mqtt;
    CodecsConfig codecs;
};

// Reads `path` over the defaults. Errors name the file, the line and the key.
auto load_config(const std::string& path) -> Result<ServerConfig, std::string>;

// A complete, commented configuration file with every default (`hortillon config example`).
auto example_config() -> std::string_view;

}  // namespace hortillon::cli
