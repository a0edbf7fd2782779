#include "bench/load/event_subscriber.hpp"

#include <unistd.h>

#include <mqtt/async_client.h>
#include <charconv>
#include <stdexcept>

#include "gateway-bridge/utc_time.hpp"

namespace hortillon::bench {

namespace {
constexpr std::string_view event_filter = "application/+/device/+/event/+";
constexpr auto broker_timeout = std::chrono::seconds{10};

// The top-level "fCnt" of a ChirpStack `up` event. A plain search rather than a JSON parse:
// the subscriber must keep up with the server on the same cores, and no nested object of an
// `up` event (deviceInfo, object of the EM310 codec, rxInfo, txInfo) has an "fCnt" key.
auto find_f_cnt(std::string_view payload) -> std::optional<std::uint32_t> {
    constexpr std::string_view key = "\"fCnt\":";
    const auto at = payload.find(key);
    if (at == std::string_view::npos)
        return std::nullopt;
    std::uint32_t value = 0;
    const char* first = payload.data() + at + key.size();
    const auto [end, error] = std::from_chars(first, payload.data() + payload.size(), value);
    if (error != std::errc{} || end == first)
        return std::nullopt;
    return value;
}

// The top-level "time" of an event, RFC 3339 UTC as the server writes it
// ("2026-11-29T10:03:12.123456789Z"). The rxInfo times are "nsTime" and "gwTime": other keys.
// Read by the gateway bridge's parser of the same format, not sscanf, which was a tenth of the
// subscriber's thread: the generator shares the cores with the server it measures.
auto find_time(std::string_view payload) -> std::optional<std::chrono::system_clock::time_point> {
    constexpr std::string_view key = "\"time\":\"";
    const auto found = payload.find(key);
    if (found == std::string_view::npos)
        return std::nullopt;
    const auto start = found + key.size();
    const auto end = payload.find('"', start);
    if (end == std::string_view::npos)
        return std::nullopt;
    return gateway_bridge::parse_compact_time(payload.substr(start, end - start));
}
}  // namespace

auto parse_device_event(std::string_view topic, std::string_view payload)
    -> std::optional<DeviceEvent> {
    // application/{application_id}/device/{dev_eui}/event/{type}
    constexpr std::string_view device_part = "/device/";
    constexpr std::string_view event_part = "/event/";
    const auto device_at = topic.find(device_part);
    if (!topic.starts_with("application/") || device_at == std::string_view::npos)
        return std::nullopt;
    const auto eui_text = topic.substr(device_at + device_part.size(), 16);
    const auto rest = topic.substr(device_at + device_part.size() + eui_text.size());
    const auto dev_eui = lorawan::Eui64::parse(eui_text);
    if (!dev_eui || !rest.starts_with(event_part))
        return std::nullopt;
    DeviceEvent event{
        .type = rest.substr(event_part.size()), .dev_eui = *dev_eui, .f_cnt = {}, .time = {}};
    if (event.type == "up") {
        event.f_cnt = find_f_cnt(payload);
        event.time = find_time(payload);
    }
    return event;
}

EventSubscriber::EventSubscriber(const std::string& uri, EventHandler handler)
    : handler_(std::move(handler)) {
    try {
        client_ = std::make_unique<mqtt::async_client>(
            uri, "hortillon-bench-events-" + std::to_string(::getpid()),
            static_cast<mqtt::iclient_persistence*>(nullptr));
        client_->set_message_callback([this](mqtt::const_message_ptr message) {
            const auto arrived = std::chrono::steady_clock::now();
            handler_(message->get_topic_ref().str(), message->get_payload_ref().str(), arrived);
        });
        auto options = mqtt::connect_options_builder().clean_session(true).finalize();
        if (!client_->connect(options)->wait_for(broker_timeout))
            throw std::runtime_error("no CONNACK within 10 s");
        if (!client_->subscribe(std::string(event_filter), 1)->wait_for(broker_timeout))
            throw std::runtime_error("no SUBACK within 10 s");
    } catch (const mqtt::exception& failure) {
        throw std::runtime_error("MQTT subscriber on " + uri + ": " + failure.what());
    } catch (const std::runtime_error& failure) {
        throw std::runtime_error("MQTT subscriber on " + uri + ": " + failure.what());
    }
}

EventSubscriber::~EventSubscriber() {
    try {
        client_->disconnect()->wait_for(std::chrono::seconds{2});
    } catch (const mqtt::exception&) {
        // Already gone: nothing left to release but the client object.
    }
}

}  // namespace hortillon::bench
