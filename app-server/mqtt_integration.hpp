#pragma once
// The MQTT side of the application server: one Paho client that publishes the event outbox to
// the broker (QoS 1, in id order, each row deleted after its PUBACK) and receives downlink
// commands on application/+/device/+/command/down.
//
//   thread loop:  connected? -- no --> connect (back-off reconnect_min .. reconnect_max, doubling)
//                    |                  subscribe to commands; restart after the last
//                    |                  acknowledged row
//                   yes --> read rows in batches, publish up to `window` unacknowledged
//                       --> wait for a run of PUBACKs (`settle_run`, or all when fewer are in
//                           flight), take the unbroken run of acknowledged rows from the oldest
//                           and hand its last id to the AcknowledgedEventRemover, which deletes
//                           the rows `delete_batch` at a time on a thread of its own
//                       --> connection lost: forget in-flight rows, they are sent again
//
// The loop runs on its own thread with its own SQLite connection to the store's file, on which
// it only reads; commands reach `on_command` on Paho's thread. Paho stays out of this header.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "lorawan/result.hpp"
#include "storage/database.hpp"
#include "telemetry/counters.hpp"
#include "telemetry/log.hpp"

namespace hortillon::app_server {

using namespace std::chrono_literals;

struct MqttSettings {
    std::string uri = "tcp://127.0.0.1:1883";  // tcp://, or ssl:// for TLS
    std::string client_id = "hortillon";
    std::string username;  // empty: none
    std::string password;
    std::string ca_file;    // TLS: CA certificates to trust
    std::string cert_file;  // TLS: client certificate
    std::string key_file;   // TLS: client private key
    std::chrono::milliseconds reconnect_min = 1s;
    std::chrono::milliseconds reconnect_max = 30s;
    std::chrono::milliseconds connect_timeout = 5s;
    std::chrono::milliseconds poll_interval = 200ms;  // outbox read at least this often
    // Unacknowledged publishes at most. Paho C 1.3 gets slower per message with more in flight:
    // draining a backlog to a local mosquitto, 64 gave 23,000 msgs/s, 128 about 14,000 to 20,000.
    std::size_t window = 64;
    std::size_t read_batch = 512;  // rows per outbox read at most (bounded by the free window)
    // PUBACKs waited for at a time before the window is refilled: one wake-up and one outbox
    // read per run instead of per event. Adds at most the time the broker takes for that many
    // acknowledgements (well under a millisecond on a local broker).
    std::size_t settle_run = 16;
    // The longest wait for that run before the loop turns to publish the events that came
    // meanwhile: a run that does not come must not hold every event behind it for a whole poll
    // interval. Much shorter costs more turns under load than it saves.
    std::chrono::milliseconds settle_wait = 50ms;
    // Paho C 1.3.11's send thread can miss the signal for new publishes (it checks its queue,
    // then waits on a condition variable without a predicate) and sleep until the next command,
    // or a second. A run not acknowledged after this long gets one command that wakes it: an
    // UNSUBSCRIBE from a topic filter nobody subscribes to. Runs of 9 to 23 PUBACKs then came
    // only when the next publish left, a whole settle_wait later. At most one wake-up is in
    // flight, and one per settle_wait; nudge_after >= settle_wait turns them off.
    std::chrono::milliseconds nudge_after = 5ms;
    // Acknowledged rows deleted together: fewer write transactions, each of which also makes the
    // server's connection re-read the table's pages. At most about this many are sent again
    // after a crash (at least once delivery allows it); fewer are deleted a poll interval after
    // their PUBACKs.
    std::size_t delete_batch = 256;
};

// A downlink command as it arrived: topic and raw body. Called on Paho's thread; must not throw
// (what it throws is logged and dropped).
using CommandHandler = std::function<void(const std::string& topic, const std::string& payload)>;

class MqttIntegration {
  public:
    // Opens a connection to the (already migrated) store file and starts the publishing thread.
    // It connects in the background: a broker that is down is retried, never fatal. Fails only
    // when the file cannot be opened or the URI is invalid.
    static auto start(const MqttSettings& settings, const std::filesystem::path& database_path,
                      CommandHandler on_command, telemetry::Counters& counters,
                      telemetry::Logger logger)
        -> Result<std::unique_ptr<MqttIntegration>, std::string>;

    MqttIntegration(const MqttIntegration&) = delete;
    auto operator=(const MqttIntegration&) -> MqttIntegration& = delete;
    // Stops the thread and disconnects; rows not yet acknowledged stay for the next start.
    ~MqttIntegration();

    // New rows were appended: publish them now rather than at the next poll. Any thread.
    void notify_events();
    [[nodiscard]] auto connected() const -> bool;

    struct State;

  private:
    explicit MqttIntegration(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace hortillon::app_server
