// NetworkServer::on_deadline hands due uplinks to the flows in bounded chunks, oldest first, so
// that the event loop reads its socket between chunks. Driven on a real store (a temporary
// SQLite file) with simulated time; the uplinks carry DevAddrs the store does not know, so each
// handled uplink shows as one unknown_dev_addr rejection naming its DevAddr.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../storage/store_fixture.hpp"
#include "network-server/network_server.hpp"
#include "network-server/sqlite_network_store.hpp"

using namespace hortillon;
using namespace hortillon::network_server;
using namespace std::chrono_literals;

namespace {

class NoGateways final : public DownlinkTransmitter {
  public:
    [[nodiscard]] auto can_transmit(lorawan::Eui64) const -> bool override { return false; }
    auto transmit(lorawan::Eui64, const gateway_bridge::DownlinkFrame&)
        -> std::optional<gateway_bridge::Token> override {
        return std::nullopt;
    }
};

// Records the rejections, in the order the flows reported them.
class RecordedEvents final : public NetworkEvents {
  public:
    std::vector<std::string> rejected;  // "<reason> <detail>"

    void on_rejected(UplinkRejection reason, const std::string& detail) override {
        rejected.push_back(std::to_string(static_cast<int>(reason)) + " " + detail);
    }
    void on_join(lorawan::Eui64, lorawan::DevAddr) override {}
    auto on_uplink(const AcceptedUplink&) -> bool override { return true; }
    void on_downlink_acknowledged(const DownlinkAcknowledgement&) override {}
    void on_tx_result(const DownlinkTxResult&) override {}
    void on_downlink_refused(lorawan::Eui64, const std::string&, DownlinkRefusal) override {}
    void on_mac_findings(lorawan::Eui64, std::span<const MacFinding>) override {}
    void on_device_uplink_rejected(lorawan::Eui64, UplinkRejection) override {}
    void on_device_status(lorawan::Eui64, const DeviceStatus&) override {}
};

auto dev_addr_of(std::uint32_t n) -> lorawan::DevAddr {
    return lorawan::DevAddr{0x26000000U + n};
}

// An unconfirmed data uplink from DevAddr n (its MIC is never checked: no session matches).
auto data_uplink(std::uint32_t n) -> gateway_bridge::UplinkFrame {
    const auto addr = dev_addr_of(n).to_le_bytes();
    gateway_bridge::UplinkFrame frame;
    // MHDR, DevAddr, FCtrl, FCnt, FPort, FRMPayload, MIC
    frame.phy_payload = lorawan::Bytes{0x40, addr[0], addr[1], addr[2], addr[3], 0x00, 0x01,
                                       0x00, 0x02,    0xaa,    0x00,    0x00,    0x00, 0x00};
    frame.tx_info.frequency_hz = 868'100'000;
    frame.tx_info.modulation = gateway_bridge::LoraModulation{7, 125'000, std::nullopt};
    frame.rx_info.gateway_eui = lorawan::Eui64{0xaa};
    return frame;
}

auto rejection_of(std::uint32_t n) -> std::string {
    return std::to_string(static_cast<int>(UplinkRejection::unknown_dev_addr)) + " DevAddr " +
           dev_addr_of(n).to_string();
}

}  // namespace

TEST_CASE("many due uplinks are handled in chunks, oldest first, until none is left") {
    storage::test::StoreFixture fixture;
    StoreBackedNetworkStore store(*fixture.store);
    NoGateways gateways;
    RecordedEvents events;
    NetworkServer server(NetworkServerSettings{.net_id = lorawan::NetId{0x13},
                                               .extra_channels_hz = {},
                                               .deduplication = {.window = 200ms},
                                               .uplinks_per_deadline = 64,
                                               .regions = {}},
                         store, gateways, events);

    const SteadyTime t0{};
    constexpr std::uint32_t count = 150;
    // Added in reverse DevAddr order, so that first-seen order and DevAddr order differ.
    for (std::uint32_t i = 0; i < count; ++i)
        server.on_uplink_frame(data_uplink(count - 1 - i), t0 + std::chrono::microseconds{i});
    server.on_uplink_frame(data_uplink(1000), t0 + 900ms);  // due at t0 + 1100 ms
    REQUIRE(server.next_deadline() == t0 + 200ms);

    const SteadyTime now = t0 + 1s;  // all but the last are due
    const auto utc = std::chrono::system_clock::time_point{};
    std::vector<std::size_t> chunk_sizes;
    while (server.next_deadline() <= now) {
        const auto before = events.rejected.size();
        server.on_deadline(now, utc);
        chunk_sizes.push_back(events.rejected.size() - before);
        REQUIRE(chunk_sizes.size() <= 3);
    }
    CHECK(chunk_sizes == std::vector<std::size_t>{64, 64, 22});
    REQUIRE(events.rejected.size() == count);
    for (std::uint32_t i = 0; i < count; ++i)
        CHECK(events.rejected[i] == rejection_of(count - 1 - i));
    CHECK(server.next_deadline() == t0 + 1100ms);

    server.on_deadline(t0 + 1100ms, utc);
    REQUIRE(events.rejected.size() == count + 1);
    CHECK(events.rejected.back() == rejection_of(1000));
    CHECK_FALSE(server.next_deadline());
}
