#pragma once
// A real MQTT subscriber, as an application would run one: QoS 1 on every device event of every
// application (application/+/device/+/event/+). Each message goes to the handler on Paho's
// thread, with its arrival time taken first.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "lorawan/identifiers.hpp"

namespace mqtt {
class async_client;
}

namespace hortillon::bench {

using EventHandler = std::function<void(std::string_view topic, std::string_view payload,
                                        std::chrono::steady_clock::time_point arrived)>;

// What the generator needs from an event: its type ("up", "join", ...), the DevEUI of its topic
// and, for `up`, the fCnt and the `time` the server built it at. nullopt when the topic is not a
// device event topic.
struct DeviceEvent {
    std::string_view type;
    lorawan::Eui64 dev_eui;
    std::optional<std::uint32_t> f_cnt;
    std::optional<std::chrono::system_clock::time_point> time;
};
auto parse_device_event(std::string_view topic, std::string_view payload)
    -> std::optional<DeviceEvent>;

class EventSubscriber {
  public:
    // Connects and subscribes; throws std::runtime_error with the broker's answer on failure.
    EventSubscriber(const std::string& uri, EventHandler handler);
    EventSubscriber(const EventSubscriber&) = delete;
    auto operator=(const EventSubscriber&) -> EventSubscriber& = delete;
    ~EventSubscriber();

  private:
    std::unique_ptr<mqtt::async_client> client_;
    EventHandler handler_;
};

}  // namespace hortillon::bench
