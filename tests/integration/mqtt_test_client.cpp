#include "mqtt_test_client.hpp"

#include <mqtt/async_client.h>
#include <stdexcept>

namespace hortillon::test_support {

struct MqttTestClient::Connection {
    mqtt::async_client client;

    Connection(const std::string& uri, const std::string& client_id)
        : client(uri, client_id, mqtt::create_options(MQTTVERSION_5),
                 static_cast<mqtt::iclient_persistence*>(nullptr)) {}
};

namespace {
auto connect_options(const MqttLogin& login, bool tls) -> mqtt::connect_options {
    // MQTT 5, so that a publish the ACL denies fails with its reason code. (mosquitto 2.0.11
    // also sends that reason code to 3.1.1 clients, whose PUBACK has none: Paho then drops the
    // connection.)
    auto builder = mqtt::connect_options_builder()
                       .mqtt_version(MQTTVERSION_5)
                       .clean_start(true)
                       .connect_timeout(std::chrono::seconds{5});
    if (!login.username.empty())
        builder.user_name(login.username).password(login.password);
    if (tls) {
        mqtt::ssl_options ssl;
        ssl.set_trust_store(login.ca_file);
        if (!login.cert_file.empty()) {
            ssl.set_key_store(login.cert_file);
            ssl.set_private_key(login.key_file);
        }
        builder.ssl(ssl);
    }
    return builder.finalize();
}
}  // namespace

MqttTestClient::MqttTestClient(const std::string& uri, const std::string& client_id,
                               const MqttLogin& login)
    : connection_(std::make_unique<Connection>(uri, client_id)) {
    connection_->client.start_consuming();
    try {
        const bool tls = uri.starts_with("ssl://") || uri.starts_with("mqtts://");
        connection_->client.connect(connect_options(login, tls))->wait();
    } catch (const mqtt::exception& failure) {
        throw std::runtime_error(client_id + " cannot connect to " + uri + ": " + failure.what());
    }
}

MqttTestClient::~MqttTestClient() {
    try {
        if (connection_->client.is_connected())
            connection_->client.disconnect()->wait_for(std::chrono::seconds{1});
    } catch (const mqtt::exception&) {
        // The broker is gone already.
    }
}

void MqttTestClient::subscribe(const std::string& filter) {
    connection_->client.subscribe(filter, 1)->wait();
}

void MqttTestClient::publish(const std::string& topic, const std::string& payload) {
    auto token = connection_->client.publish(topic, payload.data(), payload.size(), 1, false);
    // A refusal (PUBACK reason code 0x80 or more) does not always complete the token.
    if (!token->wait_for(std::chrono::seconds{5}))
        throw std::runtime_error("no PUBACK for " + topic);
    if (token->get_reason_code() >= mqtt::UNSPECIFIED_ERROR)
        throw std::runtime_error("publish on " + topic + " refused: " +
                                 mqtt::exception::reason_code_str(token->get_reason_code()));
}

auto MqttTestClient::receive_until(const std::string& topic, std::chrono::milliseconds timeout)
    -> std::vector<ReceivedMessage> {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::vector<ReceivedMessage> received;
    mqtt::const_message_ptr message;
    while (connection_->client.try_consume_message_until(&message, deadline)) {
        if (!message)
            continue;  // a connection event, not a message
        received.push_back({message->get_topic(), message->to_string()});
        if (message->get_topic() == topic)
            return received;
    }
    throw std::runtime_error("no message on " + topic + " within the timeout (" +
                             std::to_string(received.size()) + " others)");
}

}  // namespace hortillon::test_support
