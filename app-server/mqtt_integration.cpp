#include "app-server/mqtt_integration.hpp"

#include <spdlog/spdlog.h>

#include <mqtt/async_client.h>
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "app-server/acknowledged_event_remover.hpp"
#include "app-server/outbox.hpp"
#include "app-server/tcp_no_delay.hpp"
#include "app-server/topics.hpp"

namespace hortillon::app_server {

namespace {
struct InFlight {
    std::int64_t id = 0;
    mqtt::delivery_token_ptr token;
};

// Subscribed by nobody: unsubscribing from it only makes Paho's send thread run.
constexpr std::string_view send_thread_wake_filter = "hortillon/unused/send-thread-wake";

auto ssl_options(const MqttSettings& settings) -> mqtt::ssl_options {
    mqtt::ssl_options ssl;
    // The broker's certificate must also name the host of the URI, not only chain to the CA.
    ssl.set_verify(true);
    if (!settings.ca_file.empty())
        ssl.set_trust_store(settings.ca_file);
    if (!settings.cert_file.empty())
        ssl.set_key_store(settings.cert_file);
    if (!settings.key_file.empty())
        ssl.set_private_key(settings.key_file);
    return ssl;
}

auto connect_options(const MqttSettings& settings) -> mqtt::connect_options {
    // Our own loop reconnects, so that it can restart after the last acknowledged row.
    auto builder = mqtt::connect_options_builder()
                       .mqtt_version(MQTTVERSION_3_1_1)  // no silent fall-back to 3.1
                       .clean_session(true)
                       .automatic_reconnect(false)
                       .keep_alive_interval(std::chrono::seconds{30})
                       .connect_timeout(settings.connect_timeout);
    if (!settings.username.empty())
        builder.user_name(settings.username).password(settings.password);
    const bool tls = settings.uri.starts_with("ssl://") || settings.uri.starts_with("mqtts://") ||
                     !settings.ca_file.empty() || !settings.cert_file.empty();
    if (tls)
        builder.ssl(ssl_options(settings));
    return builder.finalize();
}
}  // namespace

struct MqttIntegration::State {
    MqttSettings settings;
    std::unique_ptr<storage::Database> database;  // read only: the remover deletes
    std::unique_ptr<AcknowledgedEventRemover> remover;
    std::unique_ptr<mqtt::async_client> client;
    mqtt::connect_options options;
    CommandHandler on_command;
    telemetry::Counters& counters;
    telemetry::Logger logger;

    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;      // guarded by mutex
    bool events_ready = false;  // guarded by mutex
    std::atomic<bool> connected{false};

    // The publishing thread's own:
    std::deque<InFlight> in_flight;       // published, PUBACK not yet seen, in id order
    std::int64_t cursor = 0;              // the last id published on this connection
    bool outbox_may_have_rows = true;     // read the outbox on the next turn
    std::int64_t acknowledged_up_to = 0;  // rows up to this id have their PUBACK
    std::chrono::milliseconds pause{0};   // before the next connection attempt
    mqtt::token_ptr wake_token;           // the last wake-up of Paho's send thread
    std::chrono::steady_clock::time_point last_wake{};
    bool had_connection = false;
    std::jthread thread;

    State(MqttSettings settings_in, telemetry::Counters& counters_in, telemetry::Logger log)
        : settings(std::move(settings_in)), counters(counters_in), logger(std::move(log)) {}

