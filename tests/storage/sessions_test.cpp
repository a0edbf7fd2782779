// Device sessions: saved at activation, found by DevAddr (several devices may share one), and
// frame counters that persist.
#include <catch2/catch.hpp>
#include <set>

#include "store_fixture.hpp"

using namespace hortillon;
using namespace hortillon::storage;
using namespace hortillon::storage::test;

namespace {
auto session_of(lorawan::Eui64 dev_eui, std::uint32_t dev_addr, std::uint8_t key) -> DeviceSession {
    DeviceSession session{.dev_eui = dev_eui, .dev_addr = lorawan::DevAddr{dev_addr}};
    session.mac_version = lorawan::MacVersion::v1_1_0;
    session.lorawan_1_1 = true;
    session.keys = {test_key(key), test_key(key + 1), test_key(key + 2), test_key(key + 3)};
    session.rx1_dr_offset = 1;
    session.rx2_dr = 0;
    session.rx2_frequency_hz = 869'525'000;
    return session;
}
}  // namespace

TEST_CASE("a saved session reads back field for field and a new join replaces it") {
    TenantFixture fixture;
    const auto eui = fixture.create_otaa_device(1).dev_eui;
    const auto session = session_of(eui, 0x26011001, 10);
    REQUIRE(fixture.store->save_device_session(session));
    auto stored = fixture.store->get_device_session(eui);
    REQUIRE(stored);
    CHECK(stored->dev_addr == session.dev_addr);
    CHECK(stored->mac_version == lorawan::MacVersion::v1_1_0);
    CHECK(stored->lorawan_1_1);
    CHECK(stored->keys == session.keys);
    CHECK(stored->rx1_dr_offset == 1);
    CHECK(stored->rx2_dr == std::optional<std::uint8_t>{0});
    CHECK(stored->rx2_frequency_hz == 869'525'000);

    REQUIRE(fixture.store->save_device_session(session_of(eui, 0x26011002, 20)));
    CHECK(fixture.store->get_device_session(eui)->dev_addr == lorawan::DevAddr{0x26011002});
    CHECK(fixture.store->device_sessions_by_dev_addr(lorawan::DevAddr{0x26011001})->empty());
    CHECK(fixture.store->save_device_session(session_of(lorawan::Eui64{77}, 1, 1)).error().code ==
          StoreError::invalid_reference);
}

TEST_CASE("two devices sharing a DevAddr are both candidates") {
    TenantFixture fixture;
    const auto a = fixture.create_otaa_device(1).dev_eui;
    const auto b = fixture.create_otaa_device(2).dev_eui;
    const auto c = fixture.create_otaa_device(3).dev_eui;
    REQUIRE(fixture.store->save_device_session(session_of(a, 0x26011abc, 1)));
    REQUIRE(fixture.store->save_device_session(session_of(b, 0x26011abc, 50)));
    REQUIRE(fixture.store->save_device_session(session_of(c, 0x26011abd, 90)));
    auto candidates = fixture.store->device_sessions_by_dev_addr(lorawan::DevAddr{0x26011abc});
    REQUIRE(candidates);
    REQUIRE(candidates->size() == 2);
    std::set<std::uint64_t> euis{(*candidates)[0].dev_eui.value, (*candidates)[1].dev_eui.value};
    CHECK(euis == std::set<std::uint64_t>{a.value, b.value});
    CHECK(fixture.store->device_sessions_by_dev_addr(lorawan::DevAddr{1})->empty());
}

TEST_CASE("frame counters are durable across a reopen") {
    TenantFixture fixture;
    const auto eui = fixture.create_otaa_device(1).dev_eui;
    REQUIRE(fixture.store->save_device_session(session_of(eui, 0x26011001, 1)));
    const FrameCounters counters{.last_f_cnt_up = 70'000,
                                 .n_f_cnt_down = 12,
                                 .a_f_cnt_down = 4,
                                 .pending_confirmed_f_cnt_down = 3};
    REQUIRE(fixture.store->update_frame_counters(eui, counters));
    fixture.reopen();
    CHECK(fixture.store->get_device_session(eui)->counters == counters);
    CHECK(fixture.store->update_frame_counters(lorawan::Eui64{99}, counters).error().code ==
          StoreError::not_found);
}

