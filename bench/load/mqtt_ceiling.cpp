#include "bench/load/mqtt_ceiling.hpp"

#include <unistd.h>

#include <mqtt/async_client.h>
#include <atomic>
#include <deque>
#include <stdexcept>
#include <thread>

namespace hortillon::bench {

namespace {
using Clock = std::chrono::steady_clock;
constexpr auto broker_timeout = std::chrono::seconds{10};
// Shaped like an event topic, under a prefix of its own so no event subscriber sees it.
constexpr std::string_view topic =
    "hortillon-bench/ceiling/5f2c1c4e-8d1b-4c47-9a55-0c9d3e1f2a7b/device/70b3d57ed0000000/"
    "event/up";

auto make_client(const std::string& uri, const std::string& role, std::size_t window)
    -> std::unique_ptr<mqtt::async_client> {
    auto create = mqtt::create_options_builder()
                      .max_buffered_messages(static_cast<int>(window) * 2 + 16)
                      .finalize();
    return std::make_unique<mqtt::async_client>(
        uri, "hortillon-bench-" + role + "-" + std::to_string(::getpid()), create,
        static_cast<mqtt::iclient_persistence*>(nullptr));
}

void connect(mqtt::async_client& client, std::size_t window) {
    auto options = mqtt::connect_options_builder()
                       .clean_session(true)
                       .max_inflight(static_cast<int>(window) + 16)
                       .finalize();
    if (!client.connect(options)->wait_for(broker_timeout))
        throw std::runtime_error("no CONNACK within 10 s");
}
}  // namespace

auto measure_mqtt_ceiling(const CeilingSettings& settings) -> CeilingResult {
    std::atomic<std::uint64_t> received{0};
    std::atomic<std::int64_t> last_arrival_ns{0};
    CeilingResult result;
    try {
        auto subscriber = make_client(settings.uri, "ceiling-sub", settings.window);
        subscriber->set_message_callback([&](mqtt::const_message_ptr) {
            last_arrival_ns = Clock::now().time_since_epoch().count();
            ++received;
        });
        connect(*subscriber, settings.window);
        if (!subscriber->subscribe(std::string(topic), 1)->wait_for(broker_timeout))
            throw std::runtime_error("no SUBACK within 10 s");
        auto publisher = make_client(settings.uri, "ceiling-pub", settings.window);
        connect(*publisher, settings.window);

        const std::string payload(settings.message_size, 'x');
        std::deque<mqtt::delivery_token_ptr> in_flight;
        const auto start = Clock::now();
        const auto end = start + settings.duration;
        while (Clock::now() < end) {
            while (in_flight.size() < settings.window) {
                in_flight.push_back(publisher->publish(std::string(topic), payload.data(),
                                                       payload.size(), 1, false));
                ++result.published;
            }
            in_flight.front()->wait();
            in_flight.pop_front();
        }
        for (auto& token : in_flight)
            token->wait_for(broker_timeout);
        const auto drain_deadline = Clock::now() + broker_timeout;
        while (received < result.published && Clock::now() < drain_deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds{10});
        result.received = received;
        const auto elapsed = Clock::time_point(Clock::duration(last_arrival_ns.load())) - start;
        result.messages_per_second =
            static_cast<double>(result.received) / std::chrono::duration<double>(elapsed).count();
        publisher->disconnect()->wait_for(broker_timeout);
        subscriber->disconnect()->wait_for(broker_timeout);
    } catch (const mqtt::exception& failure) {
        throw std::runtime_error("MQTT ceiling on " + settings.uri + ": " + failure.what());
    }
    return result;
}

}  // namespace hortillon::bench
