// The event outbox: order, removal, transactions shared with store writes, and the bound.
#include <catch2/catch.hpp>

#include "app-server/outbox.hpp"
#include "store_fixture.hpp"

using namespace hortillon;
using namespace hortillon::app_server;
using namespace hortillon::storage::test;

namespace {
const auto now = std::chrono::system_clock::time_point{std::chrono::seconds{1'714'564'800}};

struct OutboxFixture : StoreFixture {
    telemetry::Counters counters;
    EventOutbox outbox;
    explicit OutboxFixture(std::size_t capacity = 100)
        : outbox(capacity, counters, telemetry::make_logger("as", telemetry::LogLevel::off)) {}
    auto database() -> storage::Database& { return store->database(); }
};
}  // namespace

TEST_CASE("events come out in the order they went in, and leave when deleted") {
    OutboxFixture fixture;
    for (int i = 0; i < 5; ++i) {
        REQUIRE(fixture.outbox.append(fixture.database(), "t/" + std::to_string(i),
                                      "{\"n\":" + std::to_string(i) + "}", now));
    }
    CHECK(*outbox_size(fixture.database()) == 5);
    auto events = read_outbox(fixture.database(), 0, 3);
    REQUIRE(events);
    REQUIRE(events->size() == 3);
    CHECK(events->at(0).topic == "t/0");
    CHECK(events->at(0).payload == "{\"n\":0}");
    CHECK(events->at(0).created_at == now);
    CHECK(events->at(2).topic == "t/2");
    auto rest = read_outbox(fixture.database(), events->back().id, 10);
    REQUIRE(rest->size() == 2);
    CHECK(rest->at(0).topic == "t/3");
    REQUIRE(delete_outbox_event(fixture.database(), events->at(0).id));
    CHECK(*outbox_size(fixture.database()) == 4);
    CHECK(read_outbox(fixture.database(), 0, 1)->at(0).topic == "t/1");
    CHECK(fixture.counters.value("as_outbox_appended") == 5);
}

TEST_CASE("acknowledged events leave together, up to an id, and the later ones stay") {
    OutboxFixture fixture;
    for (int n = 0; n < 5; ++n)
        REQUIRE(fixture.outbox.append(fixture.database(), "t/" + std::to_string(n), "{}", now));
    const auto events = read_outbox(fixture.database(), 0, 5);
    REQUIRE(events->size() == 5);
    REQUIRE(delete_outbox_events_up_to(fixture.database(), events->at(2).id));
    const auto rest = read_outbox(fixture.database(), 0, 10);
    REQUIRE(rest->size() == 2);
    CHECK(rest->at(0).topic == "t/3");
    CHECK(rest->at(1).topic == "t/4");
    CHECK(*outbox_size(fixture.database()) == 2);
}

TEST_CASE("an event appended in a store transaction is kept or lost with it") {
    OutboxFixture fixture;
    {
        auto transaction = storage::Transaction::begin(fixture.database());
        REQUIRE(transaction);
        REQUIRE(fixture.outbox.append(fixture.database(), "t/lost", "{}", now));
        // Not committed: rolled back with whatever else the transaction held.
    }
    CHECK(*outbox_size(fixture.database()) == 0);
    auto transaction = storage::Transaction::begin(fixture.database());
    REQUIRE(fixture.outbox.append(fixture.database(), "t/kept", "{}", now));
    REQUIRE(transaction->commit());
    CHECK(read_outbox(fixture.database(), 0, 10)->at(0).topic == "t/kept");
}

TEST_CASE("another connection to the same file sees and drains the events") {
    OutboxFixture fixture;
    REQUIRE(fixture.outbox.append(fixture.database(), "t/a", "{}", now));
    auto other = storage::Database::open(fixture.options.database_path, {});
    REQUIRE(other);
    auto events = read_outbox(**other, 0, 10);
    REQUIRE(events->size() == 1);
    REQUIRE(delete_outbox_event(**other, events->at(0).id));
    CHECK(*outbox_size(fixture.database()) == 0);
}

TEST_CASE("a full outbox refuses new events, warns at 50/80/100 % and keeps what it has") {
    OutboxFixture fixture(10);
    for (int i = 0; i < 10; ++i)
        REQUIRE(fixture.outbox.append(fixture.database(), "t", "{}", now));
    CHECK(fixture.counters.value("as_outbox_level_50") == 1);
    CHECK(fixture.counters.value("as_outbox_level_80") == 1);
    CHECK(fixture.counters.value("as_outbox_level_100") == 1);
    auto refused = fixture.outbox.append(fixture.database(), "t", "{}", now);
    REQUIRE_FALSE(refused);
    CHECK(refused.error() == OutboxError::outbox_full);
    CHECK(fixture.counters.value("as_outbox_refused") == 1);
    CHECK(*outbox_size(fixture.database()) == 10);
    CHECK(fixture.counters.value("as_outbox_level_100") == 1);  // warned once, not per refusal

    // Drained below half: the warnings re-arm.
    const auto oldest = read_outbox(fixture.database(), 0, 6);
    REQUIRE(oldest);
    for (std::size_t i = 0; i < oldest->size(); ++i)
        REQUIRE(delete_outbox_event(fixture.database(), oldest->at(i).id));
    REQUIRE(fixture.outbox.append(fixture.database(), "t", "{}", now));
    for (int i = 0; i < 1; ++i)
        REQUIRE(fixture.outbox.append(fixture.database(), "t", "{}", now));
    CHECK(fixture.counters.value("as_outbox_level_50") == 2);
}
