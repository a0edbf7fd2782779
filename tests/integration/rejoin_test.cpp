// Rejoin-requests of LoRaWAN 1.1 end to end: a joined device asks for a new session with a
// rejoin-request over a real gateway socket, gets a join-accept, and its old session keeps
// working until it uses the new one; an operator's ForceRejoinReq reaches the device.
#include <catch2/catch.hpp>

#include <sstream>

#include "cli/device_force_rejoin.hpp"
#include "device_steps.hpp"
#include "gateway_simulator.hpp"
#include "lorawan/mac/mac_commands.hpp"
#include "server_fixture.hpp"
#include "simulated_device.hpp"

using namespace hortillon;
using namespace hortillon::lorawan;
using namespace hortillon::test_support;
using namespace std::chrono_literals;

namespace {
const AesKey app_key = *AesKey::parse("2b7e151628aed2a6abf7158809cf4f3c");
const AesKey nwk_key = *AesKey::parse("000102030405060708090a0b0c0d0e0f");
const Eui64 gateway_eui{0xaa555a0000000011};
const Eui64 join_eui{0x70b3d57ed0000001};
const NetId net_id{0x000013};

// A server on NetID 000013 with one gateway and a joined LoRaWAN 1.1 device (or 1.0.4).
struct JoinedDevice {
    explicit JoinedDevice(MacVersion version = MacVersion::v1_1_0,
                          std::vector<std::uint32_t> extra_channels = {})
        : server([&](cli::ServerConfig& config) {
              config.net_id = net_id;
              config.extra_channels_hz = extra_channels;
          }),
          device(dev_eui, join_eui, app_key, nwk_key, version) {
        server.add_gateway(gateway_eui);
        const auto profile = server.add_profile("rejoiners", version);
        server.add_otaa_device(dev_eui, join_eui, app_key, nwk_key, profile);
        gateway.pull_data();
        gateway.push_rxpk(heard(device.join_request(DevNonce{1}), 1'000'000));
        auto accept = gateway.receive_pull_resp(within(default_timeout));
        REQUIRE(accept);
        REQUIRE(device.accept_join(accept->frame.phy_payload) == std::nullopt);
        REQUIRE(server.joins.take(within(default_timeout)));
    }

    // What `hortillon device force-rejoin` records: type 0 and 2 rejoin-requests are answered
    // only when the server asked for one.
    void request_rejoin() { REQUIRE(server.store().request_force_rejoin(dev_eui, 0x0000)); }

    // Sends `phy` and returns the downlink the gateway gets, if any.
    auto send(const Bytes& phy, std::uint32_t tmst) -> std::optional<PullResp> {
        gateway.push_rxpk(heard(phy, tmst));
        return gateway.receive_pull_resp(within(default_timeout));
    }

    // Sends an uplink on FPort 2 and returns the event the application got.
    auto uplink(SimulatedDevice& sender, std::uint32_t tmst, Bytes payload)
        -> std::optional<UplinkSeen> {
        gateway.push_rxpk(heard(sender.uplink(2, std::move(payload)), tmst));
        return server.uplinks.take(within(default_timeout));
    }

    static constexpr Eui64 dev_eui{0x0004a30b001c0999};
    ServerFixture server;
    SimulatedDevice device;
    GatewaySimulator gateway{gateway_eui, "127.0.0.1", server.udp_port()};
};

}  // namespace

