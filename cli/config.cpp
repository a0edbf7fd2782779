#include "cli/config.hpp"

#include <toml++/toml.h>

#include <sstream>

namespace hortillon::cli {

namespace {
constexpr std::string_view example =
    R"(# Hortillon configuration. Every value shown is the default; delete what you do not change.
# Command-line options (--db, --key-file, --udp, --mqtt) override this file.

[server]
# SQLite database file; created with its folder on first start.
db = "var/hortillon.db"
# Key-encryption key for root and session keys at rest; created (mode 0600) on first start.
# Back it up with the database: without it the stored keys cannot be read.
key_file = "var/hortillon.key"
# Where gateways send Semtech UDP (packet forwarder) traffic.
udp = "0.0.0.0:1700"
# trace, debug, info, warn, error
log_level = "info"

[network]
# NetID, 6 hex digits. 000000 and 000001 are for private networks.
net_id = "000000"
# Regions served; a device profile names one of them.
regions = ["EU868"]
# Extra uplink channels (Hz) announced in the join-accept CFList (EU868: channels 3 to 7).
extra_channels_hz = [867100000, 867300000, 867500000, 867700000, 867900000]
# How long copies of one uplink from several gateways are collected.
deduplication_window_ms = 200
# How long a handled uplink is remembered so that copies arriving late are dropped. Keep it
# below RECEIVE_DELAY2 + 1 s: a device's retransmission must still be answered.
late_copy_memory_ms = 1500

[mqtt]
uri = "tcp://127.0.0.1:1883"
client_id = "hortillon"
username = ""
password = ""
# TLS (use an ssl:// URI): CA file, and a client certificate and key if the broker wants one.
ca_file = ""
cert_file = ""
key_file = ""
# Events kept in the store while the broker is away; a warning is logged as it fills.
outbox_capacity = 100000

[codecs]
# JavaScript codecs (hortillon codec import) run in separate worker processes. A call that
# takes longer than this is stopped (its worker is killed and restarted) and the uplink is
# delivered without a decoded object, with a log event.
js_timeout_ms = 100
# JavaScript heap of one worker; a codec allocating beyond it fails with an error.
js_memory_limit_mb = 64
# The worker executable; empty: hortillon-codec-worker next to the hortillon executable.
js_worker = ""
)";

// Copies `table[key]` into `target` when present; records a type error otherwise.
template <class T>
void read(const toml::table& table, std::string_view key, T& target, std::string& error) {
    const toml::node* node = table.get(key);
    if (node == nullptr)
        return;
    if (auto value = node->value<T>()) {
        target = *value;
    } else if (error.empty()) {
        std::ostringstream where;
        where << node->source().begin;
        error = "key '" + std::string(key) + "' at " + where.str() + " has the wrong type";
    }
}

void read_server(const toml::table& root, ServerConfig& config, std::string& error) {
    if (const auto* server = root["server"].as_table()) {
        read(*server, "db", config.db, error);
        read(*server, "key_file", config.key_file, error);
        read(*server, "udp", config.udp, error);
        read(*server, "log_level", config.log_level, error);
    }
}

void read_network(const toml::table& root, ServerConfig& config, std::string& error) {
    const auto* network = root["network"].as_table();
    if (network == nullptr)
        return;
    std::string net_id = config.net_id.to_string();
    read(*network, "net_id", net_id, error);
    if (auto parsed = lorawan::NetId::parse(net_id)) {
        config.net_id = *parsed;
    } else if (error.empty()) {
        error = "network.net_id must be 6 hex digits, got '" + net_id + "'";
    }
    if (const auto* regions = (*network)["regions"].as_array()) {
        config.regions.clear();
        for (const auto& region : *regions)
            config.regions.push_back(region.value_or(std::string{}));
    }
    if (const auto* channels = (*network)["extra_channels_hz"].as_array()) {
        config.extra_channels_hz.clear();
        for (const auto& hz : *channels) {
            config.extra_channels_hz.push_back(static_cast<std::uint32_t>(hz.value_or(0)));
        }
    }
    std::int64_t window_ms = config.deduplication_window.count();
    read(*network, "deduplication_window_ms", window_ms, error);
    config.deduplication_window = std::chrono::milliseconds{window_ms};
    std::int64_t late_ms = config.late_copy_memory.count();
    read(*network, "late_copy_memory_ms", late_ms, error);
    config.late_copy_memory = std::chrono::milliseconds{late_ms};
}

void read_mqtt(const toml::table& root, MqttConfig& mqtt, std::string& error) {
    const auto* table = root["mqtt"].as_table();
    if (table == nullptr)
        return;
    read(*table, "uri", mqtt.uri, error);
    read(*table, "client_id", mqtt.client_id, error);
    read(*table, "username", mqtt.username, error);
    read(*table, "password", mqtt.password, error);
    read(*table, "ca_file", mqtt.ca_file, error);
    read(*table, "cert_file", mqtt.cert_file, error);
    read(*table, "key_file", mqtt.key_file, error);
    std::int64_t capacity = static_cast<std::int64_t>(mqtt.outbox_capacity);
    read(*table, "outbox_capacity", capacity, error);
    mqtt.outbox_capacity = static_cast<std::size_t>(capacity);
}

void read_codecs(const toml::table& root, CodecsConfig& codecs, std::string& error) {
    const auto* table = root["codecs"].as_table();
    if (table == nullptr)
        return;
    std::int64_t timeout_ms = codecs.js_timeout.count();
    read(*table, "js_timeout_ms", timeout_ms, error);
    codecs.js_timeout = std::chrono::milliseconds{timeout_ms};
    auto memory_mb = static_cast<std::int64_t>(codecs.js_memory_limit_mb);
    read(*table, "js_memory_limit_mb", memory_mb, error);
    codecs.js_memory_limit_mb = memory_mb > 0 ? static_cast<std::size_t>(memory_mb) : 0;
    read(*table, "js_worker", codecs.js_worker, error);
}
}  // namespace

auto load_config(const std::string& path) -> Result<ServerConfig, std::string> {
    toml::table root;
    try {
        root = toml::parse_file(path);
    } catch (const toml::parse_error& failure) {
        std::ostringstream message;
        message << path << ": " << failure.description() << " at " << failure.source().begin;
        return Unexpected{message.str()};
    }
    ServerConfig config;
    std::string error;
    read_server(root, config, error);
    read_network(root, config, error);
    read_mqtt(root, config.mqtt, error);
    read_codecs(root, config.codecs, error);
    if (!error.empty())
        return Unexpected{path + ": " + error};
    if (config.codecs.js_timeout.count() <= 0 || config.codecs.js_memory_limit_mb == 0)
        return Unexpected{path +
                          ": codecs.js_timeout_ms and codecs.js_memory_limit_mb must be "
                          "positive"};
    if (config.deduplication_window.count() <= 0) {
        return Unexpected{path + ": network.deduplication_window_ms must be positive"};
    }
    return config;
}

auto example_config() -> std::string_view {
    return example;
}

}  // namespace hortillon::cli
