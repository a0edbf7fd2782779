#include "app-server/event_json.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "app-server/event_ids.hpp"
#include "gateway-bridge/base64.hpp"
#include "json-text/json_text.hpp"

namespace hortillon::app_server {

using namespace json_text;  // append_key, append_string, ... on std::string

auto to_string(LogLevel level) -> std::string_view {
    constexpr std::array<std::string_view, 3> names{"INFO", "WARNING", "ERROR"};
    return names.at(static_cast<std::size_t>(level));
}

auto to_string(LogCode code) -> std::string_view {
    constexpr std::array<std::string_view, 11> names{
        "UNKNOWN",
        "DOWNLINK_PAYLOAD_SIZE",
        "UPLINK_CODEC",
        "DOWNLINK_CODEC",
        "OTAA",
        "UPLINK_F_CNT_RESET",
        "UPLINK_MIC",
        "UPLINK_F_CNT_RETRANSMISSION",
        "DOWNLINK_GATEWAY",
        "F_CNT_DOWN",
        "EXPIRED",
    };
    return names.at(static_cast<std::size_t>(code));
}

auto code_rate_name(gateway_bridge::CodeRate rate) -> std::string_view {
    // In enumerator order of gateway_bridge::CodeRate; "OFF" has no ChirpStack name.
    constexpr std::array<std::string_view, 13> names{
        "CR_4_5", "CR_4_6", "CR_4_7",    "CR_4_8",    "CR_3_8",    "CR_2_6",       "CR_1_4",
        "CR_1_6", "CR_5_6", "CR_LI_4_5", "CR_LI_4_6", "CR_LI_4_8", "CR_UNDEFINED",
    };
    return names.at(static_cast<std::size_t>(rate));
}

namespace {

void append_eui(std::string& out, lorawan::Eui64 eui) {
    append_string(out, eui.to_text().view());
}

// Stored tags are a JSON object; ChirpStack's are strings, so other values are written as text.
void append_tags(std::string& out, const std::string& tags) {
    open_object(out);
    if (tags != "{}") {  // the usual case, without a parse
        const auto parsed = nlohmann::json::parse(tags, nullptr, false);
        if (parsed.is_object()) {
            for (const auto& [key, value] : parsed.items()) {  // sorted, as nlohmann dumps them
                append_string(out, key);
                out += ':';
                append_string(
                    out, value.is_string() ? value.get_ref<const std::string&>() : value.dump());
            }
        }
    }
    close_object(out);
}

void append_device_info(std::string& out, const DeviceInfo& info) {
    open_object(out);
    append_key(out, "applicationId");
    append_string(out, info.application_id);
    append_key(out, "applicationName");
    append_string(out, info.application_name);
    append_key(out, "devEui");
    append_eui(out, info.dev_eui);
    append_key(out, "deviceClassEnabled");
    append_string(out, info.device_class == storage::DeviceClass::c ? "CLASS_C" : "CLASS_A");
    append_key(out, "deviceName");
    append_string(out, info.device_name);
    append_key(out, "deviceProfileId");
    append_string(out, info.device_profile_id);
    append_key(out, "deviceProfileName");
    append_string(out, info.device_profile_name);
    append_key(out, "tags");
    append_tags(out, info.tags);
    append_key(out, "tenantId");
    append_string(out, info.tenant_id);
    append_key(out, "tenantName");
    append_string(out, info.tenant_name);
    close_object(out);
}

// ChirpStack's gateway bridge puts the tmst, 4 bytes big-endian, in the opaque context.
auto tmst_context(std::uint32_t tmst) -> std::string {
    const std::array<std::uint8_t, 4> bytes{
        static_cast<std::uint8_t>(tmst >> 24), static_cast<std::uint8_t>(tmst >> 16),
        static_cast<std::uint8_t>(tmst >> 8), static_cast<std::uint8_t>(tmst)};
    return gateway_bridge::encode_base64(bytes);
}

void append_location(std::string& out, const Location& location) {
    open_object(out);
    append_key(out, "altitude");
    append_double(out, location.altitude.value_or(0.0));
    append_key(out, "latitude");
    append_double(out, location.latitude);
    append_key(out, "longitude");
    append_double(out, location.longitude);
    close_object(out);
}

void append_rx_info(std::string& out, const RxInfo& rx_info) {
    open_object(out);
    append_key(out, "channel");
    append_unsigned(out, rx_info.channel);
    append_key(out, "context");
    append_string(out, tmst_context(rx_info.tmst));
    append_key(out, "crcStatus");
    append_string(out, "CRC_OK");
    append_key(out, "gatewayId");
    append_eui(out, rx_info.gateway_id);
    if (rx_info.gw_time) {
        append_key(out, "gwTime");
        append_string(out, rfc3339_text(*rx_info.gw_time).view());
    }
    if (rx_info.location) {
        append_key(out, "location");
        append_location(out, *rx_info.location);
    }
    append_key(out, "nsTime");
    append_string(out, rfc3339_text(rx_info.ns_time).view());
    append_key(out, "rfChain");
    append_unsigned(out, rx_info.rf_chain);
    append_key(out, "rssi");
    append_signed(out, rx_info.rssi);
    if (rx_info.snr) {
        append_key(out, "snr");
        append_double(out, *rx_info.snr);
    }
    append_key(out, "uplinkId");
    append_unsigned(out, rx_info.uplink_id);
    close_object(out);
}

void append_code_rate(std::string& out, std::optional<gateway_bridge::CodeRate> rate) {
    append_key(out, "codeRate");
    append_string(out, code_rate_name(rate.value_or(gateway_bridge::CodeRate::off)));
}

void append_modulation(std::string& out, const gateway_bridge::Modulation& modulation) {
    open_object(out);
    if (const auto* lora = std::get_if<gateway_bridge::LoraModulation>(&modulation)) {
        append_key(out, "lora");
        open_object(out);
        append_key(out, "bandwidth");
        append_unsigned(out, lora->bandwidth_hz);
        append_code_rate(out, lora->code_rate);
        append_key(out, "spreadingFactor");
        append_unsigned(out, lora->spreading_factor);
        close_object(out);
    } else if (const auto* fsk = std::get_if<gateway_bridge::FskModulation>(&modulation)) {
        append_key(out, "fsk");
        open_object(out);
        append_key(out, "datarate");
        append_unsigned(out, fsk->bit_rate);
        close_object(out);
    } else {
        const auto& lr_fhss = std::get<gateway_bridge::LrFhssModulation>(modulation);
        append_key(out, "lrFhss");
        open_object(out);
        append_code_rate(out, lr_fhss.code_rate);
        if (lr_fhss.grid_steps) {
            append_key(out, "gridSteps");
            append_unsigned(out, *lr_fhss.grid_steps);
        }
        append_key(out, "operatingChannelWidth");
        append_unsigned(out, lr_fhss.operating_channel_width_hz);
        close_object(out);
    }
    close_object(out);
}

void append_tx_info(std::string& out, const TxInfo& tx_info) {
    open_object(out);
    append_key(out, "frequency");
    append_unsigned(out, tx_info.frequency_hz);
    append_key(out, "modulation");
    append_modulation(out, tx_info.modulation);
    close_object(out);
}

void append_string_member(std::string& out, std::string_view key, std::string_view value) {
    append_key(out, key);
    append_string(out, value);
}

// Room for a whole event without growing: a device info block with tags is about 400 bytes.
constexpr std::size_t device_event_capacity = 768;

}  // namespace

// Each writer below lists its members in byte order of their keys, as nlohmann sorts them.

auto to_json_text(const UplinkEvent& event) -> std::string {
    std::string out;
    out.reserve(device_event_capacity + 400 * event.rx_info.size() + 2 * event.data.size());
    open_object(out);
    append_key(out, "adr");
    append_bool(out, event.adr);
    append_key(out, "confirmed");
    append_bool(out, event.confirmed);
    append_string_member(out, "data", gateway_bridge::encode_base64(event.data));
    append_string_member(out, "deduplicationId", event.deduplication_id);
    append_string_member(out, "devAddr", event.dev_addr.to_string());
    append_key(out, "deviceInfo");
    append_device_info(out, event.device_info);
    append_key(out, "dr");
    append_unsigned(out, event.dr);
    append_key(out, "fCnt");
    append_unsigned(out, event.f_cnt);
    append_key(out, "fPort");
    append_unsigned(out, event.f_port);
    if (event.object) {
        append_key(out, "object");
        append_json(out, *event.object);
    }
    append_key(out, "rxInfo");
    open_array(out);
    for (const auto& rx : event.rx_info) {
        append_rx_info(out, rx);
    }
    close_array(out);
    append_string_member(out, "time", rfc3339_text(event.time).view());
    append_key(out, "txInfo");
    append_tx_info(out, event.tx_info);
    close_object(out);
    return out;
}

auto to_json_text(const JoinEvent& event) -> std::string {
    std::string out;
    out.reserve(device_event_capacity);
    open_object(out);
    append_string_member(out, "deduplicationId", event.deduplication_id);
    append_string_member(out, "devAddr", event.dev_addr.to_string());
    append_key(out, "deviceInfo");
    append_device_info(out, event.device_info);
    append_string_member(out, "time", rfc3339_text(event.time).view());
    close_object(out);
    return out;
}

auto to_json_text(const AckEvent& event) -> std::string {
    std::string out;
    out.reserve(device_event_capacity);
    open_object(out);
    append_key(out, "acknowledged");
    append_bool(out, event.acknowledged);
    append_string_member(out, "deduplicationId", event.deduplication_id);
    append_key(out, "deviceInfo");
    append_device_info(out, event.device_info);
    if (event.f_cnt_down) {
        append_key(out, "fCntDown");
        append_unsigned(out, *event.f_cnt_down);
    }
    append_string_member(out, "queueItemId", event.queue_item_id);
    append_string_member(out, "time", rfc3339_text(event.time).view());
    close_object(out);
    return out;
}

auto to_json_text(const TxAckEvent& event) -> std::string {
    std::string out;
    out.reserve(device_event_capacity);
    open_object(out);
    append_key(out, "deviceInfo");
    append_device_info(out, event.device_info);
    append_key(out, "downlinkId");
    append_unsigned(out, event.downlink_id);
    if (event.f_cnt_down) {
        append_key(out, "fCntDown");
        append_unsigned(out, *event.f_cnt_down);
    }
    if (event.gateway_id) {
        append_key(out, "gatewayId");
        append_eui(out, *event.gateway_id);
    }
    if (event.queue_item_id) {
        append_string_member(out, "queueItemId", *event.queue_item_id);
    }
    append_string_member(out, "time", rfc3339_text(event.time).view());
    close_object(out);
    return out;
}

auto to_json_text(const StatusEvent& event) -> std::string {
    std::string out;
    out.reserve(device_event_capacity);
    open_object(out);
    append_key(out, "batteryLevel");
    append_double(out, event.battery_level);
    append_key(out, "batteryLevelUnavailable");
    append_bool(out, event.battery_level_unavailable);
    append_string_member(out, "deduplicationId", event.deduplication_id);
    append_key(out, "deviceInfo");
    append_device_info(out, event.device_info);
    append_key(out, "externalPowerSource");
    append_bool(out, event.external_power_source);
    append_key(out, "margin");
    append_signed(out, event.margin);
    append_string_member(out, "time", rfc3339_text(event.time).view());
    close_object(out);
    return out;
}

auto to_json_text(const LogEvent& event) -> std::string {
    std::string out;
    out.reserve(device_event_capacity);
    open_object(out);
    append_string_member(out, "code", to_string(event.code));
    append_key(out, "context");
    open_object(out);
    for (const auto& [key, value] : event.context) {  // a std::map: sorted as nlohmann sorts
        append_string(out, key);
        out += ':';
        append_string(out, value);
    }
    close_object(out);
    append_string_member(out, "description", event.description);
    append_key(out, "deviceInfo");
    append_device_info(out, event.device_info);
    append_string_member(out, "level", to_string(event.level));
    append_string_member(out, "time", rfc3339_text(event.time).view());
    close_object(out);
    return out;
}

}  // namespace hortillon::app_server
