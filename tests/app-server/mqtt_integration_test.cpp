// The MQTT integration against a real mosquitto: QoS 1 publishing from the outbox in order,
// a broker restart without loss, and downlink commands handed to the handler.
#include <catch2/catch.hpp>

#include <mqtt/async_client.h>

#include <thread>

#include "app-server/downlink_command.hpp"
#include "app-server/mqtt_integration.hpp"
#include "app-server/outbox.hpp"
#include "app-server/tcp_no_delay.hpp"
#include "eventually.hpp"
#include "mailbox.hpp"
#include "mosquitto.hpp"
#include "store_fixture.hpp"

using namespace hortillon;
using namespace hortillon::app_server;
using namespace hortillon::storage::test;
using namespace std::chrono_literals;

namespace {
using Clock = std::chrono::steady_clock;

// A plain Paho client that subscribes to everything under application/.
class Subscriber {
  public:
    explicit Subscriber(const std::string& uri)
        : client_(uri, "test-subscriber", static_cast<mqtt::iclient_persistence*>(nullptr)) {
        client_.start_consuming();
        const auto options = mqtt::connect_options_builder().clean_session(true).finalize();
        client_.connect(options)->wait();
        client_.subscribe("application/#", 1)->wait();
    }
    ~Subscriber() {
        try {
            client_.disconnect()->wait_for(1s);
        } catch (const mqtt::exception&) {
            // The broker may be gone already.
        }
    }
    Subscriber(const Subscriber&) = delete;
    auto operator=(const Subscriber&) -> Subscriber& = delete;

    // The payloads of the next `count` messages (fewer if they stop coming for `patience`).
    auto receive(std::size_t count, std::chrono::milliseconds patience = 5s)
        -> std::vector<std::string> {
        std::vector<std::string> payloads;
        while (payloads.size() < count) {
            auto message = client_.try_consume_message_for(patience);
            if (!message)
                break;
            payloads.push_back(message->to_string());
        }
        return payloads;
    }
    void publish(const std::string& topic, const std::string& payload) {
        client_.publish(topic, payload, 1, false)->wait();
    }