TEST_CASE(
    "a type 0 rejoin-request gets a new session; the old one works until the device uses "
    "it") {
    JoinedDevice joined;
    auto& device = joined.device;
    const DevAddr first_addr = device.dev_addr();
    REQUIRE(joined.uplink(device, 2'000'000, {0x01}));

    // Not asked for: a periodic type 0 rejoin-request changes nothing.
    joined.gateway.push_rxpk(heard(device.rejoin_request(0, net_id, 0), 2'500'000));
    wait_for_counter(joined.server, "ns_rejoin_not_requested", 1);
    joined.request_rejoin();
    auto accept = joined.send(device.rejoin_request(0, net_id, 1), 3'000'000);
    REQUIRE(accept);
    // Answered like a join-request: JOIN_ACCEPT_DELAY1 after the rejoin-request.
    CHECK(tmst_of(*accept) == 8'000'000);

    // The device has not used the new session yet: the old one still carries its uplinks.
    SimulatedDevice old_session = device;
    auto still_old = joined.uplink(old_session, 4'000'000, {0x02});
    REQUIRE(still_old);
    CHECK(still_old->f_cnt == 1);
    CHECK(decrypt_uplink(old_session, *still_old) == Bytes{0x02});

    REQUIRE(device.accept_rejoin(accept->frame.phy_payload) == std::nullopt);
    CHECK(device.dev_addr() != first_addr);
    CHECK_FALSE(joined.server.joins.take(within(50ms)));
    auto first_new = joined.uplink(device, 5'000'000, {0x03});
    REQUIRE(first_new);
    CHECK(first_new->f_cnt == 0);
    CHECK(decrypt_uplink(device, *first_new) == Bytes{0x03});
    // The `join` event comes when the device uses its new session.
    const auto rejoined = joined.server.joins.take(within(default_timeout));
    REQUIRE(rejoined);
    CHECK(rejoined->first == JoinedDevice::dev_eui);
    CHECK(rejoined->second == device.dev_addr());

    // Now the new session is the device's session: the old one is gone.
    joined.gateway.push_rxpk(heard(old_session.uplink(2, {0x04}), 6'000'000));
    wait_for_counter(joined.server, "ns_uplink_unknown_dev_addr", 1);
    const auto stored = joined.server.store().get_device_session(JoinedDevice::dev_eui);
    REQUIRE(stored);
    CHECK(stored->dev_addr == rejoined->second);
    CHECK(stored->counters.last_f_cnt_up == 0u);
    CHECK(joined.server.store().get_pending_device_session(JoinedDevice::dev_eui).error().code ==
          storage::StoreError::not_found);
}

TEST_CASE("RJcount0 must increase within a session; a new session counts from 0 again") {
    JoinedDevice joined;
    auto& device = joined.device;
    joined.request_rejoin();
    REQUIRE(joined.send(device.rejoin_request(0, net_id, 5), 1'000'000));
    // Type 2 with the same RJcount0: another frame, the same counter.
    joined.gateway.push_rxpk(heard(device.rejoin_request(2, net_id, 5), 2'000'000));
    wait_for_counter(joined.server, "ns_rejoin_count_replayed", 1);
    joined.gateway.push_rxpk(heard(device.rejoin_request(2, net_id, 4), 3'000'000));
    wait_for_counter(joined.server, "ns_rejoin_count_replayed", 2);
    auto accept = joined.send(device.rejoin_request(2, net_id, 6), 4'000'000);
    REQUIRE(accept);
    REQUIRE(device.accept_rejoin(accept->frame.phy_payload) == std::nullopt);
    // Signed with the new session's key: that session becomes the device's, with its own count
    // (and no request of ours, so it is not answered).
    joined.gateway.push_rxpk(heard(device.rejoin_request(0, net_id, 0), 5'000'000));
    wait_for_counter(joined.server, "ns_rejoin_not_requested", 1);
    // The counter moves inside the batch transaction: once the server answers the next
    // datagram, that transaction has committed and the store shows the new session.
    joined.gateway.pull_data();
    CHECK(joined.server.counter("ns_rejoin_count_replayed") == 2);
    const auto stored = joined.server.store().get_device_session(JoinedDevice::dev_eui);
    REQUIRE(stored);
    CHECK(stored->dev_addr == device.dev_addr());
}

TEST_CASE("a type 1 rejoin-request is signed with JSIntKey and RJcount1 counts per device") {
    JoinedDevice joined;
    auto& device = joined.device;
    auto accept = joined.send(device.rejoin_request(1, net_id, 0), 1'000'000);
    REQUIRE(accept);
    REQUIRE(device.accept_rejoin(accept->frame.phy_payload) == std::nullopt);
    auto uplink = joined.uplink(device, 2'000'000, {0x0a, 0x0b});
    REQUIRE(uplink);
    CHECK(decrypt_uplink(device, *uplink) == Bytes{0x0a, 0x0b});
    // RJcount1 belongs to the device, not the session: it must keep increasing.
    REQUIRE(joined.send(device.rejoin_request(1, net_id, 3), 3'000'000));
    joined.gateway.push_rxpk(heard(device.rejoin_request(1, net_id, 2), 4'000'000));
    wait_for_counter(joined.server, "ns_rejoin_count_replayed", 1);
}

