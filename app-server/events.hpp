#pragma once
// The integration events as value types, one struct per ChirpStack v4 event (integration.proto:
// UplinkEvent, JoinEvent, AckEvent, TxAckEvent, StatusEvent, LogEvent). event_json.hpp turns
// them into the JSON that applications read; nothing here reads a clock or draws randomness:
// ids and times are filled in by the caller (event_ids.hpp).

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gateway-bridge/modulation.hpp"
#include "lorawan/bytes.hpp"
#include "lorawan/identifiers.hpp"
#include "storage/records.hpp"

namespace hortillon::app_server {

using UtcTime = std::chrono::system_clock::time_point;

// Who the event is about; the same block in every event.
struct DeviceInfo {
    std::string tenant_id;
    std::string tenant_name;
    std::string application_id;
    std::string application_name;
    std::string device_profile_id;
    std::string device_profile_name;
    std::string device_name;
    lorawan::Eui64 dev_eui;
    storage::DeviceClass device_class = storage::DeviceClass::a;
    std::string tags = "{}";  // the device's tags, a JSON object of strings as stored
};

struct Location {
    double latitude = 0;
    double longitude = 0;
    std::optional<double> altitude;
};

// One gateway's reception of the uplink.
struct RxInfo {
    lorawan::Eui64 gateway_id;
    std::uint32_t uplink_id = 0;     // random, names this reception in logs
    UtcTime ns_time;                 // when the network server received it
    std::optional<UtcTime> gw_time;  // the gateway's GPS time, if it has one
    std::int32_t rssi = 0;
    std::optional<double> snr;  // absent for FSK
    std::uint8_t channel = 0;
    std::uint8_t rf_chain = 0;
    std::optional<Location> location;  // the gateway's registered location
    std::uint32_t tmst = 0;            // the concentrator counter, sent as `context`
};

struct TxInfo {
    std::uint32_t frequency_hz = 0;
    gateway_bridge::Modulation modulation;
};

// An uplink payload, decrypted. `object` is set only when the profile's codec decoded it
// without errors.
struct UplinkEvent {
    std::string deduplication_id;
    UtcTime time;
    DeviceInfo device_info;
    lorawan::DevAddr dev_addr;
    bool adr = false;
    std::uint8_t dr = 0;
    std::uint32_t f_cnt = 0;
    std::uint8_t f_port = 0;  // 0 when the frame had none
    bool confirmed = false;
    lorawan::Bytes data;  // FRMPayload, decrypted
    std::optional<nlohmann::json> object;
    std::vector<RxInfo> rx_info;
    TxInfo tx_info;
};

struct JoinEvent {
    std::string deduplication_id;
    UtcTime time;
    DeviceInfo device_info;
    lorawan::DevAddr dev_addr;
};

// The device answered a confirmed downlink (acknowledged or not).
struct AckEvent {
    std::string deduplication_id;
    UtcTime time;
    DeviceInfo device_info;
    std::string queue_item_id;
    bool acknowledged = false;
    std::optional<std::uint32_t> f_cnt_down;
};

// A gateway accepted a downlink for transmission.
struct TxAckEvent {
    std::uint32_t downlink_id = 0;
    UtcTime time;
    DeviceInfo device_info;
    std::optional<std::string> queue_item_id;  // absent for a downlink without payload
    std::optional<std::uint32_t> f_cnt_down;
    std::optional<lorawan::Eui64> gateway_id;
};

// A DevStatusAns.
struct StatusEvent {
    std::string deduplication_id;
    UtcTime time;
    DeviceInfo device_info;
    std::int32_t margin = 0;
    bool external_power_source = false;
    bool battery_level_unavailable = false;
    float battery_level = 0;  // percent
};

enum class LogLevel : std::uint8_t { info, warning, error };

// ChirpStack's LogCode values, spelled as they are on the wire by to_string.
enum class LogCode : std::uint8_t {
    unknown,
    downlink_payload_size,
    uplink_codec,
    downlink_codec,
    otaa,
    uplink_f_cnt_reset,
    uplink_mic,
    uplink_f_cnt_retransmission,
    downlink_gateway,
    f_cnt_down,
    expired,
};

// "INFO", "WARNING", "ERROR".
auto to_string(LogLevel level) -> std::string_view;
// "UNKNOWN", "DOWNLINK_PAYLOAD_SIZE", "UPLINK_CODEC", ...
auto to_string(LogCode code) -> std::string_view;

struct LogEvent {
    UtcTime time;
    DeviceInfo device_info;
    LogLevel level = LogLevel::info;
    LogCode code = LogCode::unknown;
    std::string description;
    std::map<std::string, std::string> context;
};

}  // namespace hortillon::app_server
