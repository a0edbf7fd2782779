#pragma once
// An application's MQTT 5 client for the end-to-end tests: connects (with a login, a CA and a
// client certificate when given), subscribes, publishes with QoS 1 and collects what arrives.
// Paho stays in the .cpp. Failures (refused login, denied publish, timeouts) throw.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace hortillon::test_support {

struct MqttLogin {
    std::string username;  // empty: anonymous
    std::string password;
    std::string ca_file;  // TLS (with an ssl:// URI)
    std::string cert_file;
    std::string key_file;
};

struct ReceivedMessage {
    std::string topic;
    std::string payload;
};

class MqttTestClient {
  public:
    MqttTestClient(const std::string& uri, const std::string& client_id,
                   const MqttLogin& login = {});
    MqttTestClient(const MqttTestClient&) = delete;
    auto operator=(const MqttTestClient&) -> MqttTestClient& = delete;
    ~MqttTestClient();

    void subscribe(const std::string& filter);
    // Returns once the broker acknowledged it (PUBACK); throws when it refused it.
    void publish(const std::string& topic, const std::string& payload);
    // Every message received up to and including the first one on `topic`, in order.
    auto receive_until(const std::string& topic,
                       std::chrono::milliseconds timeout = std::chrono::seconds{5})
        -> std::vector<ReceivedMessage>;

    struct Connection;

  private:
    std::unique_ptr<Connection> connection_;
};

}  // namespace hortillon::test_support