TEST_CASE("a type 2 rejoin keeps the radio parameters; a type 0 rejoin resets them") {
    JoinedDevice joined(MacVersion::v1_1_0, {867'100'000, 867'300'000});
    auto& device = joined.device;
    REQUIRE(device.accepted().cf_list.has_value());
    joined.request_rejoin();
    auto type_2 = joined.send(device.rejoin_request(2, net_id, 0), 1'000'000);
    REQUIRE(type_2);
    CHECK(type_2->frame.phy_payload.size() == 17);  // no CFList: the device keeps its channels
    auto type_0 = joined.send(device.rejoin_request(0, net_id, 1), 2'000'000);
    REQUIRE(type_0);
    CHECK(type_0->frame.phy_payload.size() == 33);  // the CFList again, as after a join
    REQUIRE(device.accept_rejoin(type_0->frame.phy_payload) == std::nullopt);
    REQUIRE(device.accepted().cf_list.has_value());
    REQUIRE(joined.uplink(device, 3'000'000, {0x05}));
}

TEST_CASE("rejoin-requests with a wrong MIC, another NetID, or from a 1.0 device are refused") {
    SECTION("1.1 device") {
        JoinedDevice joined;
        auto& device = joined.device;
        joined.request_rejoin();
        Bytes tampered = device.rejoin_request(0, net_id, 0);
        tampered[tampered.size() - 1] ^= 0x01;
        joined.gateway.push_rxpk(heard(tampered, 1'000'000));
        wait_for_counter(joined.server, "ns_rejoin_mic_mismatch", 1);
        joined.gateway.push_rxpk(heard(device.rejoin_request(0, NetId{0x000042}, 1), 2'000'000));
        wait_for_counter(joined.server, "ns_rejoin_other_network", 1);
        CHECK_FALSE(joined.gateway.receive_pull_resp(within(300ms)));
        // The device's session is untouched.
        REQUIRE(joined.uplink(device, 3'000'000, {0x06}));
    }
    SECTION("1.0.4 device") {
        JoinedDevice joined(MacVersion::v1_0_4);
        joined.gateway.push_rxpk(heard(joined.device.rejoin_request(0, net_id, 0), 1'000'000));
        wait_for_counter(joined.server, "ns_rejoin_not_1_1", 1);
    }
}

namespace {
auto force_rejoin_command(ServerFixture& server, const cli::DeviceForceRejoinOptions& options,
                          std::string& out) -> int {
    const cli::GlobalOptions global{.db = (server.folder() / "hortillon.db").string(),
                                    .key_file = (server.folder() / "hortillon.key").string()};
    std::ostringstream printed;
    std::ostringstream errors;
    const int status = cli::run_device_force_rejoin(global, options, printed, errors);
    out = printed.str() + errors.str();
    return status;
}

auto force_rejoin_in(const DeviceDownlink& downlink) -> std::optional<ForceRejoinReq> {
    for (const auto& command : decode_mac_commands(downlink.f_opts, Direction::downlink).commands) {
        if (const auto* request = std::get_if<ForceRejoinReq>(&command))
            return *request;
    }
    return std::nullopt;
}
}  // namespace

