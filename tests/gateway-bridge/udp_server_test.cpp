// The UDP server on real loopback sockets, driven by simulated packet forwarders.
//
// The server's io_context runs on its own thread (IoThread) and the test thread plays the
// gateways with blocking sockets. Callbacks land in mailboxes. To prove that something did NOT
// happen, a test sends a good datagram afterwards and waits for its effect: the server handles
// the datagrams of its one socket one after another on one thread, so by then every datagram it
// received earlier has been fully handled. No sleeps.

#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "gateway-bridge/udp_server.hpp"
#include "support/gateway_simulator.hpp"
#include "support/io_thread.hpp"
#include "support/mailbox.hpp"
#include "telemetry/log.hpp"

using namespace hortillon::gateway_bridge;
using namespace hortillon::test_support;
using namespace std::chrono_literals;
using hortillon::lorawan::Bytes;
using hortillon::lorawan::Eui64;
using hortillon::telemetry::Counters;

namespace {

const Eui64 known_gateway{0xaa555a0000000000};
const Eui64 other_known_gateway{0xaa555a0000000001};
const Eui64 unknown_gateway{0x0102030405060708};

// When on_uplink was told the datagram arrived, and when it was called.
struct UplinkTimes {
    std::chrono::steady_clock::time_point received;
    std::chrono::steady_clock::time_point handled;
};

struct TxAckEvent {
    Eui64 gateway;
    Token token;
    TxAck ack;
};

// A server on loopback port 0 with its callbacks feeding mailboxes.
class RunningServer {
  public:
    // With `start_io` false nothing is read until `io.start()`: datagrams wait in the socket.
    explicit RunningServer(std::string_view listen = "127.0.0.1:0", bool start_io = true) {
        UdpServerHandlers handlers;
        handlers.is_provisioned = [](Eui64 gateway) {
            return gateway == known_gateway || gateway == other_known_gateway;
        };
        handlers.on_uplink = [this](UplinkFrame frame,
                                    std::chrono::steady_clock::time_point received) {
            uplinks.put(std::move(frame));
            uplink_times.put({received, std::chrono::steady_clock::now()});
        };
        handlers.on_stats = [this](Eui64 gateway, GatewayStats stats) {
            this->stats.put({gateway, std::move(stats)});
        };
        handlers.on_tx_ack = [this](Eui64 gateway, Token token, TxAck ack) {
            tx_acks.put({gateway, token, std::move(ack)});
        };
        // Off: the malformed-datagram cases would print their expected warnings. Set `trace` to
        // see every line while debugging a test.
        auto logger = hortillon::telemetry::make_logger("gw", hortillon::telemetry::LogLevel::off);
        auto opened = UdpServer::open(io.context(), listen, std::move(handlers), counters, logger);
        REQUIRE(opened);
        server.emplace(std::move(*opened));
        if (start_io)
            io.start();
    }
    RunningServer(const RunningServer&) = delete;
    auto operator=(const RunningServer&) -> RunningServer& = delete;

    // Stop the thread first: the server may then be destroyed from this thread.
    ~RunningServer() { io.stop(); }

    auto gateway(Eui64 eui, std::string_view host = "127.0.0.1") -> GatewaySimulator {
        return GatewaySimulator(eui, host, server->local_port());
    }

