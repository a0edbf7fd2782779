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

TEST_CASE("a known device's frame with a wrong MIC or a replayed counter gives a log event") {
    Mosquitto broker;
    ServerFixture server([&](cli::ServerConfig& config) {
        config.mqtt.uri = broker.uri();
        // Forget handled frames soon, so that the same frame again is a replay, not a late copy
        // from a slow gateway.
        config.late_copy_memory = 20ms;
    });
    mqtt::async_client application(broker.uri(), "application",
                                   static_cast<mqtt::iclient_persistence*>(nullptr));
    application.start_consuming();
    application.connect()->wait();
    const Eui64 gateway_eui{0xaa555a0000000002};
    const Eui64 dev_eui{0x0102030405060709};
    server.add_gateway(gateway_eui);
    const auto profile = server.add_profile("abp", MacVersion::v1_0_3);
    server.add_abp_device(dev_eui, DevAddr{0x26011235}, abp_keys(0x33), profile);
    SimulatedDevice device(dev_eui, DevAddr{0x26011235}, abp_keys(0x33), MacVersion::v1_0_3);
    // The same DevAddr with other keys: a device that lost its provisioning, or a forgery.
    SimulatedDevice stranger(dev_eui, DevAddr{0x26011235}, abp_keys(0x77), MacVersion::v1_0_3);
    GatewaySimulator gateway(gateway_eui, "127.0.0.1", server.udp_port());
    gateway.pull_data();
    const std::string prefix =
        "application/" + server.application_id() + "/device/" + dev_eui.to_string();
    application.subscribe(prefix + "/event/#", 1)->wait();

    auto next_log = [&] {
        auto message = application.try_consume_message_for(5s);
        REQUIRE(message);
        CHECK(message->get_topic() == prefix + "/event/log");
        return nlohmann::json::parse(message->to_string());
    };
    gateway.push_rxpk(heard(stranger.uplink(1, {0x01}), 100'000));
    const auto mic = next_log();
    CHECK(mic["code"] == "UPLINK_MIC");
    CHECK(mic["level"] == "WARNING");
    CHECK(mic["context"]["reason"] == "ns_uplink_mic_mismatch");

    const Bytes first = device.uplink(1, {0x02});
    gateway.push_rxpk(heard(first, 2'000'000));
    gateway.push_rxpk(heard(device.uplink(1, {0x03}), 4'000'000));
    for (int i = 0; i < 2; ++i) {
        auto up = application.try_consume_message_for(5s);
        REQUIRE(up);
        CHECK(up->get_topic() == prefix + "/event/up");
    }
    // The frames were released before their events reached us, so they are forgotten once the
    // memory has passed from here. (Sent at once, the same frame can arrive within a millisecond
    // of its release, still remembered, and be dropped as a late copy.)
    std::this_thread::sleep_for(40ms);
    // The first frame again, once handled and forgotten: a replay. (The last frame again would
    // be an NbTrans repetition, ignored without a word.)
    gateway.push_rxpk(heard(first, 9'000'000));
    const auto replay = next_log();
    CHECK(replay["code"] == "UPLINK_F_CNT_RETRANSMISSION");
    CHECK(replay["context"]["reason"] == "ns_uplink_f_cnt_replay");
    CHECK(server.counter("ns_uplink_f_cnt_replay") == 1);
    application.disconnect()->wait();
}