TEST_CASE("an operator's ForceRejoinReq reaches the device, and its rejoin is answered") {
    JoinedDevice joined;
    auto& device = joined.device;
    std::string out;
    REQUIRE(force_rejoin_command(joined.server,
                                 {.dev_eui = JoinedDevice::dev_eui.to_string(),
                                  .rejoin_type = 2,
                                  .data_rate = 3,
                                  .max_retries = 1,
                                  .period = 0},
                                 out) == cli::exit_success);
    CHECK_THAT(out, Catch::Contains("next uplink"));

    joined.gateway.push_rxpk(heard(device.uplink(2, {0x01}), 1'000'000));
    REQUIRE(joined.server.uplinks.take(within(default_timeout)));
    auto downlink = joined.gateway.receive_pull_resp(within(default_timeout));
    REQUIRE(downlink);
    auto received = device.receive(downlink->frame.phy_payload);
    REQUIRE(received);
    const auto request = force_rejoin_in(*received);
    REQUIRE(request);
    CHECK(request->rejoin_type == 2);
    CHECK(request->data_rate == 3);
    CHECK(request->max_retries == 1);
    CHECK(request->period == 0);
    // No answer comes (the rejoin-request is the answer): counted as sent, not sent again at once.
    REQUIRE(eventually([&] {
        const auto stored = joined.server.store().get_device_session(JoinedDevice::dev_eui);
        return stored->force_rejoin && stored->force_rejoin->sends == 1;
    }));
    joined.gateway.push_rxpk(heard(device.uplink(2, {0x02}), 2'000'000));
    REQUIRE(joined.server.uplinks.take(within(default_timeout)));
    if (auto next = joined.gateway.receive_pull_resp(within(300ms))) {
        auto next_received = device.receive(next->frame.phy_payload);
        REQUIRE(next_received);
        CHECK_FALSE(force_rejoin_in(*next_received));
    }

    auto accept = joined.send(device.rejoin_request(2, net_id, 0), 3'000'000);
    REQUIRE(accept);
    REQUIRE(device.accept_rejoin(accept->frame.phy_payload) == std::nullopt);
    REQUIRE(joined.uplink(device, 4'000'000, {0x03}));
    // The new session has no request pending.
    CHECK_FALSE(joined.server.store().get_device_session(JoinedDevice::dev_eui)->force_rejoin);
}

TEST_CASE("a confirmed downlink the old session awaits an ACK for is reported unacknowledged") {
    JoinedDevice joined;
    auto& device = joined.device;
    storage::DownlinkQueueItem item;
    item.dev_eui = JoinedDevice::dev_eui;
    item.f_port = 3;
    item.data = {0x0c};
    item.confirmed = true;
    const auto queued = joined.server.store().enqueue_downlink(item);
    REQUIRE(queued);
    REQUIRE(joined.uplink(device, 1'000'000, {0x01}));
    auto downlink = joined.gateway.receive_pull_resp(within(default_timeout));
    REQUIRE(downlink);
    REQUIRE(device.receive(downlink->frame.phy_payload));
    joined.gateway.send_tx_ack(downlink->token);

    joined.request_rejoin();
    auto accept = joined.send(device.rejoin_request(0, net_id, 0), 2'000'000);
    REQUIRE(accept);
    REQUIRE(device.accept_rejoin(accept->frame.phy_payload) == std::nullopt);
    REQUIRE(joined.uplink(device, 3'000'000, {0x02}));
    const auto settled = joined.server.acknowledgements.take(within(default_timeout));
    REQUIRE(settled);
    CHECK(settled->first == queued->id);
    CHECK_FALSE(settled->second);
    CHECK(joined.server.store().list_downlinks(JoinedDevice::dev_eui)->empty());
}

TEST_CASE("force-rejoin refuses 1.0 devices and values out of range") {
    JoinedDevice joined(MacVersion::v1_0_4);
    std::string out;
    CHECK(force_rejoin_command(joined.server, {.dev_eui = JoinedDevice::dev_eui.to_string()},
                               out) == cli::exit_failure);
    CHECK_THAT(out, Catch::Contains("only 1.1 devices"));
    CHECK(force_rejoin_command(joined.server,
                               {.dev_eui = JoinedDevice::dev_eui.to_string(), .rejoin_type = 1},
                               out) == cli::exit_usage);
    CHECK_THAT(out, Catch::Contains("--type must be 0"));
    CHECK(force_rejoin_command(joined.server,
                               {.dev_eui = JoinedDevice::dev_eui.to_string(), .max_retries = 8},
                               out) == cli::exit_usage);
    CHECK(joined.server.store().get_device_session(JoinedDevice::dev_eui)->force_rejoin ==
          std::nullopt);
}