    IoThread io;
    Counters counters;
    Mailbox<UplinkFrame> uplinks;
    Mailbox<UplinkTimes> uplink_times;
    Mailbox<std::pair<Eui64, GatewayStats>> stats;
    Mailbox<TxAckEvent> tx_acks;
    std::optional<UdpServer> server;
};

auto uplink_frame(Eui64 gateway, std::uint32_t tmst) -> UplinkFrame {
    UplinkFrame frame;
    frame.phy_payload = Bytes{0x40, 0x04, 0x03, 0x02, 0x01, 0x80, 0x07, 0x00,
                              0x01, 0xa6, 0x94, 0x64, 0x26, 0x15, 0xd6, 0xc3};
    frame.tx_info.frequency_hz = 868'100'000;
    frame.tx_info.modulation = LoraModulation{7, 125'000, CodeRate::cr_4_5};
    frame.rx_info.gateway_eui = gateway;
    frame.rx_info.tmst = GatewayTimestamp{tmst};
    frame.rx_info.time = parse_compact_time("2024-05-01T12:00:00.123456Z");
    frame.rx_info.channel = 2;
    frame.rx_info.rf_chain = 1;
    frame.rx_info.rssi = -57;
    frame.rx_info.lsnr = 7.5;
    return frame;
}

auto downlink_frame() -> DownlinkFrame {
    DownlinkFrame frame;
    frame.phy_payload = Bytes{0x60, 0x04, 0x03, 0x02, 0x01, 0x00, 0x01, 0x00};
    frame.timing = to_gateway_timestamp(GatewayTimestamp{1'000'000}, 1s);
    frame.frequency_hz = 868'100'000;
    frame.power_dbm = 14;
    frame.modulation = LoraModulation{7, 125'000, CodeRate::cr_4_5};
    return frame;
}

// Sends a good frame from `sim` and waits until on_uplink has it: every datagram the server
// received before it has been handled by then.
void expect_next_uplink_is_good(RunningServer& server, GatewaySimulator& sim, std::uint32_t tmst) {
    auto frame = uplink_frame(sim.gateway_eui(), tmst);
    sim.push_rxpk(frame);
    auto delivered = server.uplinks.take(within(default_timeout));
    REQUIRE(delivered);
    CHECK(*delivered == frame);
}

// A PUSH_DATA datagram with one rxpk, for sending without waiting for its PUSH_ACK.
auto push_data_datagram(Eui64 gateway, std::uint16_t token, const UplinkFrame& frame) -> Bytes {
    Bytes datagram{2, static_cast<std::uint8_t>(token >> 8),
                   static_cast<std::uint8_t>(token & 0xff), 0x00};
    const auto eui = gateway.to_be_bytes();
    datagram.insert(datagram.end(), eui.begin(), eui.end());
    const std::string body = R"({"rxpk":[)" + rxpk_json(frame) + "]}";
    datagram.insert(datagram.end(), body.begin(), body.end());
    return datagram;
}

}  // namespace

TEST_CASE("PUSH_DATA: PUSH_ACK with the same token, frame delivered with its metadata",
          "[udp_server]") {
    RunningServer server;
    auto sim = server.gateway(known_gateway);
    auto frame = uplink_frame(known_gateway, 4'000'000'000);

    sim.push_rxpk(frame);  // throws unless the PUSH_ACK echoes the token

    auto delivered = server.uplinks.take(within(default_timeout));
    REQUIRE(delivered);
    CHECK(*delivered == frame);
    CHECK(delivered->rx_info.gateway_eui == known_gateway);
    CHECK(delivered->rx_info.tmst == GatewayTimestamp{4'000'000'000});
    CHECK(delivered->tx_info.frequency_hz == 868'100'000);
    CHECK(server.counters.value("gw_push_data_received") == 1);
    CHECK(server.counters.value("gw_uplink_frames") == 1);
}

TEST_CASE("PUSH_DATA with several rxpk and a stat: every frame in order, stats delivered",
          "[udp_server]") {
    RunningServer server;
    auto sim = server.gateway(known_gateway);
    sim.push_rxpks({uplink_frame(known_gateway, 1), uplink_frame(known_gateway, 2)});
    sim.push_data(R"({"stat":{"time":"2024-05-01 12:00:00 GMT","rxnb":3,"rxok":2,"ackr":100.0}})");

    for (std::uint32_t tmst : {1U, 2U}) {
        auto delivered = server.uplinks.take(within(default_timeout));
        REQUIRE(delivered);
        CHECK(delivered->rx_info.tmst == GatewayTimestamp{tmst});
    }
    auto stats = server.stats.take(within(default_timeout));
    REQUIRE(stats);
    CHECK(stats->first == known_gateway);
    CHECK(stats->second.rx_received == 3U);
    CHECK(stats->second.rx_ok == 2U);
}

TEST_CASE("an unprovisioned gateway is acknowledged, counted and never delivered", "[udp_server]") {
    RunningServer server;
    auto stranger = server.gateway(unknown_gateway);
    stranger.push_rxpk(uplink_frame(unknown_gateway, 1));  // acknowledged, as ChirpStack does
    stranger.push_data(R"({"stat":{"rxnb":1}})");
    stranger.pull_data();  // acknowledged too, but not a downlink address

    // The known gateway's frame arrives after the stranger's three datagrams were handled.
    auto known = server.gateway(known_gateway);
    expect_next_uplink_is_good(server, known, 2);
    CHECK(server.uplinks.size() == 0);
    CHECK(server.stats.size() == 0);
    CHECK_FALSE(server.server->can_transmit(unknown_gateway));
    auto refused = server.server->send_downlink(unknown_gateway, downlink_frame());
    REQUIRE_FALSE(refused);
    CHECK(refused.error() == SendError::no_downlink_address);
    // Counted once per datagram, whatever its type.
    CHECK(server.counters.value("gw_unknown_gateway") == 3);
    CHECK(server.counters.value("gw_uplink_frames") == 1);
}

TEST_CASE("PULL_DATA: PULL_ACK; send_downlink before any PULL_DATA has no address",
          "[udp_server]") {
    RunningServer server;
    auto sim = server.gateway(known_gateway);

    CHECK_FALSE(server.server->can_transmit(known_gateway));
    auto refused = server.server->send_downlink(known_gateway, downlink_frame());
    REQUIRE_FALSE(refused);
    CHECK(refused.error() == SendError::no_downlink_address);
    CHECK(server.counters.value("gw_downlink_no_address") == 1);

    sim.pull_data();  // throws unless the PULL_ACK echoes the token
    CHECK(server.server->can_transmit(known_gateway));
    CHECK_FALSE(server.server->can_transmit(other_known_gateway));
}

TEST_CASE("PULL_RESP goes to the newest PULL_DATA address and decodes to the same frame",
          "[udp_server]") {
    RunningServer server;
    auto first = server.gateway(known_gateway);
    auto restarted = server.gateway(known_gateway);  // same EUI, new source ports
    REQUIRE(first.down_port() != restarted.down_port());
    first.pull_data();
    restarted.pull_data();

    auto sent = server.server->send_downlink(known_gateway, downlink_frame());
    REQUIRE(sent);

    auto received = restarted.receive_pull_resp(within(default_timeout));
    REQUIRE(received);
    CHECK(received->token == *sent);
    CHECK(received->frame == downlink_frame());
    // Both sockets are on loopback, and the one datagram went to the newest address.
    CHECK_FALSE(first.receive_pull_resp(within(0ms)));
    CHECK(server.counters.value("gw_pull_resp_sent") == 1);

    SECTION("an older address wins again once its PULL_DATA is the most recent") {
        first.pull_data();
        auto again = server.server->send_downlink(known_gateway, downlink_frame());
        REQUIRE(again);
        auto back = first.receive_pull_resp(within(default_timeout));
        REQUIRE(back);
        CHECK(back->token == *again);
    }
}

TEST_CASE("TX_ACK is delivered with the PULL_RESP token and its error", "[udp_server]") {
    RunningServer server;
    auto sim = server.gateway(known_gateway);
    sim.pull_data();
    auto first = server.server->send_downlink(known_gateway, downlink_frame());
    auto second = server.server->send_downlink(known_gateway, downlink_frame());
    REQUIRE(first);
    REQUIRE(second);
    auto pull_resp_1 = sim.receive_pull_resp(within(default_timeout));
    auto pull_resp_2 = sim.receive_pull_resp(within(default_timeout));
    REQUIRE(pull_resp_1);
    REQUIRE(pull_resp_2);

    sim.send_tx_ack(pull_resp_1->token);
    sim.send_tx_ack(pull_resp_2->token, "TOO_LATE");

    auto ok = server.tx_acks.take(within(default_timeout));
    REQUIRE(ok);
    CHECK(ok->gateway == known_gateway);
    CHECK(ok->token == *first);
    CHECK(ok->ack.sent());
    auto late = server.tx_acks.take(within(default_timeout));
    REQUIRE(late);
    CHECK(late->token == *second);
    CHECK(late->ack.error == TxAckError::too_late);
    CHECK(server.counters.value("gw_tx_ack_too_late") == 1);
    CHECK(server.counters.value("gw_tx_ack_received") == 2);
}

TEST_CASE("a downlink that cannot be encoded is refused with encode_failed", "[udp_server]") {
    RunningServer server;
    auto sim = server.gateway(known_gateway);
    sim.pull_data();
    auto frame = downlink_frame();
    frame.phy_payload.assign(256, 0x00);  // over the 255-byte PHYPayload limit

    auto refused = server.server->send_downlink(known_gateway, frame);
    REQUIRE_FALSE(refused);
    CHECK(refused.error() == SendError::encode_failed);
    CHECK(server.counters.value("gw_downlink_encode_failed") == 1);
    CHECK_FALSE(sim.receive_pull_resp(within(0ms)));
}

TEST_CASE("malformed datagrams are counted and the server keeps serving", "[udp_server]") {
    struct Case {
        std::string name;
        Bytes datagram;
        std::string counter;
    };
    auto with_header = [](std::uint8_t version, std::uint8_t type, std::string_view body) {
        Datagram header{version, Token{{0x12, 0x34}}, PacketType::push_data, known_gateway, {}};
        auto datagram = encode_datagram(header);
        datagram[3] = type;  // after encoding, so that unknown identifiers can be written too
        datagram.insert(datagram.end(), body.begin(), body.end());
        return datagram;
    };
    auto bad_base64 = R"({"rxpk":[{"tmst":1,"freq":868.1,"chan":0,"rfch":0,"stat":1,)"
                      R"("modu":"LORA","datr":"SF7BW125","codr":"4/5","rssi":-50,"lsnr":5,)"
                      R"("size":3,"data":"A*ID"}]})";
    auto test_case = GENERATE_COPY(
        Case{"short", Bytes{0x02, 0x12, 0x34}, "gw_datagram_too_short"},
        Case{"wrong version", with_header(3, 0, "{}"), "gw_datagram_unsupported_version"},
        Case{"unknown identifier", with_header(2, 9, ""), "gw_datagram_unknown_identifier"},
        Case{"server-to-gateway type", with_header(2, 1, ""), "gw_datagram_unexpected_identifier"},
        Case{"bad JSON", with_header(2, 0, R"({"rxpk":[)"), "gw_datagram_bad_json"},
        Case{"bad base64", with_header(2, 0, bad_base64), "gw_datagram_bad_base64"});

    INFO(test_case.name);
    RunningServer server;
    auto sim = server.gateway(known_gateway);
    sim.send_raw_up(test_case.datagram);
    expect_next_uplink_is_good(server, sim, 77);
    CHECK(server.counters.value(test_case.counter) == 1);
    CHECK(server.uplinks.size() == 0);
}

TEST_CASE("rxpk with a failed or absent CRC are dropped and counted", "[udp_server]") {
    RunningServer server;
    auto sim = server.gateway(known_gateway);
    auto bad = uplink_frame(known_gateway, 1);
    bad.rx_info.crc_status = CrcStatus::bad;
    auto absent = uplink_frame(known_gateway, 2);
    absent.rx_info.crc_status = CrcStatus::absent;
    auto good = uplink_frame(known_gateway, 3);

    sim.push_rxpks({bad, absent, good});

    auto delivered = server.uplinks.take(within(default_timeout));
    REQUIRE(delivered);
    CHECK(*delivered == good);
    CHECK(server.counters.value("gw_rxpk_crc_bad") == 1);
    CHECK(server.counters.value("gw_rxpk_crc_absent") == 1);
    expect_next_uplink_is_good(server, sim, 4);  // and nothing else was delivered before it
}

TEST_CASE("IPv6 loopback: PUSH_DATA, PULL_DATA and PULL_RESP", "[udp_server]") {
    RunningServer server("[::1]:0");
    auto sim = server.gateway(known_gateway, "::1");
    expect_next_uplink_is_good(server, sim, 5);
    sim.pull_data();
    auto sent = server.server->send_downlink(known_gateway, downlink_frame());
    REQUIRE(sent);
    auto received = sim.receive_pull_resp(within(default_timeout));
    REQUIRE(received);
    CHECK(received->token == *sent);
}

TEST_CASE("listen addresses: literal hosts only, IPv6 in brackets", "[udp_server]") {
    CHECK(parse_listen_address("0.0.0.0:1700") == ListenAddress{"0.0.0.0", 1700});
    CHECK(parse_listen_address("127.0.0.1:0") == ListenAddress{"127.0.0.1", 0});
    CHECK(parse_listen_address("[::]:1700") == ListenAddress{"::", 1700});
    CHECK(parse_listen_address("[::1]:65535") == ListenAddress{"::1", 65535});
    for (auto bad : {"", ":1700", "1700", "localhost:1700", "::1:1700", "[::1]",
                     "[::1]:", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1: 1700",
                     "[127.0.0.1]:1700", "256.0.0.1:1700", "127.0.0.1:17x0"}) {
        INFO(bad);
        CHECK_FALSE(parse_listen_address(bad));
    }
}

TEST_CASE("open refuses a bad listen address and a port in use", "[udp_server]") {
    IoThread io;
    Counters counters;
    auto logger = hortillon::telemetry::make_logger("gw", hortillon::telemetry::LogLevel::off);
    UdpServerHandlers handlers;
    handlers.is_provisioned = [](Eui64) { return true; };

    auto bad = UdpServer::open(io.context(), "localhost:1700", handlers, counters, logger);
    REQUIRE_FALSE(bad);
    CHECK(bad.error() == OpenError::bad_listen_address);

    auto first = UdpServer::open(io.context(), "127.0.0.1:0", handlers, counters, logger);
    REQUIRE(first);
    auto taken = "127.0.0.1:" + std::to_string(first->local_port());
    auto second = UdpServer::open(io.context(), taken, handlers, counters, logger);
    REQUIRE_FALSE(second);
    CHECK(second.error() == OpenError::bind_failed);
}

TEST_CASE("an uplink's receive time is when it reached the host, not when it was read",
          "[udp_server]") {
    RunningServer server("127.0.0.1:0", false);
    auto sim = server.gateway(known_gateway);
    const auto frame = uplink_frame(known_gateway, 1'000);
    const auto before_send = std::chrono::steady_clock::now();
    sim.send_raw_up(push_data_datagram(known_gateway, 1, frame));
    const auto after_send = std::chrono::steady_clock::now();
    // The datagram waits in the socket queue, as it does behind a busy event loop.
    std::this_thread::sleep_for(100ms);
    server.io.start();

    auto delivered = server.uplinks.take(within(default_timeout));
    REQUIRE(delivered);
    CHECK(*delivered == frame);
    auto times = server.uplink_times.take(within(default_timeout));
    REQUIRE(times);
    // The kernel stamps loopback datagrams while they are sent; 1 ms allows for the conversion
    // from the system clock.
    CHECK(times->received >= before_send - 1ms);
    CHECK(times->received <= after_send + 1ms);
    CHECK(times->handled - times->received >= 100ms);
}

TEST_CASE("datagrams queued beyond one read burst are all read, in order, times not decreasing",
          "[udp_server]") {
    RunningServer server("127.0.0.1:0", false);
    auto sim = server.gateway(known_gateway);
    constexpr std::uint32_t count = 600;  // more than two bursts of 256
    for (std::uint32_t i = 0; i < count; ++i) {
        sim.send_raw_up(push_data_datagram(known_gateway, static_cast<std::uint16_t>(0x8000 + i),
                                           uplink_frame(known_gateway, 1'000 + i)));
    }
    server.io.start();

    std::optional<std::chrono::steady_clock::time_point> previous;
    for (std::uint32_t i = 0; i < count; ++i) {
        auto delivered = server.uplinks.take(within(default_timeout));
        REQUIRE(delivered);
        CHECK(delivered->rx_info.tmst == GatewayTimestamp{1'000 + i});
        auto times = server.uplink_times.take(within(default_timeout));
        REQUIRE(times);
        if (previous)
            CHECK(times->received >= *previous);
        previous = times->received;
    }
    CHECK(server.counters.value("gw_push_data_received") == count);
    // A datagram after the queue was drained is still read: the wait for readiness was set up.
    // (Sent raw too: the simulator's own socket may have dropped PUSH_ACKs in this flood.)
    sim.send_raw_up(push_data_datagram(known_gateway, 0x7fff, uplink_frame(known_gateway, 5'000)));
    auto last = server.uplinks.take(within(default_timeout));
    REQUIRE(last);
    CHECK(last->rx_info.tmst == GatewayTimestamp{5'000});
}
