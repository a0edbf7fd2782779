// End to end over real sockets: simulated gateways speak Semtech UDP to a running server with a
// real store; simulated devices join, send uplinks and check every downlink they receive.
#include <catch2/catch.hpp>

#include <cstdio>

#include "device_steps.hpp"
#include "gateway_simulator.hpp"
#include "lorawan/mac/mac_commands.hpp"
#include "network-server/gps_time.hpp"
#include "server_fixture.hpp"
#include "simulated_device.hpp"

using namespace hortillon;
using namespace hortillon::lorawan;
using namespace hortillon::test_support;
using namespace std::chrono_literals;

namespace {
const AesKey app_key = *AesKey::parse("2b7e151628aed2a6abf7158809cf4f3c");
const AesKey nwk_key = *AesKey::parse("000102030405060708090a0b0c0d0e0f");
const Eui64 gateway_1{0xaa555a0000000001};
const Eui64 gateway_2{0xaa555a0000000002};
const Eui64 gateway_3{0xaa555a0000000003};

auto spreading_factor_of(const PullResp& resp) -> unsigned {
    return std::get<gateway_bridge::LoraModulation>(resp.frame.modulation).spreading_factor;
}

// Runs the real `hortillon` with the fixture's store; its stdout, and the exit status in `status`.
auto run_hortillon(const ServerFixture& server, const std::string& arguments, int& status)
    -> std::string {
    const std::string command = std::string(HORTILLON_EXECUTABLE) + " --db '" +
                                (server.folder() / "hortillon.db").string() + "' --key-file '" +
                                (server.folder() / "hortillon.key").string() + "' " + arguments;
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr)
        out += buffer;
    status = pclose(pipe);
    return out;
}

}  // namespace

TEST_CASE("a LoRaWAN 1.0.3 device joins: join-accept in RX1 after 5 s, then its uplinks arrive") {
    ServerFixture server([](cli::ServerConfig& config) {
        config.extra_channels_hz = {867'100'000, 867'300'000, 867'500'000, 867'700'000,
                                    867'900'000};
        // The join-request sent again below must still be remembered, however slow the run.
        config.late_copy_memory = 10min;
    });
    server.add_gateway(gateway_1);
    const auto profile = server.add_profile("bins-1.0.3", MacVersion::v1_0_3);
    SimulatedDevice device(Eui64{0x0004a30b001c0530}, Eui64{0x70b3d57ed0000001}, app_key,
                           std::nullopt, MacVersion::v1_0_3);
    server.add_otaa_device(Eui64{0x0004a30b001c0530}, Eui64{0x70b3d57ed0000001}, app_key,
                           std::nullopt, profile);
    GatewaySimulator gateway(gateway_1, "127.0.0.1", server.udp_port());
    gateway.pull_data();

    gateway.push_rxpk(heard(device.join_request(DevNonce{0x0102}), 1'000'000));
    auto accept = gateway.receive_pull_resp(within(default_timeout));
    REQUIRE(accept);
    CHECK(tmst_of(*accept) == 6'000'000);  // JOIN_ACCEPT_DELAY1
    CHECK(accept->frame.frequency_hz == 868'100'000);
    CHECK(spreading_factor_of(*accept) == 7);
    CHECK(accept->frame.invert_polarity);
    CHECK(device.accept_join(accept->frame.phy_payload) == std::nullopt);
    CHECK(device.accepted().cf_list.has_value());  // EU868 channels 3..7
    const auto joined = server.joins.take(within(default_timeout));
    REQUIRE(joined);
    CHECK(joined->second == device.dev_addr());
    gateway.send_tx_ack(accept->token);
    REQUIRE(server.tx_results.take(within(default_timeout))->error ==
            gateway_bridge::TxAckError::none);

    gateway.push_rxpk(heard(device.uplink(2, {0x01, 0x02, 0x03}), 9'000'000));
    const auto uplink = server.uplinks.take(within(default_timeout));
    REQUIRE(uplink);
    CHECK(uplink->dev_eui == Eui64{0x0004a30b001c0530});
    CHECK(uplink->f_cnt == 0);
    CHECK(uplink->f_port == 2);
    CHECK(uplink->dr == 5);
    CHECK(decrypt_uplink(device, *uplink) == Bytes{0x01, 0x02, 0x03});
    // The same join-request again at once: a copy of what was handled, dropped and counted.
    gateway.push_rxpk(heard(device.join_request(DevNonce{0x0102}), 20'000'000));
    wait_for_counter(server, "ns_uplink_late_copy", 1);
    CHECK_FALSE(gateway.receive_pull_resp(within(300ms)));
}

