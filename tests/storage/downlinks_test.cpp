// The downlink queue: first in first out per device, confirmed items await their ACK, bounded.
#include <catch2/catch.hpp>

#include "store_fixture.hpp"

using namespace hortillon;
using namespace hortillon::storage;
using namespace hortillon::storage::test;

namespace {
auto item(lorawan::Eui64 dev_eui, std::uint8_t first_byte, bool confirmed) -> DownlinkQueueItem {
    return DownlinkQueueItem{
        .dev_eui = dev_eui, .f_port = 10, .data = {first_byte, 0x00}, .confirmed = confirmed};
}
}  // namespace

TEST_CASE("downlinks leave the queue in the order they were enqueued") {
    TenantFixture fixture;
    auto& store = *fixture.store;
    const auto eui = fixture.create_otaa_device(1).dev_eui;
    const auto other = fixture.create_otaa_device(2).dev_eui;
    CHECK_FALSE(*store.next_downlink(eui));
    const auto first = *store.enqueue_downlink(item(eui, 1, false));
    const auto second = *store.enqueue_downlink(item(eui, 2, false));
    REQUIRE(store.enqueue_downlink(item(other, 9, false)));
    CHECK_FALSE(first.id.empty());
    CHECK(first.id != second.id);

    auto next = *store.next_downlink(eui);
    REQUIRE(next);
    CHECK(next->id == first.id);
    CHECK(next->data == lorawan::Bytes{1, 0});
    CHECK(next->f_port == 10);
    REQUIRE(store.mark_downlink_sent(first.id, 7));  // unconfirmed: done, removed
    CHECK((*store.next_downlink(eui))->id == second.id);
    CHECK(store.list_downlinks(eui)->size() == 1);
    CHECK(store.list_downlinks(other)->size() == 1);
}

TEST_CASE("a confirmed downlink waits for the ACK of its FCnt") {
    TenantFixture fixture;
    auto& store = *fixture.store;
    const auto eui = fixture.create_otaa_device(1).dev_eui;
    const auto confirmed = *store.enqueue_downlink(item(eui, 1, true));
    const auto after = *store.enqueue_downlink(item(eui, 2, false));
    REQUIRE(store.mark_downlink_sent(confirmed.id, 41));
    const auto queue = *store.list_downlinks(eui);
    REQUIRE(queue.size() == 2);
    CHECK(queue[0].state == DownlinkState::pending_ack);
    CHECK(queue[0].f_cnt_down == std::optional<std::uint32_t>{41});
    CHECK(queue[0].sent_at);
    CHECK((*store.next_downlink(eui))->id == after.id);  // pending items are skipped

    CHECK(store.acknowledge_downlink(eui, 40).error().code == StoreError::not_found);
    auto acked = store.acknowledge_downlink(eui, 41);
    REQUIRE(acked);
    CHECK(acked->id == confirmed.id);
    CHECK(store.list_downlinks(eui)->size() == 1);
}

TEST_CASE("the queue is bounded - validates FPort and can be flushed") {
    TenantFixture fixture;
    fixture.options.downlink_queue_capacity = 3;
    fixture.reopen();
    auto& store = *fixture.store;
    const auto eui = fixture.create_otaa_device(1).dev_eui;
    for (std::uint8_t i = 0; i < 3; ++i)
        REQUIRE(store.enqueue_downlink(item(eui, i, false)));
    auto full = store.enqueue_downlink(item(eui, 3, false));
    REQUIRE_FALSE(full);
    CHECK(full.error().code == StoreError::queue_full);

    auto bad_port = item(eui, 0, false);
    bad_port.f_port = 0;
    CHECK(store.enqueue_downlink(bad_port).error().code == StoreError::invalid_value);
    CHECK(store.enqueue_downlink(item(lorawan::Eui64{5}, 0, false)).error().code ==
          StoreError::invalid_reference);

    const auto first = (*store.next_downlink(eui))->id;
    REQUIRE(store.delete_downlink(first));
    CHECK(store.delete_downlink(first).error().code == StoreError::not_found);
    CHECK(*store.flush_downlink_queue(eui) == 2);
    CHECK(store.list_downlinks(eui)->empty());
}
