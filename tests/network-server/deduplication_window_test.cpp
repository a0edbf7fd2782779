#include <catch2/catch.hpp>

#include "network-server/deduplication_window.hpp"

using namespace hortillon;
using namespace hortillon::network_server;
using namespace std::chrono_literals;

namespace {
auto copy_from(std::uint64_t gateway, lorawan::Bytes phy, double snr)
    -> gateway_bridge::UplinkFrame {
    gateway_bridge::UplinkFrame frame;
    frame.phy_payload = std::move(phy);
    frame.tx_info.frequency_hz = 868'100'000;
    frame.rx_info.gateway_eui = lorawan::Eui64{gateway};
    frame.rx_info.lsnr = snr;
    frame.rx_info.rssi = -80;
    return frame;
}
const SteadyTime t0{};
}  // namespace

TEST_CASE("copies within the window become one uplink with every gateway's reception") {
    DeduplicationWindow window({.window = 200ms});
    CHECK_FALSE(window.next_deadline());
    CHECK(window.add(copy_from(1, {1, 2, 3}, 5.0), t0) == CopyOutcome::first_copy);
    CHECK(window.add(copy_from(2, {1, 2, 3}, 7.5), t0 + 50ms) == CopyOutcome::added);
    CHECK(window.add(copy_from(9, {9, 9}, 1.0), t0 + 60ms) == CopyOutcome::first_copy);
    CHECK(window.add(copy_from(3, {1, 2, 3}, -2.0), t0 + 199ms) == CopyOutcome::added);
    REQUIRE(window.next_deadline() == t0 + 200ms);

    CHECK(window.on_deadline(t0 + 199ms).empty());
    auto due = window.on_deadline(t0 + 200ms);
    REQUIRE(due.size() == 1);
    CHECK(due[0].phy_payload == lorawan::Bytes{1, 2, 3});
    REQUIRE(due[0].rx_infos.size() == 3);
    CHECK(due[0].rx_infos[1].gateway_eui == lorawan::Eui64{2});
    CHECK(due[0].first_seen == t0);
    CHECK(window.next_deadline() == t0 + 260ms);
    CHECK(window.on_deadline(t0 + 260ms).size() == 1);
    CHECK(window.open_count() == 0);
}

TEST_CASE("a late copy is dropped, not delivered again; a much later retransmission is new") {
    DeduplicationWindow window({.window = 200ms, .late_copy_memory = 1500ms});
    window.add(copy_from(1, {7}, 5.0), t0);
    CHECK(window.on_deadline(t0 + 200ms).size() == 1);
    CHECK(window.add(copy_from(2, {7}, 5.0), t0 + 400ms) == CopyOutcome::late_copy);
    CHECK(window.on_deadline(t0 + 600ms).empty());
    // An NbTrans retransmission arrives seconds later, after RX2: it must reach the flow.
    CHECK(window.add(copy_from(1, {7}, 5.0), t0 + 3s) == CopyOutcome::first_copy);
}

TEST_CASE("two copies from one gateway keep the stronger reception") {
    DeduplicationWindow window({});
    window.add(copy_from(1, {4}, 2.0), t0);
    CHECK(window.add(copy_from(1, {4}, 6.0), t0 + 10ms) == CopyOutcome::same_gateway);
    CHECK(window.add(copy_from(1, {4}, 1.0), t0 + 20ms) == CopyOutcome::same_gateway);
    auto due = window.on_deadline(t0 + 1s);
    REQUIRE(due.size() == 1);
    REQUIRE(due[0].rx_infos.size() == 1);
    CHECK(due[0].rx_infos[0].lsnr == 6.0);
}

TEST_CASE("the window refuses new uplinks beyond its capacity") {
    DeduplicationWindow window({.window = 200ms, .late_copy_memory = 1s, .capacity = 2});
    CHECK(window.add(copy_from(1, {1}, 0), t0) == CopyOutcome::first_copy);
    CHECK(window.add(copy_from(1, {2}, 0), t0) == CopyOutcome::first_copy);
    CHECK(window.add(copy_from(1, {3}, 0), t0) == CopyOutcome::window_full);
    CHECK(window.add(copy_from(2, {2}, 0), t0) == CopyOutcome::added);  // joins an open one
    CHECK(window.on_deadline(t0 + 200ms).size() == 2);
    CHECK(window.add(copy_from(1, {3}, 0), t0 + 201ms) == CopyOutcome::first_copy);
}

TEST_CASE("a limit releases the oldest due uplinks first; the rest stay due and collect copies") {
    DeduplicationWindow window({.window = 200ms});
    for (std::uint8_t i = 0; i < 5; ++i)
        window.add(copy_from(1, {i}, 0), t0 + std::chrono::milliseconds{i});
    window.add(copy_from(1, {9}, 0), t0 + 150ms);  // not due at t0 + 300ms

    auto first = window.on_deadline(t0 + 300ms, 2);
    REQUIRE(first.size() == 2);
    CHECK(first[0].phy_payload == lorawan::Bytes{0});
    CHECK(first[1].phy_payload == lorawan::Bytes{1});
    CHECK(window.next_deadline() == t0 + 202ms);  // past: call again at once
    // Another gateway's copy of a due uplink not yet released still joins it.
    CHECK(window.add(copy_from(2, {3}, 0), t0 + 301ms) == CopyOutcome::added);

    auto second = window.on_deadline(t0 + 302ms, 2);
    REQUIRE(second.size() == 2);
    CHECK(second[0].phy_payload == lorawan::Bytes{2});
    CHECK(second[1].phy_payload == lorawan::Bytes{3});
    CHECK(second[1].rx_infos.size() == 2);

    auto third = window.on_deadline(t0 + 303ms, 2);
    REQUIRE(third.size() == 1);
    CHECK(third[0].phy_payload == lorawan::Bytes{4});
    CHECK(window.next_deadline() == t0 + 350ms);
    CHECK(window.open_count() == 1);
}

TEST_CASE("closing every window releases the open uplinks at once, oldest first") {
    DeduplicationWindow window({.window = 200ms, .late_copy_memory = 1500ms});
    window.add(copy_from(1, {1}, 5.0), t0);
    window.add(copy_from(2, {1}, 6.0), t0 + 10ms);
    window.add(copy_from(1, {2}, 5.0), t0 + 50ms);
    auto closed = window.close_all(t0 + 60ms);  // neither window is due yet
    REQUIRE(closed.size() == 2);
    CHECK(closed[0].phy_payload == lorawan::Bytes{1});
    CHECK(closed[0].rx_infos.size() == 2);
    CHECK(closed[1].phy_payload == lorawan::Bytes{2});
    CHECK(window.open_count() == 0);
    CHECK_FALSE(window.next_deadline());
    // Released like any other: a copy arriving after is late.
    CHECK(window.add(copy_from(3, {2}, 1.0), t0 + 100ms) == CopyOutcome::late_copy);
    CHECK(window.close_all(t0 + 100ms).empty());
}