TEST_CASE("the MAC state is saved with the session and updated with the counters") {
    TenantFixture fixture;
    const auto eui = fixture.create_otaa_device(1).dev_eui;
    auto session = session_of(eui, 0x26011001, 1);
    CHECK(session.mac_state.empty());  // a session starts with the region's defaults
    session.mac_state = R"({"version":1,"dr":0})";
    REQUIRE(fixture.store->save_device_session(session));
    CHECK(fixture.store->get_device_session(eui)->mac_state == R"({"version":1,"dr":0})");
    const FrameCounters counters{.last_f_cnt_up = 9};
    REQUIRE(fixture.store->update_session_state(eui, counters, R"({"version":1,"dr":5})"));
    fixture.reopen();
    auto stored = fixture.store->get_device_session(eui);
    CHECK(stored->mac_state == R"({"version":1,"dr":5})");
    CHECK(stored->counters == counters);
    CHECK(fixture.store->update_session_state(lorawan::Eui64{99}, counters, "{}").error().code ==
          StoreError::not_found);
}

TEST_CASE("an FCnt update and other writes commit together or not at all") {
    TenantFixture fixture;
    const auto eui = fixture.create_otaa_device(1).dev_eui;
    REQUIRE(fixture.store->save_device_session(session_of(eui, 0x26011001, 1)));
    {
        auto transaction = fixture.store->begin_transaction();
        REQUIRE(transaction);
        REQUIRE(fixture.store->update_frame_counters(eui, FrameCounters{.last_f_cnt_up = 5}));
        REQUIRE(fixture.store->enqueue_downlink(DownlinkQueueItem{.dev_eui = eui, .data = {1}}));
        transaction->rollback();
    }
    CHECK_FALSE(fixture.store->get_device_session(eui)->counters.last_f_cnt_up);
    CHECK(fixture.store->list_downlinks(eui)->empty());
}

TEST_CASE("a rejoin's session waits beside the current one until it is activated") {
    TenantFixture fixture;
    const auto eui = fixture.create_otaa_device(1).dev_eui;
    REQUIRE(fixture.store->save_device_session(session_of(eui, 0x26011001, 10)));
    REQUIRE(fixture.store->save_pending_device_session(session_of(eui, 0x26011002, 20)));
    // Both are found by their addresses; only the new one is marked pending.
    auto current = fixture.store->device_sessions_by_dev_addr(lorawan::DevAddr{0x26011001});
    auto pending = fixture.store->device_sessions_by_dev_addr(lorawan::DevAddr{0x26011002});
    REQUIRE(current->size() == 1);
    REQUIRE(pending->size() == 1);
    CHECK_FALSE((*current)[0].pending);
    CHECK((*pending)[0].pending);
    CHECK((*pending)[0].keys == session_of(eui, 0x26011002, 20).keys);
    CHECK(fixture.store->get_device_session(eui)->dev_addr == lorawan::DevAddr{0x26011001});
    // A pending address is not free for another join.
    const DevAddrPrefix prefix{lorawan::DevAddr{0x26011002}, 31};
    for (int i = 0; i < 10; ++i)
        CHECK(fixture.store->allocate_dev_addr(prefix)->value == 0x26011003);

    REQUIRE(fixture.store->activate_pending_device_session(eui));
    CHECK(fixture.store->get_device_session(eui)->dev_addr == lorawan::DevAddr{0x26011002});
    CHECK(fixture.store->device_sessions_by_dev_addr(lorawan::DevAddr{0x26011001})->empty());
    CHECK_FALSE(
        fixture.store->device_sessions_by_dev_addr(lorawan::DevAddr{0x26011002})->front().pending);
    CHECK(fixture.store->get_pending_device_session(eui).error().code == StoreError::not_found);
    CHECK(fixture.store->activate_pending_device_session(eui).error().code ==
          StoreError::not_found);

    // A new join drops a pending session.
    REQUIRE(fixture.store->save_pending_device_session(session_of(eui, 0x26011003, 30)));
    REQUIRE(fixture.store->save_device_session(session_of(eui, 0x26011004, 40)));
    CHECK(fixture.store->device_sessions_by_dev_addr(lorawan::DevAddr{0x26011003})->empty());
}

