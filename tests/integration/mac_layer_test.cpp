// The MAC layer end to end: ADR moves a device with a strong link from SF12 to SF7 with one
// LinkADRReq that the device acknowledges, and a profile's DevStatus interval produces a
// DevStatusReq whose answer becomes a ChirpStack `status` event on MQTT.
#include <catch2/catch.hpp>

#include <mqtt/async_client.h>
#include <nlohmann/json.hpp>

#include "gateway_simulator.hpp"
#include "lorawan/mac/mac_commands.hpp"
#include "mosquitto.hpp"
#include "server_fixture.hpp"
#include "simulated_device.hpp"
#include "uplink_steps.hpp"

using namespace hortillon;
using namespace hortillon::lorawan;
using namespace hortillon::test_support;
using namespace std::chrono_literals;

namespace {
const Eui64 gateway_eui{0xaa555a00000000ad};

// A reception on EU868's 868.5 MHz channel at `spreading_factor`.
auto heard_at(const Bytes& phy, std::uint32_t tmst, unsigned spreading_factor, double snr)
    -> gateway_bridge::UplinkFrame {
    return heard(phy, tmst,
                 {.frequency_hz = 868'500'000, .spreading_factor = spreading_factor, .snr = snr});
}

auto downlink_commands(SimulatedDevice& device, const PullResp& resp) -> std::vector<MacCommand> {
    const auto received = device.receive(resp.frame.phy_payload);
    REQUIRE(received);
    const Bytes& bytes = received->frame.f_port == 0 ? received->payload : received->f_opts;
    return decode_mac_commands(bytes, Direction::downlink).commands;
}

auto stored_mac_state(ServerFixture& server, Eui64 dev_eui) -> nlohmann::json {
    auto session = server.store().get_device_session(dev_eui);
    REQUIRE(session);
    return nlohmann::json::parse(session->mac_state);
}
}  // namespace

TEST_CASE("ADR moves a device with a strong link from SF12 to SF7 with one LinkADRReq") {
    ServerFixture server;
    server.add_gateway(gateway_eui);
    const auto profile = server.add_profile("adr-1.0.3", MacVersion::v1_0_3);
    const Eui64 dev_eui{0x70b3d5499a0000ad};
    const DevAddr dev_addr{0x260100ad};
    server.add_abp_device(dev_eui, dev_addr, abp_keys(0x51), profile);
    SimulatedDevice device(dev_eui, dev_addr, abp_keys(0x51), MacVersion::v1_0_3);
    GatewaySimulator gateway(gateway_eui, "127.0.0.1", server.udp_port());
    gateway.pull_data();

    // SNR +5 dB at SF12: 25 dB above the SF12 floor (-20 dB); minus the 10 dB installation
    // margin that is 15 dB, five 3 dB steps: DR0 -> DR5, at the same (maximum) power.
    std::uint32_t tmst = 1'000'000;
    for (int i = 0; i < 4; ++i) {
        gateway.push_rxpk(heard_at(device.uplink(2, {0x01}), tmst += 10'000'000, 12, 5.0));
        REQUIRE(server.uplinks.take(within(default_timeout)));
    }
    CHECK_FALSE(gateway.receive_pull_resp(within(300ms)));  // four uplinks: not enough history
    gateway.push_rxpk(heard_at(device.uplink(2, {0x01}), tmst += 10'000'000, 12, 5.0));
    auto resp = gateway.receive_pull_resp(within(default_timeout));
    REQUIRE(resp);
    CHECK(std::get<gateway_bridge::GatewayTimestamp>(resp->frame.timing).value ==
          tmst + 1'000'000);  // RX1
    const auto commands = downlink_commands(device, *resp);
    REQUIRE(commands.size() == 1);
    const auto& request = std::get<LinkAdrReq>(commands[0]);
    CHECK(request.data_rate == 5);
    CHECK(request.tx_power == 0);
    CHECK(request.ch_mask == 0x0007);  // EU868's three default channels
    CHECK(request.ch_mask_cntl == 0);
    CHECK(request.nb_trans == 1);
    gateway.send_tx_ack(resp->token);
    REQUIRE(server.uplinks.take(within(default_timeout)));  // the fifth
    CHECK(stored_mac_state(server, dev_eui)["pending"].size() == 1);

    // The device applies it and says so (all three ACK bits) in its next uplink, now at SF7.
    const Bytes link_adr_ans{0x03, 0x07};
    gateway.push_rxpk(heard_at(device.uplink(2, {0x01}, false, std::nullopt, link_adr_ans),
                               tmst += 10'000'000, 7, 5.0));
    REQUIRE(server.uplinks.take(within(default_timeout)));
    auto state = stored_mac_state(server, dev_eui);
    CHECK(state["dr"] == 5);
    CHECK(state["tx_power_index"] == 0);
    CHECK(state["pending"].empty());
    CHECK(server.counter("ns_mac_acknowledged") == 1);
    // At SF7 the margin is 5 + 7.5 - 10 = 2.5 dB: no further step, no further request.
    gateway.push_rxpk(heard_at(device.uplink(2, {0x01}), tmst += 10'000'000, 7, 5.0));
    REQUIRE(server.uplinks.take(within(default_timeout)));
    CHECK_FALSE(gateway.receive_pull_resp(within(300ms)));
}

