// The event JSON as an nlohmann tree, the way event_json.cpp built it before it wrote text: the
// reference the text must equal byte for byte once dumped.
#include "event_json_reference.hpp"

#include <array>

#include "app-server/event_ids.hpp"
#include "app-server/event_json.hpp"
#include "gateway-bridge/base64.hpp"

namespace hortillon::app_server::test {

using nlohmann::json;

namespace {
// Stored tags are a JSON object; ChirpStack's are strings, so other values are written as text.
auto tags_json(const std::string& tags) -> json {
    auto parsed = json::parse(tags, nullptr, false);
    json out = json::object();
    if (!parsed.is_object())
        return out;
    for (const auto& [key, value] : parsed.items())
        out[key] = value.is_string() ? value.get<std::string>() : value.dump();
    return out;
}

auto modulation_json(const gateway_bridge::Modulation& modulation) -> json {
    if (const auto* lora = std::get_if<gateway_bridge::LoraModulation>(&modulation)) {
        json out = {{"bandwidth", lora->bandwidth_hz}, {"spreadingFactor", lora->spreading_factor}};
        out["codeRate"] = code_rate_name(lora->code_rate.value_or(gateway_bridge::CodeRate::off));
        return {{"lora", out}};
    }
    if (const auto* fsk = std::get_if<gateway_bridge::FskModulation>(&modulation))
        return {{"fsk", {{"datarate", fsk->bit_rate}}}};
    const auto& lr_fhss = std::get<gateway_bridge::LrFhssModulation>(modulation);
    json out = {{"operatingChannelWidth", lr_fhss.operating_channel_width_hz}};
    out["codeRate"] = code_rate_name(lr_fhss.code_rate.value_or(gateway_bridge::CodeRate::off));
    if (lr_fhss.grid_steps)
        out["gridSteps"] = *lr_fhss.grid_steps;
    return {{"lrFhss", out}};
}

// ChirpStack's gateway bridge puts the tmst, 4 bytes big-endian, in the opaque context.
auto tmst_context(std::uint32_t tmst) -> std::string {
    const std::array<std::uint8_t, 4> bytes{
        static_cast<std::uint8_t>(tmst >> 24), static_cast<std::uint8_t>(tmst >> 16),
        static_cast<std::uint8_t>(tmst >> 8), static_cast<std::uint8_t>(tmst)};
    return gateway_bridge::encode_base64(bytes);
}

// The fields every device event starts with.
auto event_head(const std::string& deduplication_id, UtcTime time, const DeviceInfo& info) -> json {
    return {{"deduplicationId", deduplication_id},
            {"time", std::string(rfc3339_text(time).view())},
            {"deviceInfo", reference_json(info)}};
}
}  // namespace

auto reference_json(const DeviceInfo& info) -> json {
    return {{"tenantId", info.tenant_id},
            {"tenantName", info.tenant_name},
            {"applicationId", info.application_id},
            {"applicationName", info.application_name},
            {"deviceProfileId", info.device_profile_id},
            {"deviceProfileName", info.device_profile_name},
            {"deviceName", info.device_name},
            {"devEui", info.dev_eui.to_string()},
            {"deviceClassEnabled",
             info.device_class == storage::DeviceClass::c ? "CLASS_C" : "CLASS_A"},
            {"tags", tags_json(info.tags)}};
}

auto reference_json(const RxInfo& rx_info) -> json {
    json out = {{"gatewayId", rx_info.gateway_id.to_string()},
                {"uplinkId", rx_info.uplink_id},
                {"nsTime", std::string(rfc3339_text(rx_info.ns_time).view())},
                {"rssi", rx_info.rssi},
                {"channel", rx_info.channel},
                {"rfChain", rx_info.rf_chain},
                {"context", tmst_context(rx_info.tmst)},
                {"crcStatus", "CRC_OK"}};
    if (rx_info.gw_time)
        out["gwTime"] = std::string(rfc3339_text(*rx_info.gw_time).view());
    if (rx_info.snr)
        out["snr"] = *rx_info.snr;
    if (rx_info.location) {
        json location = {{"latitude", rx_info.location->latitude},
                         {"longitude", rx_info.location->longitude}};
        location["altitude"] = rx_info.location->altitude.value_or(0.0);
        out["location"] = std::move(location);
    }
    return out;
}

auto reference_json(const TxInfo& tx_info) -> json {
    return {{"frequency", tx_info.frequency_hz},
            {"modulation", modulation_json(tx_info.modulation)}};
}

auto reference_json(const UplinkEvent& event) -> json {
    json out = event_head(event.deduplication_id, event.time, event.device_info);
    out["devAddr"] = event.dev_addr.to_string();
    out["adr"] = event.adr;
    out["dr"] = event.dr;
    out["fCnt"] = event.f_cnt;
    out["fPort"] = event.f_port;
    out["confirmed"] = event.confirmed;
    out["data"] = gateway_bridge::encode_base64(event.data);
    if (event.object)
        out["object"] = *event.object;
    json rx_info = json::array();
    for (const auto& rx : event.rx_info)
        rx_info.push_back(reference_json(rx));
    out["rxInfo"] = std::move(rx_info);
    out["txInfo"] = reference_json(event.tx_info);
    return out;
}

auto reference_json(const JoinEvent& event) -> json {
    json out = event_head(event.deduplication_id, event.time, event.device_info);
    out["devAddr"] = event.dev_addr.to_string();
    return out;
}

auto reference_json(const AckEvent& event) -> json {
    json out = event_head(event.deduplication_id, event.time, event.device_info);
    out["queueItemId"] = event.queue_item_id;
    out["acknowledged"] = event.acknowledged;
    if (event.f_cnt_down)
        out["fCntDown"] = *event.f_cnt_down;
    return out;
}

auto reference_json(const TxAckEvent& event) -> json {
    json out = {{"downlinkId", event.downlink_id},
                {"time", std::string(rfc3339_text(event.time).view())},
                {"deviceInfo", reference_json(event.device_info)}};
    if (event.queue_item_id)
        out["queueItemId"] = *event.queue_item_id;
    if (event.f_cnt_down)
        out["fCntDown"] = *event.f_cnt_down;
    if (event.gateway_id)
        out["gatewayId"] = event.gateway_id->to_string();
    return out;
}

auto reference_json(const StatusEvent& event) -> json {
    json out = event_head(event.deduplication_id, event.time, event.device_info);
    out["margin"] = event.margin;
    out["externalPowerSource"] = event.external_power_source;
    out["batteryLevelUnavailable"] = event.battery_level_unavailable;
    out["batteryLevel"] = event.battery_level;
    return out;
}

auto reference_json(const LogEvent& event) -> json {
    json context = json::object();
    for (const auto& [key, value] : event.context)
        context[key] = value;
    return {{"time", std::string(rfc3339_text(event.time).view())},
            {"deviceInfo", reference_json(event.device_info)},
            {"level", to_string(event.level)},
            {"code", to_string(event.code)},
            {"description", event.description},
            {"context", std::move(context)}};
}

}  // namespace hortillon::app_server::test