  private:
    mqtt::async_client client_;
};

struct IntegrationFixture : StoreFixture {
    test_support::Mosquitto broker;
    telemetry::Counters counters;
    telemetry::Logger logger = telemetry::make_logger("as", telemetry::LogLevel::off);
    EventOutbox outbox{100'000, counters, logger};
    test_support::Mailbox<std::pair<std::string, std::string>> commands;

    std::chrono::milliseconds reconnect_min = 1s;
    std::chrono::milliseconds poll_interval = 50ms;
    std::size_t delete_batch = MqttSettings{}.delete_batch;

    auto settings() const -> MqttSettings {
        MqttSettings settings;
        settings.uri = broker.uri();
        settings.client_id = "hortillon-test";
        settings.reconnect_min = reconnect_min;
        settings.reconnect_max = reconnect_min + 1s;
        settings.poll_interval = poll_interval;
        settings.delete_batch = delete_batch;
        return settings;
    }
    auto start() -> std::unique_ptr<MqttIntegration> {
        auto started = MqttIntegration::start(
            settings(), options.database_path,
            [this](const std::string& topic, const std::string& payload) {
                commands.put({topic, payload});
            },
            counters, logger);
        if (!started)
            throw std::runtime_error(started.error());
        return std::move(*started);
    }
    void append(int from, int to) {
        for (int n = from; n < to; ++n) {
            if (!outbox.append(store->database(), "application/a/device/0102030405060708/event/up",
                               std::to_string(n), std::chrono::system_clock::now()))
                throw std::runtime_error("append failed");
        }
    }
    void wait_until_drained() {
        (void)test_support::eventually([&] { return *outbox_size(store->database()) == 0; }, 10s);
    }
    void wait_until_published(std::uint64_t count) {
        (void)test_support::eventually([&] { return counters.value("as_mqtt_published") >= count; },
                                       10s);
    }
    void wait_until_connected(const MqttIntegration& integration) {
        (void)test_support::eventually([&] { return integration.connected(); }, 10s);
    }
};

auto numbers(const std::vector<std::string>& payloads) -> std::vector<int> {
    std::vector<int> out;
    for (const auto& payload : payloads)
        out.push_back(std::stoi(payload));
    return out;
}

auto range(int from, int to) -> std::vector<int> {
    std::vector<int> out;
    for (int n = from; n < to; ++n)
        out.push_back(n);
    return out;
}
}  // namespace

TEST_CASE("outbox events reach a subscriber with QoS 1, in order, and leave the outbox") {
    IntegrationFixture fixture;
    Subscriber subscriber(fixture.broker.uri());
    fixture.append(0, 300);  // more than Paho's default of 100 in flight
    auto integration = fixture.start();
    CHECK(numbers(subscriber.receive(300)) == range(0, 300));
    fixture.wait_until_drained();
    CHECK(*outbox_size(fixture.store->database()) == 0);
    CHECK(fixture.counters.value("as_mqtt_published") == 300);

    fixture.append(300, 310);
    integration->notify_events();
    CHECK(numbers(subscriber.receive(10)) == range(300, 310));
}

TEST_CASE("a backlog larger than the window and the read batch leaves in order, all deleted") {
    IntegrationFixture fixture;
    Subscriber subscriber(fixture.broker.uri());
    REQUIRE(fixture.settings().window < 2'500);
    fixture.append(0, 2'500);
    auto integration = fixture.start();
    CHECK(numbers(subscriber.receive(2'500)) == range(0, 2'500));
    fixture.wait_until_drained();
    CHECK(*outbox_size(fixture.store->database()) == 0);
    CHECK(fixture.counters.value("as_mqtt_published") == 2'500);
    CHECK(subscriber.receive(1).empty());  // nothing was sent twice

    // New rows after a drained outbox are woken up, not left for the poll.
    fixture.append(2'500, 2'600);
    integration->notify_events();
    CHECK(numbers(subscriber.receive(100)) == range(2'500, 2'600));
    fixture.wait_until_drained();
    CHECK(*outbox_size(fixture.store->database()) == 0);
}

TEST_CASE("the connection to the broker has Nagle's algorithm off") {
    IntegrationFixture fixture;  // no other client of the broker in this process
    auto integration = fixture.start();
    fixture.wait_until_connected(*integration);
    REQUIRE(integration->connected());
    // Nothing left to turn off on its one connection: the integration did it when it connected.
    const auto nagle = disable_nagle_towards(fixture.broker.port());
    CHECK(nagle.sockets == 1);
    CHECK(nagle.changed == 0);
    CHECK(fixture.counters.value("as_mqtt_connected") == 1);
}

TEST_CASE("a broker restart loses nothing: events wait in the outbox and follow in order") {
    IntegrationFixture fixture;
    // The new subscriber must be in before the integration's first retry, even on a busy
    // machine: the broker keeps no sessions across its restart.
    fixture.reconnect_min = 4s;
    auto integration = fixture.start();
    fixture.wait_until_connected(*integration);
    std::vector<int> received;
    {
        Subscriber subscriber(fixture.broker.uri());
        fixture.append(0, 50);
        integration->notify_events();
        received = numbers(subscriber.receive(50));
        REQUIRE(received == range(0, 50));
        fixture.wait_until_drained();
        fixture.broker.stop();
    }
    fixture.append(50, 100);  // while the broker is away
    integration->notify_events();
    std::this_thread::sleep_for(100ms);
    CHECK(*outbox_size(fixture.store->database()) == 50);
    fixture.broker.start();
    // Subscribed before the integration's first retry (reconnect_min after the loss), and waits
    // beyond that retry for the first event.
    Subscriber subscriber(fixture.broker.uri());
    const auto after = numbers(subscriber.receive(50, fixture.reconnect_min + 10s));
    CHECK(after == range(50, 100));
    fixture.wait_until_drained();
    CHECK(*outbox_size(fixture.store->database()) == 0);
    CHECK(fixture.counters.value("as_mqtt_connection_lost") == 1);
    CHECK(fixture.counters.value("as_mqtt_connected") == 2);
}

TEST_CASE("after a broker restart, acknowledged events not deleted yet are not sent again") {
    IntegrationFixture fixture;
    fixture.reconnect_min = 4s;  // the subscriber is in before the retry, as above
    // Acknowledged rows stay in the table: no batch is reached, no idle delay passes.
    fixture.poll_interval = 1h;
    fixture.delete_batch = 100'000;
    auto integration = fixture.start();
    fixture.wait_until_connected(*integration);
    {
        Subscriber subscriber(fixture.broker.uri());
        fixture.append(0, 20);
        integration->notify_events();
        REQUIRE(numbers(subscriber.receive(20)) == range(0, 20));
        fixture.wait_until_published(20);
        REQUIRE(fixture.counters.value("as_mqtt_published") == 20);
        CHECK(*outbox_size(fixture.store->database()) == 20);
        fixture.broker.stop();
    }
    fixture.append(20, 30);
    integration->notify_events();
    fixture.broker.start();
    Subscriber subscriber(fixture.broker.uri());
    REQUIRE(fixture.counters.value("as_mqtt_connected") == 1);  // else the race was lost
    // Sent again, the acknowledged rows would come first.
    CHECK(numbers(subscriber.receive(10, fixture.reconnect_min + 10s)) == range(20, 30));
    fixture.wait_until_published(30);
    REQUIRE(fixture.counters.value("as_mqtt_published") == 30);
    integration.reset();  // stopping removes every acknowledged row
    CHECK(*outbox_size(fixture.store->database()) == 0);
}

TEST_CASE("events lost in flight with the connection are sent again, in order") {
    IntegrationFixture fixture;
    fixture.reconnect_min = 4s;  // the new subscriber is in before the retry
    std::unique_ptr<MqttIntegration> integration;
    {
        Subscriber subscriber(fixture.broker.uri());  // in before the first publish
        fixture.append(0, 10);
        integration = fixture.start();
        REQUIRE(numbers(subscriber.receive(10)) == range(0, 10));
        fixture.wait_until_published(10);
        const auto woken = fixture.counters.value("as_mqtt_send_thread_woken");
        fixture.broker.pause();  // what is published now gets no PUBACK
        fixture.append(10, 30);
        integration->notify_events();
        // A late run's wake-up says the events are in flight. Not required: a wake-up of the
        // first run still unanswered when the broker froze holds back the next one.
        (void)test_support::eventually(
            [&] { return fixture.counters.value("as_mqtt_send_thread_woken") > woken; }, 2s);
        fixture.broker.kill();  // dies without acknowledging what it was sent
    }
    fixture.broker.start();
    Subscriber subscriber(fixture.broker.uri());
    REQUIRE(fixture.counters.value("as_mqtt_connected") == 1);  // else the race was lost
    CHECK(numbers(subscriber.receive(20, fixture.reconnect_min + 10s)) == range(10, 30));
    CHECK(subscriber.receive(1, 300ms).empty());  // each once
    fixture.wait_until_published(30);
    CHECK(fixture.counters.value("as_mqtt_published") == 30);
    CHECK(fixture.counters.value("as_mqtt_connection_lost") == 1);
    CHECK(fixture.counters.value("as_mqtt_connected") == 2);
}

TEST_CASE("a run of PUBACKs that is late wakes Paho's send thread, and nothing is lost") {
    IntegrationFixture fixture;
    auto integration = fixture.start();
    fixture.wait_until_connected(*integration);
    Subscriber subscriber(fixture.broker.uri());
    fixture.broker.pause();  // no PUBACK comes while it is frozen
    fixture.append(0, 20);
    integration->notify_events();
    (void)test_support::eventually(
        [&] { return fixture.counters.value("as_mqtt_send_thread_woken") > 0; }, 10s);
    fixture.broker.resume();
    REQUIRE(fixture.counters.value("as_mqtt_send_thread_woken") >= 1);
    CHECK(numbers(subscriber.receive(20)) == range(0, 20));
    fixture.wait_until_published(20);
    CHECK(fixture.counters.value("as_mqtt_published") == 20);
    CHECK(fixture.counters.value("as_mqtt_connection_lost") == 0);
    // The command subscription is untouched by the wake-up's UNSUBSCRIBE.
    const std::string topic = "application/app-1/device/0102030405060708/command/down";
    subscriber.publish(topic, R"({"devEui":"0102030405060708","fPort":10,"data":"AQID"})");
    auto command = fixture.commands.take(Clock::now() + 5s);
    REQUIRE(command);
    CHECK(command->first == topic);
}

TEST_CASE("a broker that is down at start is retried with back-off") {
    IntegrationFixture fixture;
    // The subscriber must be in before the retry, even on a busy machine: the events are
    // acknowledged by the broker whether anyone listens or not.
    fixture.reconnect_min = 4s;
    fixture.broker.stop();
    fixture.append(0, 5);
    auto integration = fixture.start();
    (void)test_support::eventually(
        [&] { return fixture.counters.value("as_mqtt_connect_failed") > 0; }, 10s);
    REQUIRE(fixture.counters.value("as_mqtt_connect_failed") == 1);
    CHECK_FALSE(integration->connected());
    fixture.broker.start();
    Subscriber subscriber(fixture.broker.uri());
    REQUIRE(fixture.counters.value("as_mqtt_connected") == 0);  // else the race was lost
    CHECK(numbers(subscriber.receive(5, fixture.reconnect_min + 10s)) == range(0, 5));
}

TEST_CASE("a command published on the down topic reaches the handler and parses") {
    IntegrationFixture fixture;
    auto integration = fixture.start();
    fixture.wait_until_connected(*integration);
    // The subscription is made before connected() turns true.
    Subscriber sender(fixture.broker.uri());
    const std::string topic = "application/app-1/device/0102030405060708/command/down";
    sender.publish(topic, R"({"devEui":"0102030405060708","fPort":10,"data":"AQID"})");
    auto command = fixture.commands.take(Clock::now() + 5s);
    REQUIRE(command);
    CHECK(command->first == topic);
    auto parsed = parse_downlink_command(command->first, command->second);
    REQUIRE(parsed);
    CHECK(parsed->f_port == 10);
    CHECK(parsed->data == lorawan::Bytes{1, 2, 3});
    CHECK(fixture.counters.value("as_mqtt_command_received") == 1);
}