TEST_CASE("a LoRaWAN 1.1 device joins with OptNeg and its 1.1 uplink MIC verifies") {
    ServerFixture server;
    server.add_gateway(gateway_1);
    const auto profile = server.add_profile("meters-1.1", MacVersion::v1_1_0);
    const Eui64 dev_eui{0x0004a30b001c0531};
    SimulatedDevice device(dev_eui, Eui64{0x70b3d57ed0000001}, app_key, nwk_key,
                           MacVersion::v1_1_0);
    server.add_otaa_device(dev_eui, Eui64{0x70b3d57ed0000001}, app_key, nwk_key, profile);
    GatewaySimulator gateway(gateway_1, "127.0.0.1", server.udp_port());
    gateway.pull_data();

    gateway.push_rxpk(heard(device.join_request(DevNonce{7}), 500));
    auto accept = gateway.receive_pull_resp(within(default_timeout));
    REQUIRE(accept);
    CHECK(tmst_of(*accept) == 5'000'500);
    REQUIRE(device.accept_join(accept->frame.phy_payload) == std::nullopt);
    CHECK(device.accepted().dl_settings.opt_neg);

    device.uplink_fields = MicBlockFields{.conf_f_cnt = 0, .tx_dr = 5, .tx_ch = 0};
    gateway.push_rxpk(heard(device.uplink(10, {0xca, 0xfe}), 4'000'000));
    const auto uplink = server.uplinks.take(within(default_timeout));
    REQUIRE(uplink);
    CHECK(decrypt_uplink(device, *uplink) == Bytes{0xca, 0xfe});
    // 1.1 DevNonces are counters: an older one is refused.
    gateway.push_rxpk(heard(device.join_request(DevNonce{6}), 9'000'000));
    wait_for_counter(server, "ns_join_dev_nonce_not_increasing", 1);
}

