// End to end with a real broker: a simulated gateway's uplink comes out of `hortillon serve` as
// a ChirpStack `up` event on MQTT, and a command published on command/down is queued and sent
// in the device's next RX1 window.
#include <catch2/catch.hpp>

#include <mqtt/async_client.h>
#include <nlohmann/json.hpp>

#include "gateway_simulator.hpp"
#include "mosquitto.hpp"
#include "server_fixture.hpp"
#include "simulated_device.hpp"
#include "uplink_steps.hpp"

using namespace hortillon;
using namespace hortillon::lorawan;
using namespace hortillon::test_support;
using namespace std::chrono_literals;

TEST_CASE("an uplink is published as an up event, and a command down reaches the device") {
    Mosquitto broker;
    ServerFixture server([&](cli::ServerConfig& config) { config.mqtt.uri = broker.uri(); });
    mqtt::async_client application(broker.uri(), "application",
                                   static_cast<mqtt::iclient_persistence*>(nullptr));
    application.start_consuming();
    application.connect()->wait();
    application.subscribe("application/#", 1)->wait();

    const Eui64 gateway_eui{0xaa555a0000000001};
    const Eui64 dev_eui{0x0102030405060708};
    server.add_gateway(gateway_eui);
    const auto profile = server.add_profile("abp", MacVersion::v1_0_3);
    server.add_abp_device(dev_eui, DevAddr{0x26011234}, abp_keys(0x31), profile);
    SimulatedDevice device(dev_eui, DevAddr{0x26011234}, abp_keys(0x31), MacVersion::v1_0_3);
    GatewaySimulator gateway(gateway_eui, "127.0.0.1", server.udp_port());
    gateway.pull_data();

    gateway.push_rxpk(heard(device.uplink(10, {0x2a, 0x01}), 100'000));
    auto message = application.try_consume_message_for(5s);
    REQUIRE(message);
    const std::string prefix =
        "application/" + server.application_id() + "/device/" + dev_eui.to_string();
    CHECK(message->get_topic() == prefix + "/event/up");
    const auto up = nlohmann::json::parse(message->to_string());
    CHECK(up["data"] == "KgE=");  // decrypted with the AppSKey
    CHECK(up["fPort"] == 10);
    CHECK(up["fCnt"] == 0);
    CHECK(up["deviceInfo"]["devEui"] == "0102030405060708");
    CHECK(up["rxInfo"][0]["gatewayId"] == "aa555a0000000001");

    application.publish(prefix + "/command/down", R"({"fPort":5,"data":"AQID"})", 1, false)->wait();
    const auto deadline = within(default_timeout);
    while (server.store().list_downlinks(dev_eui)->empty() && Clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    REQUIRE(server.store().list_downlinks(dev_eui)->size() == 1);

    gateway.push_rxpk(heard(device.uplink(10, {0x2b}), 5'000'000));
    auto resp = gateway.receive_pull_resp(within(default_timeout));
    REQUIRE(resp);
    const auto received = device.receive(resp->frame.phy_payload);
    REQUIRE(received);
    CHECK(received->frame.f_port == 5);
    CHECK(received->payload == Bytes{1, 2, 3});
    application.disconnect()->wait_for(1s);
}