TEST_CASE("a device rejecting a LinkADRReq is not asked the same again") {
    ServerFixture server;
    server.add_gateway(gateway_eui);
    const auto profile = server.add_profile("adr-reject", MacVersion::v1_0_3);
    const Eui64 dev_eui{0x70b3d5499a0000ae};
    const DevAddr dev_addr{0x260100ae};
    server.add_abp_device(dev_eui, dev_addr, abp_keys(0x53), profile);
    SimulatedDevice device(dev_eui, dev_addr, abp_keys(0x53), MacVersion::v1_0_3);
    GatewaySimulator gateway(gateway_eui, "127.0.0.1", server.udp_port());
    gateway.pull_data();

    std::uint32_t tmst = 1'000'000;
    for (int i = 0; i < 5; ++i)
        gateway.push_rxpk(heard_at(device.uplink(2, {0x01}), tmst += 10'000'000, 12, 5.0));
    auto resp = gateway.receive_pull_resp(within(default_timeout));
    REQUIRE(resp);
    REQUIRE(std::get<LinkAdrReq>(downlink_commands(device, *resp).at(0)).data_rate == 5);
    gateway.send_tx_ack(resp->token);
    // Channel mask and power accepted, data rate refused: the device stays at SF12.
    const Bytes refused{0x03, 0x05};
    gateway.push_rxpk(heard_at(device.uplink(2, {0x01}, false, std::nullopt, refused),
                               tmst += 10'000'000, 12, 5.0));
    // A downlink leaves right after its uplink's commit, so once the six uplinks are handled the
    // wait below sees it. The next one, if any, must not repeat DR5.
    for (int i = 0; i < 6; ++i)
        REQUIRE(server.uplinks.take(within(default_timeout)));
    if (auto next = gateway.receive_pull_resp(within(500ms))) {
        for (const auto& command : downlink_commands(device, *next)) {
            if (const auto* again = std::get_if<LinkAdrReq>(&command))
                CHECK(again->data_rate < 5);
        }
    }
    CHECK(server.counter("ns_mac_rejected") == 1);
    CHECK(stored_mac_state(server, dev_eui)["dr"] == 0);
}

TEST_CASE("a DevStatus interval in the profile produces a status event with battery and margin") {
    Mosquitto broker;
    ServerFixture server([&](cli::ServerConfig& config) { config.mqtt.uri = broker.uri(); });
    mqtt::async_client application(broker.uri(), "status-watcher",
                                   static_cast<mqtt::iclient_persistence*>(nullptr));
    application.start_consuming();
    application.connect()->wait();
    server.add_gateway(gateway_eui);
    storage::DeviceProfile profile;
    profile.name = "status-daily";
    profile.mac_version = MacVersion::v1_0_4;
    profile.adr_enabled = false;
    profile.device_status_interval = std::chrono::hours{24};
    const auto profile_id = server.provisioning().add_profile(profile);
    const Eui64 dev_eui{0x70b3d5499a0000af};
    const DevAddr dev_addr{0x260100af};
    server.add_abp_device(dev_eui, dev_addr, abp_keys(0x55), profile_id);
    SimulatedDevice device(dev_eui, dev_addr, abp_keys(0x55), MacVersion::v1_0_4);
    GatewaySimulator gateway(gateway_eui, "127.0.0.1", server.udp_port());
    gateway.pull_data();
    const std::string prefix =
        "application/" + server.application_id() + "/device/" + dev_eui.to_string();
    application.subscribe(prefix + "/event/status", 1)->wait();

    gateway.push_rxpk(heard_at(device.uplink(3, {0x01}), 5'000'000, 7, 9.0));
    auto resp = gateway.receive_pull_resp(within(default_timeout));
    REQUIRE(resp);
    const auto commands = downlink_commands(device, *resp);
    REQUIRE(commands.size() == 1);
    CHECK(std::holds_alternative<DevStatusReq>(commands[0]));
    gateway.send_tx_ack(resp->token);

    // Battery 127 of 254 (half), margin 12 dB.
    const Bytes dev_status_ans{0x06, 127, 12};
    gateway.push_rxpk(heard_at(device.uplink(3, {0x02}, false, std::nullopt, dev_status_ans),
                               15'000'000, 7, 9.0));
    auto message = application.try_consume_message_for(5s);
    REQUIRE(message);
    CHECK(message->get_topic() == prefix + "/event/status");
    const auto status = nlohmann::json::parse(message->to_string());
    CHECK(status["margin"] == 12);
    CHECK(status["externalPowerSource"] == false);
    CHECK(status["batteryLevelUnavailable"] == false);
    CHECK(status["batteryLevel"].get<double>() == Approx(50.0));
    CHECK(status["deviceInfo"]["devEui"] == dev_eui.to_string());
    // Asked once a day: the next uplink gets no new DevStatusReq. A downlink for it would leave
    // right after its commit, well within the wait below.
    gateway.push_rxpk(heard_at(device.uplink(3, {0x03}), 25'000'000, 7, 9.0));
    for (int i = 0; i < 3; ++i)
        REQUIRE(server.uplinks.take(within(default_timeout)));
    CHECK_FALSE(gateway.receive_pull_resp(within(300ms)));
    application.disconnect()->wait();
}