    void run();
    auto wait(std::chrono::milliseconds timeout) -> bool;    // false: stopping
    auto take_flags() -> bool;                               // the same, without waiting
    auto sleep(std::chrono::milliseconds duration) -> bool;  // false: stopping
    void reconnect();
    auto connect() -> bool;
    void publish_pending();
    void settle_acknowledged();
    void wake_send_thread();
    auto take_acknowledged(std::optional<std::string>& oldest_failure) -> std::size_t;
    // The same, when why the oldest failed does not matter.
    void take_acknowledged() {
        std::optional<std::string> ignored;
        (void)take_acknowledged(ignored);
    }
    void lose_connection(const std::string& why);
    void receive(const mqtt::const_message_ptr& message);
};

// Sleeps until notified, stopped, disconnected or `timeout`; false when stopping. A
// notification means new rows: the next turn reads the outbox.
auto MqttIntegration::State::wait(std::chrono::milliseconds timeout) -> bool {
    {
        std::unique_lock lock(mutex);
        wake.wait_for(lock, timeout, [this] { return stopping || events_ready || !connected; });
    }
    return take_flags();
}

// Without the condition variable: a zero wait_for goes through it, a system call when nothing
// is pending, and the loop looks at its flags every turn.
auto MqttIntegration::State::take_flags() -> bool {
    std::scoped_lock lock(mutex);
    if (stopping)
        return false;
    if (std::exchange(events_ready, false))
        outbox_may_have_rows = true;
    return true;
}

// Sleeps for `duration` unless stopped; new events do not cut a back-off short.
auto MqttIntegration::State::sleep(std::chrono::milliseconds duration) -> bool {
    std::unique_lock lock(mutex);
    return !wake.wait_for(lock, duration, [this] { return stopping; });
}

void MqttIntegration::State::run() {
    while (take_flags()) {
        if (!connected) {
            reconnect();
            continue;
        }
        publish_pending();
        if (in_flight.empty()) {
            if (!wait(settings.poll_interval))
                break;
            outbox_may_have_rows = true;  // notified or not: poll
            continue;
        }
        settle_acknowledged();
    }
    // PUBACKs that came after the last turn count too: their rows are not sent again.
    take_acknowledged();
}

// The first attempt is immediate; after a lost connection or a failed attempt it waits,
// doubling the pause from reconnect_min up to reconnect_max.
void MqttIntegration::State::reconnect() {
    if (had_connection) {
        had_connection = false;
        // PUBACKs that arrived before the loss count: those rows are not sent again.
        take_acknowledged();
        counters.increment("as_mqtt_connection_lost");
        logger->warn("MQTT broker {}: connection lost; {} unacknowledged events will be sent again",
                     settings.uri, in_flight.size());
        in_flight.clear();
        pause = settings.reconnect_min;
    }
    if (pause.count() > 0 && !sleep(pause))
        return;
    if (connect()) {
        pause = std::chrono::milliseconds{0};
        had_connection = true;
    } else {
        pause = std::clamp(pause * 2, settings.reconnect_min, settings.reconnect_max);
    }
}

auto MqttIntegration::State::connect() -> bool {
    try {
        if (!client->connect(options)->wait_for(settings.connect_timeout + 1s)) {
            counters.increment("as_mqtt_connect_failed");
            return false;
        }
        client->subscribe(std::string(command_subscription), 1)->wait_for(settings.connect_timeout);
    } catch (const mqtt::exception& failure) {
        counters.increment("as_mqtt_connect_failed");
        logger->warn("MQTT broker {}: cannot connect ({}); retrying", settings.uri, failure.what());
        return false;
    }
    if (const auto port = broker_port(settings.uri)) {
        const auto nagle = disable_nagle_towards(*port);
        if (nagle.sockets == 0)
            logger->debug(
                "MQTT broker {}: no TCP connection to its port found, Nagle's "
                "algorithm left as the client library set it",
                settings.uri);
        else if (nagle.changed > 0)
            logger->debug("MQTT broker {}: Nagle's algorithm turned off", settings.uri);
    }
    // Rows acknowledged on the last connection are not sent again, whether the remover has
    // deleted them yet or not; whatever was still in flight is, oldest first.
    in_flight.clear();
    wake_token.reset();  // one of the last connection may never complete
    cursor = acknowledged_up_to;
    outbox_may_have_rows = true;
    connected = true;
    counters.increment("as_mqtt_connected");
    logger->info("MQTT broker {} connected; subscribed to {}", settings.uri, command_subscription);
    return true;
}

// Fills the window from the outbox, one read of up to `read_batch` rows per turn.
void MqttIntegration::State::publish_pending() {
    if (!outbox_may_have_rows || in_flight.size() >= settings.window)
        return;
    const std::size_t wanted = std::min(settings.window - in_flight.size(), settings.read_batch);
    auto events = read_outbox(*database, cursor, wanted);
    if (!events) {
        logger->error("event outbox not readable: {}", events.error().message);
        return;
    }
    // A short read drained the outbox; a notification or the poll interval starts the next.
    outbox_may_have_rows = events->size() == wanted;
    for (auto& event : *events) {
        try {
            auto message = mqtt::make_message(event.topic, event.payload, 1, false);
            in_flight.push_back(InFlight{event.id, client->publish(message)});
            cursor = event.id;
        } catch (const mqtt::exception& failure) {
            lose_connection(failure.what());
            return;
        }
    }
}

// Waits (settle_wait at most) for the broker to acknowledge a run of publishes, then takes
// the unbroken run of acknowledged publishes from the oldest. PUBACKs arrive in order on one
// connection, and only an unbroken run counts, so the acknowledged rows are always a prefix by id.
void MqttIntegration::State::settle_acknowledged() {
    const std::size_t awaited =
        std::min(in_flight.size(), std::max<std::size_t>(settings.settle_run, 1)) - 1;
    bool awaited_failed = false;
    try {
        auto& token = *in_flight[awaited].token;
        if (settings.nudge_after < settings.settle_wait && !token.wait_for(settings.nudge_after)) {
            wake_send_thread();
            (void)token.wait_for(settings.settle_wait - settings.nudge_after);
        } else {
            (void)token.wait_for(settings.settle_wait);
        }
    } catch (const mqtt::exception&) {
        awaited_failed = true;  // the run ends before it; the oldest tells what happened
    }
    // Whatever was acknowledged counts, even when the connection has gone since: those rows
    // must not be sent again.
    std::optional<std::string> oldest_failure;
    if (take_acknowledged(oldest_failure) > 0)
        return;
    if (oldest_failure) {
        lose_connection(*oldest_failure);
    } else if (!client->is_connected()) {
        lose_connection("connection lost");
    } else if (awaited_failed) {
        // A later publish failed while the oldest still waits: wait on the oldest, not spin.
        try {
            (void)in_flight.front().token->wait_for(settings.poll_interval);
        } catch (const mqtt::exception&) {
            // Taken on the next turn.
        }
    }
}

// One command for Paho's send thread, in case it missed the signal for the publishes waiting in
// its queue (MqttSettings::nudge_after). Its UNSUBACK is not waited for.
void MqttIntegration::State::wake_send_thread() {
    // At most one in flight and one per settle_wait: with a slow or distant broker many runs are
    // late, and each wake-up is a packet for the broker to answer.
    const auto now = std::chrono::steady_clock::now();
    if ((wake_token && !wake_token->is_complete()) || now - last_wake < settings.settle_wait)
        return;
    last_wake = now;
    counters.increment("as_mqtt_send_thread_woken");
    try {
        wake_token = client->unsubscribe(std::string(send_thread_wake_filter));
    } catch (const mqtt::exception& failure) {
        logger->debug("MQTT broker {}: wake-up UNSUBSCRIBE not sent: {}", settings.uri,
                      failure.what());
    }
}

// Moves the unbroken run of acknowledged publishes from the oldest out of the window into the
// rows to delete; returns how many. `oldest_failure`: why the oldest unacknowledged publish
// failed, when it did.
auto MqttIntegration::State::take_acknowledged(std::optional<std::string>& oldest_failure)
    -> std::size_t {
    std::size_t settled = 0;
    try {
        // try_wait reads the token's state under its lock (Paho completes it on its thread). A
        // zero wait_for did too, but then waited on its condition variable, a system call and a
        // context switch on every turn (8 % of this thread at 14,000 uplinks/s).
        while (settled < in_flight.size() && in_flight[settled].token->try_wait())
            ++settled;
    } catch (const mqtt::exception& failure) {
        oldest_failure = failure.what();
    }
    if (settled == 0)
        return 0;
    acknowledged_up_to = in_flight[settled - 1].id;
    remover->acknowledged_up_to(acknowledged_up_to);
    in_flight.erase(in_flight.begin(), in_flight.begin() + static_cast<std::ptrdiff_t>(settled));
    counters.increment("as_mqtt_published", settled);
    return settled;
}

void MqttIntegration::State::lose_connection(const std::string& why) {
    logger->debug("MQTT broker {}: {}", settings.uri, why);
    connected = false;
    try {
        if (client->is_connected())
            client->disconnect()->wait_for(1s);
    } catch (const mqtt::exception&) {
        // Already gone: nothing to close.
    }
}

void MqttIntegration::State::receive(const mqtt::const_message_ptr& message) {
    counters.increment("as_mqtt_command_received");
    try {
        on_command(message->get_topic(), message->to_string());
    } catch (const std::exception& failure) {
        logger->error("downlink command on {} not handled: {}", message->get_topic(),
                      failure.what());
    }
}

auto MqttIntegration::start(const MqttSettings& settings,
                            const std::filesystem::path& database_path, CommandHandler on_command,
                            telemetry::Counters& counters, telemetry::Logger logger)
    -> Result<std::unique_ptr<MqttIntegration>, std::string> {
    auto state = std::make_unique<State>(settings, counters, logger);
    auto database = storage::Database::open(database_path, storage::DatabaseOptions{});
    if (!database)
        return Unexpected{"outbox " + database_path.string() + ": " + database.error().message};
    state->database = std::move(*database);
    auto remover = AcknowledgedEventRemover::start(database_path, settings.delete_batch,
                                                   settings.poll_interval, std::move(logger));
    if (!remover)
        return Unexpected{remover.error()};
    state->remover = std::move(*remover);
    state->on_command = std::move(on_command);
    try {
        // No persistence object: the outbox table is the persistence. (The constructors taking
        // a directory would write Paho's own files.)
        auto create = mqtt::create_options_builder()
                          .max_buffered_messages(static_cast<int>(settings.window) * 2)
                          .finalize();
        state->client =
            std::make_unique<mqtt::async_client>(settings.uri, settings.client_id, create,
                                                 static_cast<mqtt::iclient_persistence*>(nullptr));
        state->options = connect_options(settings);
    } catch (const mqtt::exception& failure) {
        return Unexpected{"MQTT " + settings.uri + ": " + failure.what()};
    }
    State* raw = state.get();
    state->client->set_message_callback([raw](mqtt::const_message_ptr m) { raw->receive(m); });
    state->client->set_connection_lost_handler([raw](const std::string&) {
        {
            // Under the lock, so that an idle publisher cannot miss it between its check and its
            // wait.
            std::scoped_lock lock(raw->mutex);
            raw->connected = false;
        }
        raw->wake.notify_all();
    });
    state->thread = std::jthread([raw] { raw->run(); });
    return std::unique_ptr<MqttIntegration>(new MqttIntegration(std::move(state)));
}

MqttIntegration::MqttIntegration(std::unique_ptr<State> state) : state_(std::move(state)) {}

MqttIntegration::~MqttIntegration() {
    {
        std::scoped_lock lock(state_->mutex);
        state_->stopping = true;
    }
    state_->wake.notify_all();
    if (state_->thread.joinable())
        state_->thread.join();
    try {
        if (state_->client->is_connected())
            state_->client->disconnect()->wait_for(1s);
    } catch (const mqtt::exception&) {
        // Closing anyway.
    }
}

// Wakes the publisher only when the flag turns on: when it was on already, nothing has taken it
// since, and the publisher's next wait() returns at once. (A wake-up per commit cost the uplink
// thread a system call whenever the publisher waited, and with the broker down woke its back-off
// for nothing.)
void MqttIntegration::notify_events() {
    bool wake = false;
    {
        std::scoped_lock lock(state_->mutex);
        wake = !std::exchange(state_->events_ready, true);
    }
    if (wake)
        state_->wake.notify_all();
}

auto MqttIntegration::connected() const -> bool {
    return state_->connected;
}

}  // namespace hortillon::app_server
