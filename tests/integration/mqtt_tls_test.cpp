// The server talks to mosquitto over TLS: certificates made at test time by the openssl
// command (a CA, a server certificate for 127.0.0.1, a client certificate), the server on an
// ssl:// or mqtts:// URI with its ca_file, and with cert_file and key_file when the broker
// requires client certificates. An uplink's `up` event reaches a TLS subscriber.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "broker_files.hpp"
#include "mosquitto.hpp"
#include "mqtt_test_client.hpp"
#include "server_fixture.hpp"
#include "simulated_device.hpp"
#include "uplink_steps.hpp"

using namespace hortillon;
using namespace hortillon::lorawan;
using namespace hortillon::test_support;

namespace {
const Eui64 gateway_eui{0xaa555a0000000001};
const Eui64 dev_eui{0x0102030405060708};
const DevAddr dev_addr{0x26011234};

auto tls_listener(const TestCertificates& certificates, bool require_certificate)
    -> MosquittoOptions {
    MosquittoOptions options;
    options.listener_settings = "cafile " + certificates.ca.string() + "\ncertfile " +
                                certificates.server_cert.string() + "\nkeyfile " +
                                certificates.server_key.string() + "\n";
    if (require_certificate)
        options.listener_settings += "require_certificate true\n";
    return options;
}

// Sends one uplink through the server and returns the `up` event `subscriber` received.
auto deliver_uplink(ServerFixture& server, MqttTestClient& subscriber) -> nlohmann::json {
    server.add_gateway(gateway_eui);
    server.add_abp_device(dev_eui, dev_addr, abp_keys(0x31),
                          server.add_profile("abp", MacVersion::v1_0_3));
    SimulatedDevice device(dev_eui, dev_addr, abp_keys(0x31), MacVersion::v1_0_3);
    GatewaySimulator gateway(gateway_eui, "127.0.0.1", server.udp_port());
    gateway.pull_data();
    gateway.push_rxpk(heard(device.uplink(10, {0x2a, 0x01}), 1'000'000));
    const std::string topic =
        "application/" + server.application_id() + "/device/" + dev_eui.to_string() + "/event/up";
    return nlohmann::json::parse(subscriber.receive_until(topic).back().payload);
}
}  // namespace

TEST_CASE("the server publishes over TLS with the broker's CA") {
    BrokerFiles files;
    const TestCertificates certificates = files.make_certificates("hortillon");
    Mosquitto broker(tls_listener(certificates, false));
    // Paho takes both schemes for TLS; the configuration passes the URI on unchanged.
    const std::string scheme = GENERATE(as<std::string>{}, "ssl://", "mqtts://");
    const std::string uri = scheme + "127.0.0.1:" + std::to_string(broker.port());
    ServerFixture server([&](cli::ServerConfig& config) {
        config.mqtt.uri = uri;
        config.mqtt.ca_file = certificates.ca.string();
    });
    MqttTestClient application(uri, "application", {{}, {}, certificates.ca.string(), {}, {}});
    application.subscribe("application/#");

    const auto up = deliver_uplink(server, application);
    CHECK(up["data"] == "KgE=");
    CHECK(up["deviceInfo"]["devEui"] == "0102030405060708");
    CHECK(server.counter("as_mqtt_connected") == 1);
}

TEST_CASE("the server presents its client certificate when the broker requires one") {
    BrokerFiles files;
    const TestCertificates certificates = files.make_certificates("hortillon");
    Mosquitto broker(tls_listener(certificates, true));
    const std::string uri = "ssl://127.0.0.1:" + std::to_string(broker.port());
    const MqttLogin with_certificate{{},
                                     {},
                                     certificates.ca.string(),
                                     certificates.client_cert.string(),
                                     certificates.client_key.string()};

    SECTION("with cert_file and key_file it connects and publishes") {
        ServerFixture server([&](cli::ServerConfig& config) {
            config.mqtt.uri = uri;
            config.mqtt.ca_file = certificates.ca.string();
            config.mqtt.cert_file = certificates.client_cert.string();
            config.mqtt.key_file = certificates.client_key.string();
        });
        MqttTestClient application(uri, "application", with_certificate);
        application.subscribe("application/#");
        const auto up = deliver_uplink(server, application);
        CHECK(up["data"] == "KgE=");
    }
    SECTION("without a client certificate the broker refuses the connection") {
        CHECK_THROWS(MqttTestClient(uri, "anonymous", {{}, {}, certificates.ca.string(), {}, {}}));
        ServerFixture server([&](cli::ServerConfig& config) {
            config.mqtt.uri = uri;
            config.mqtt.ca_file = certificates.ca.string();
        });
        REQUIRE(eventually([&] { return server.counter("as_mqtt_connect_failed") >= 1; }));
        CHECK(server.counter("as_mqtt_connected") == 0);
    }
}