TEST_CASE("rejoin counters must increase: RJcount0 per session, RJcount1 per device") {
    TenantFixture fixture;
    const auto eui = fixture.create_otaa_device(1).dev_eui;
    CHECK(fixture.store->accept_rejoin_count(eui, RejoinCounter::rj_count0, 0).error().code ==
          StoreError::not_found);
    REQUIRE(fixture.store->save_device_session(session_of(eui, 0x26011001, 10)));
    CHECK(*fixture.store->accept_rejoin_count(eui, RejoinCounter::rj_count0, 0));
    CHECK_FALSE(*fixture.store->accept_rejoin_count(eui, RejoinCounter::rj_count0, 0));
    CHECK(*fixture.store->accept_rejoin_count(eui, RejoinCounter::rj_count0, 7));
    CHECK_FALSE(*fixture.store->accept_rejoin_count(eui, RejoinCounter::rj_count0, 6));
    CHECK(*fixture.store->accept_rejoin_count(eui, RejoinCounter::rj_count1, 3));
    CHECK_FALSE(*fixture.store->accept_rejoin_count(eui, RejoinCounter::rj_count1, 3));

    // The session a rejoin created starts a new RJcount0; RJcount1 stays with the device.
    REQUIRE(fixture.store->save_pending_device_session(session_of(eui, 0x26011002, 20)));
    REQUIRE(fixture.store->activate_pending_device_session(eui));
    CHECK(*fixture.store->accept_rejoin_count(eui, RejoinCounter::rj_count0, 0));
    CHECK_FALSE(*fixture.store->accept_rejoin_count(eui, RejoinCounter::rj_count1, 2));
    CHECK(fixture.store->accept_rejoin_count(lorawan::Eui64{77}, RejoinCounter::rj_count1, 1)
              .error()
              .code == StoreError::not_found);
}

TEST_CASE(
    "a ForceRejoinReq request is kept with the session, counted when sent, dropped by a "
    "new session") {
    TenantFixture fixture;
    const auto eui = fixture.create_otaa_device(1).dev_eui;
    CHECK(fixture.store->request_force_rejoin(eui, 0x0123).error().code == StoreError::not_found);
    REQUIRE(fixture.store->save_device_session(session_of(eui, 0x26011001, 10)));
    REQUIRE(fixture.store->request_force_rejoin(eui, 0x0123));
    CHECK(fixture.store->get_device_session(eui)->force_rejoin ==
          ForceRejoinRequest{.request = 0x0123, .sends = 0, .last_sent_at = std::nullopt});
    const Timestamp sent_at{std::chrono::milliseconds{1'700'000'000'000}};
    REQUIRE(fixture.store->note_force_rejoin_sent(eui, 0x0123, sent_at));
    // A send of an older request does not count for a new one.
    REQUIRE(fixture.store->note_force_rejoin_sent(eui, 0x0456, sent_at));
    CHECK(fixture.store->get_device_session(eui)->force_rejoin ==
          ForceRejoinRequest{.request = 0x0123, .sends = 1, .last_sent_at = sent_at});
    // The counters the server writes per uplink leave it alone.
    REQUIRE(fixture.store->update_session_state(eui, FrameCounters{.last_f_cnt_up = 3}, ""));
    CHECK(fixture.store->get_device_session(eui)->force_rejoin->sends == 1);

    REQUIRE(fixture.store->save_pending_device_session(session_of(eui, 0x26011002, 20)));
    REQUIRE(fixture.store->activate_pending_device_session(eui));
    CHECK_FALSE(fixture.store->get_device_session(eui)->force_rejoin);
    REQUIRE(fixture.store->request_force_rejoin(eui, 0x0001));
    REQUIRE(fixture.store->clear_force_rejoin(eui));
    CHECK_FALSE(fixture.store->get_device_session(eui)->force_rejoin);
}

TEST_CASE("deleting a session drops a pending one, also when it is the only one") {
    TenantFixture fixture;
    const auto eui = fixture.create_otaa_device(1).dev_eui;
    REQUIRE(fixture.store->save_pending_device_session(session_of(eui, 0x26011002, 20)));
    REQUIRE(fixture.store->delete_device_session(eui));
    CHECK(fixture.store->get_pending_device_session(eui).error().code == StoreError::not_found);
    CHECK(fixture.store->delete_device_session(eui).error().code == StoreError::not_found);
    // Deleting the device takes its pending session with it.
    REQUIRE(fixture.store->save_pending_device_session(session_of(eui, 0x26011003, 30)));
    REQUIRE(fixture.store->delete_device(eui));
    CHECK(fixture.store->device_sessions_by_dev_addr(lorawan::DevAddr{0x26011003})->empty());
}