TEST_CASE("three gateways hear one uplink: one event with three receptions, ACK via the best") {
    // The three copies are sent one after the other, each after the previous one's PUSH_ACK:
    // a window long enough that a stalled test thread still gets all three in.
    ServerFixture server([](cli::ServerConfig& config) { config.deduplication_window = 1s; });
    for (auto gw : {gateway_1, gateway_2, gateway_3})
        server.add_gateway(gw);
    const auto profile = server.add_profile("abp", MacVersion::v1_0_3);
    const Eui64 dev_eui{0x0102030405060708};
    SimulatedDevice device(dev_eui, DevAddr{0x26011234}, abp_keys(0x11), MacVersion::v1_0_3);
    server.add_abp_device(dev_eui, DevAddr{0x26011234}, abp_keys(0x11), profile);
    GatewaySimulator near(gateway_1, "127.0.0.1", server.udp_port());
    GatewaySimulator best(gateway_2, "127.0.0.1", server.udp_port());
    GatewaySimulator far(gateway_3, "127.0.0.1", server.udp_port());
    for (auto* gw : {&near, &best, &far})
        gw->pull_data();

    const Bytes confirmed = device.uplink(1, {0x42}, true);
    near.push_rxpk(heard(confirmed, 100'000, {.snr = 2.0}));
    best.push_rxpk(heard(confirmed, 200'000, {.snr = 9.5}));
    far.push_rxpk(heard(confirmed, 300'000, {.snr = -4.0}));
    const auto uplink = server.uplinks.take(within(default_timeout));
    REQUIRE(uplink);
    CHECK(uplink->gateways.size() == 3);
    CHECK_FALSE(server.uplinks.take(within(400ms)));  // delivered once

    auto ack = best.receive_pull_resp(within(default_timeout));
    REQUIRE(ack);
    CHECK(tmst_of(*ack) == 1'200'000);  // RX1 of the best gateway's own counter
    const auto received = device.receive(ack->frame.phy_payload);
    REQUIRE(received);
    CHECK(received->frame.f_ctrl.ack);
    CHECK_FALSE(near.receive_pull_resp(within(200ms)));
    CHECK_FALSE(far.receive_pull_resp(within(200ms)));
}

TEST_CASE("replayed frames and frames with a wrong MIC are refused and counted") {
    ServerFixture server;
    server.add_gateway(gateway_1);
    const auto profile = server.add_profile("abp", MacVersion::v1_0_4);
    const Eui64 dev_eui{0x0102030405060709};
    SimulatedDevice device(dev_eui, DevAddr{0x26015678}, abp_keys(0x21), MacVersion::v1_0_4);
    server.add_abp_device(dev_eui, DevAddr{0x26015678}, abp_keys(0x21), profile);
    GatewaySimulator gateway(gateway_1, "127.0.0.1", server.udp_port());

    gateway.push_rxpk(heard(device.uplink(1, {1}, false, 5), 1000));
    REQUIRE(server.uplinks.take(within(default_timeout))->f_cnt == 5);
    gateway.push_rxpk(heard(device.uplink(1, {2}, false, 4), 2000));  // older counter
    wait_for_counter(server, "ns_uplink_f_cnt_replay", 1);

    SimulatedDevice impostor(dev_eui, DevAddr{0x26015678}, abp_keys(0x77), MacVersion::v1_0_4);
    gateway.push_rxpk(heard(impostor.uplink(1, {3}, false, 9), 3000));
    wait_for_counter(server, "ns_uplink_mic_mismatch", 1);

    SimulatedDevice stranger(Eui64{1}, DevAddr{0x26019999}, abp_keys(0x21), MacVersion::v1_0_4);
    gateway.push_rxpk(heard(stranger.uplink(1, {4}), 4000));
    wait_for_counter(server, "ns_uplink_unknown_dev_addr", 1);
    CHECK_FALSE(server.uplinks.take(within(300ms)));

    gateway.push_rxpk(heard(device.uplink(1, {5}, false, 6), 5000));  // the device goes on
    CHECK(server.uplinks.take(within(default_timeout))->f_cnt == 6);
}

TEST_CASE("a queued downlink goes out in RX1; refused by the gateway, it is retried in RX2") {
    ServerFixture server;
    server.add_gateway(gateway_1);
    const auto profile = server.add_profile("abp", MacVersion::v1_0_3);
    const Eui64 dev_eui{0x010203040506070a};
    SimulatedDevice device(dev_eui, DevAddr{0x26010001}, abp_keys(0x31), MacVersion::v1_0_3);
    server.add_abp_device(dev_eui, DevAddr{0x26010001}, abp_keys(0x31), profile);
    storage::DownlinkQueueItem item;
    item.dev_eui = dev_eui;
    item.f_port = 12;
    item.data = {0xde, 0xad};
    REQUIRE(server.store().enqueue_downlink(item));
    GatewaySimulator gateway(gateway_1, "127.0.0.1", server.udp_port());
    gateway.pull_data();

    const std::uint32_t near_wrap = 0xfff0'0000;  // RX1 and RX2 cross the 32-bit wrap
    gateway.push_rxpk(heard(device.uplink(3, {0x00}), near_wrap));
    auto rx1 = gateway.receive_pull_resp(within(default_timeout));
    REQUIRE(rx1);
    CHECK(tmst_of(*rx1) == static_cast<std::uint32_t>(near_wrap + 1'000'000));
    CHECK(rx1->frame.frequency_hz == 868'100'000);
    CHECK(spreading_factor_of(*rx1) == 7);
    gateway.send_tx_ack(rx1->token, "TOO_LATE");

    auto rx2 = gateway.receive_pull_resp(within(default_timeout));
    REQUIRE(rx2);
    CHECK(tmst_of(*rx2) == static_cast<std::uint32_t>(near_wrap + 2'000'000));
    CHECK(rx2->frame.frequency_hz == 869'525'000);
    CHECK(spreading_factor_of(*rx2) == 12);
    CHECK(rx2->frame.phy_payload == rx1->frame.phy_payload);
    const auto received = device.receive(rx2->frame.phy_payload);
    REQUIRE(received);
    CHECK(received->frame.f_port == 12);
    CHECK(received->payload == Bytes{0xde, 0xad});
    gateway.send_tx_ack(rx2->token);
    REQUIRE(server.tx_results.take(within(default_timeout))->error ==
            gateway_bridge::TxAckError::none);
    // Sent and unconfirmed: the queue is empty.
    for (auto deadline = within(default_timeout); Clock::now() < deadline;) {
        if (server.store().list_downlinks(dev_eui)->empty())
            break;
        std::this_thread::sleep_for(5ms);
    }
    CHECK(server.store().list_downlinks(dev_eui)->empty());
}

TEST_CASE("a class C device gets its downlink at once, on the RX2 parameters") {
    ServerFixture server;
    server.add_gateway(gateway_1);
    const auto profile =
        server.add_profile("lighting", MacVersion::v1_0_3, storage::DeviceClass::c);
    const Eui64 dev_eui{0x010203040506070b};
    SimulatedDevice device(dev_eui, DevAddr{0x26010002}, abp_keys(0x41), MacVersion::v1_0_3);
    server.add_abp_device(dev_eui, DevAddr{0x26010002}, abp_keys(0x41), profile);
    GatewaySimulator gateway(gateway_1, "127.0.0.1", server.udp_port());
    gateway.pull_data();
    gateway.push_rxpk(heard(device.uplink(1, {0x01}), 1000));  // the server learns its gateway
    REQUIRE(server.uplinks.take(within(default_timeout)));

    storage::DownlinkQueueItem item;
    item.dev_eui = dev_eui;
    item.f_port = 5;
    item.data = {0x01, 0x00};  // switch the lights on
    REQUIRE(server.store().enqueue_downlink(item));
    server.notify_downlink_queued(dev_eui);
    auto now = gateway.receive_pull_resp(within(default_timeout));
    REQUIRE(now);
    CHECK(std::holds_alternative<gateway_bridge::SendImmediately>(now->frame.timing));
    CHECK(now->frame.frequency_hz == 869'525'000);
    CHECK(spreading_factor_of(*now) == 12);
    const auto received = device.receive(now->frame.phy_payload);
    REQUIRE(received);
    CHECK(received->payload == Bytes{0x01, 0x00});
}

TEST_CASE("a device provisioned while the server runs joins without a restart") {
    ServerFixture server;
    server.add_gateway(gateway_1);
    GatewaySimulator gateway(gateway_1, "127.0.0.1", server.udp_port());
    gateway.pull_data();
    const Eui64 dev_eui{0x0004a30b001c0599};
    SimulatedDevice device(dev_eui, Eui64{0x70b3d57ed0000001}, app_key, std::nullopt,
                           MacVersion::v1_0_2);
    gateway.push_rxpk(heard(device.join_request(DevNonce{1}), 1000));
    wait_for_counter(server, "ns_join_unknown_device", 1);

    // Provisioned now, through another connection to the same file (as the CLI does it).
    const auto profile = server.add_profile("late", MacVersion::v1_0_2);
    server.add_otaa_device(dev_eui, Eui64{0x70b3d57ed0000001}, app_key, std::nullopt, profile);
    gateway.push_rxpk(heard(device.join_request(DevNonce{2}), 2000));
    auto accept = gateway.receive_pull_resp(within(default_timeout));
    REQUIRE(accept);
    CHECK(device.accept_join(accept->frame.phy_payload) == std::nullopt);
}

TEST_CASE("a gateway removed while the server runs is refused from then on") {
    ServerFixture server;
    server.add_gateway(gateway_1);
    GatewaySimulator gateway(gateway_1, "127.0.0.1", server.udp_port());
    gateway.pull_data();
    REQUIRE(server.counter("gw_unknown_gateway") == 0);

    // Removed through another connection to the same file, as the command line does it.
    REQUIRE(server.store().delete_gateway(gateway_1));
    // Acknowledged still (an ack only says "received"), but refused within about a second.
    REQUIRE(eventually([&] {
        gateway.pull_data();
        return server.counter("gw_unknown_gateway") > 0;
    }));
}

TEST_CASE("a confirmed uplink repeated after RX2 is acknowledged again but delivered once") {
    ServerFixture server([](cli::ServerConfig& config) { config.late_copy_memory = 50ms; });
    server.add_gateway(gateway_1);
    const auto profile = server.add_profile("abp", MacVersion::v1_0_4);
    const Eui64 dev_eui{0x010203040506070c};
    SimulatedDevice device(dev_eui, DevAddr{0x26010003}, abp_keys(0x51), MacVersion::v1_0_4);
    server.add_abp_device(dev_eui, DevAddr{0x26010003}, abp_keys(0x51), profile);
    GatewaySimulator gateway(gateway_1, "127.0.0.1", server.udp_port());
    gateway.pull_data();

    const Bytes confirmed = device.uplink(4, {0x07}, true);
    gateway.push_rxpk(heard(confirmed, 1'000'000));
    REQUIRE(server.uplinks.take(within(default_timeout)));
    auto first = gateway.receive_pull_resp(within(default_timeout));
    REQUIRE(first);
    const auto first_ack = device.receive(first->frame.phy_payload);
    REQUIRE(first_ack);
    CHECK(first_ack->frame.f_ctrl.ack);
    // The ACK was lost: the device sends the same frame again after its RX2 window.
    std::this_thread::sleep_for(100ms);  // longer than the late-copy memory set above
    gateway.push_rxpk(heard(confirmed, 4'000'000));
    auto again = gateway.receive_pull_resp(within(default_timeout));
    REQUIRE(again);
    CHECK(tmst_of(*again) == 5'000'000);
    const auto second = device.receive(again->frame.phy_payload);
    REQUIRE(second);
    CHECK(second->frame.f_ctrl.ack);
    CHECK(second->f_cnt == first_ack->f_cnt + 1);  // a new downlink counter
    CHECK_FALSE(server.uplinks.take(within(300ms)));
}

TEST_CASE("LinkCheckReq and DeviceTimeReq are answered in the next downlink's FOpts") {
    ServerFixture server;
    server.add_gateway(gateway_1);
    const auto profile = server.add_profile("abp", MacVersion::v1_0_4);
    const Eui64 dev_eui{0x010203040506070d};
    SimulatedDevice device(dev_eui, DevAddr{0x26010004}, abp_keys(0x61), MacVersion::v1_0_4);
    server.add_abp_device(dev_eui, DevAddr{0x26010004}, abp_keys(0x61), profile);
    GatewaySimulator gateway(gateway_1, "127.0.0.1", server.udp_port());
    gateway.pull_data();

    const auto sent_at = network_server::to_gps_seconds(std::chrono::system_clock::now());
    gateway.push_rxpk(
        heard(device.uplink(1, {0x00}, false, std::nullopt, Bytes{0x02, 0x0d}), 1000));
    auto answer = gateway.receive_pull_resp(within(default_timeout));
    REQUIRE(answer);
    const auto received = device.receive(answer->frame.phy_payload);
    REQUIRE(received);
    const auto commands = decode_mac_commands(received->f_opts, Direction::downlink).commands;
    REQUIRE(commands.size() == 2);
    const auto& link_check = std::get<LinkCheckAns>(commands[0]);
    CHECK(link_check.gw_cnt == 1);
    CHECK(link_check.margin == 15);  // 7.5 dB SNR above the -7.5 dB SF7 floor
    const auto& device_time = std::get<DeviceTimeAns>(commands[1]);
    CHECK(device_time.seconds >= sent_at.seconds);
    CHECK(device_time.seconds <= sent_at.seconds + 5);
}

TEST_CASE("a device created with the command line while the server runs joins at once") {
    ServerFixture server;
    server.add_gateway(gateway_1);
    server.add_profile("cli-profile", MacVersion::v1_0_3);
    GatewaySimulator gateway(gateway_1, "127.0.0.1", server.udp_port());
    gateway.pull_data();
    int status = -1;
    const std::string printed =
        run_hortillon(server,
                      "device create --application bins --device-profile cli-profile "
                      "--dev-eui 0004A30B001C0600 --name river-gauge "
                      "--join-eui 70B3D57ED0000001 --app-key 2B7E151628AED2A6ABF7158809CF4F3C",
                      status);
    REQUIRE(status == 0);
    CHECK(printed == "0004a30b001c0600\n");

    SimulatedDevice device(Eui64{0x0004a30b001c0600}, Eui64{0x70b3d57ed0000001}, app_key,
                           std::nullopt, MacVersion::v1_0_3);
    gateway.push_rxpk(heard(device.join_request(DevNonce{9}), 1000));
    auto accept = gateway.receive_pull_resp(within(default_timeout));
    REQUIRE(accept);
    CHECK(device.accept_join(accept->frame.phy_payload) == std::nullopt);
}

TEST_CASE("a downlink whose gateway never sends TX_ACK is reported as not sent") {
    ServerFixture server;
    server.add_gateway(gateway_1);
    const auto profile = server.add_profile("abp", MacVersion::v1_0_3);
    const Eui64 dev_eui{0x010203040506071a};
    SimulatedDevice device(dev_eui, DevAddr{0x2601001a}, abp_keys(0x1a), MacVersion::v1_0_3);
    server.add_abp_device(dev_eui, DevAddr{0x2601001a}, abp_keys(0x1a), profile);
    GatewaySimulator gateway(gateway_1, "127.0.0.1", server.udp_port());
    gateway.pull_data();

    gateway.push_rxpk(heard(device.uplink(1, {0x01}, true), 1'000'000));
    auto silent = gateway.receive_pull_resp(within(default_timeout));
    REQUIRE(silent);  // the ACK, which this gateway leaves unanswered
    const auto lost = server.tx_results.take(within(6s));
    REQUIRE(lost);
    CHECK(lost->error == gateway_bridge::TxAckError::unknown);

    // The next one is answered and reported as sent.
    gateway.push_rxpk(heard(device.uplink(1, {0x02}, true), 9'000'000));
    auto answered = gateway.receive_pull_resp(within(default_timeout));
    REQUIRE(answered);
    gateway.send_tx_ack(answered->token);
    const auto sent = server.tx_results.take(within(default_timeout));
    REQUIRE(sent);
    CHECK(sent->error == gateway_bridge::TxAckError::none);
}
