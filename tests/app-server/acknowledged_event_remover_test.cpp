// The remover of acknowledged events: a batch at a time, the rest after its idle delay, and
// everything acknowledged when it stops; on a real SQLite file beside the store's connection.
#include <catch2/catch.hpp>

#include "app-server/acknowledged_event_remover.hpp"
#include "app-server/outbox.hpp"
#include "eventually.hpp"
#include "store_fixture.hpp"

using namespace hortillon;
using namespace hortillon::app_server;
using namespace hortillon::storage::test;
using namespace std::chrono_literals;

namespace {
struct RemoverFixture : StoreFixture {
    telemetry::Counters counters;
    telemetry::Logger logger = telemetry::make_logger("as", telemetry::LogLevel::off);
    EventOutbox outbox{1'000, counters, logger};

    RemoverFixture() {
        for (int i = 0; i < 40; ++i) {
            REQUIRE(outbox.append(store->database(),
                                  "application/a/device/0102030405060708/event/up",
                                  std::to_string(i), std::chrono::system_clock::now()));
        }
    }
    auto start(std::size_t batch, std::chrono::milliseconds max_delay)
        -> std::unique_ptr<AcknowledgedEventRemover> {
        auto remover =
            AcknowledgedEventRemover::start(options.database_path, batch, max_delay, logger);
        REQUIRE(remover);
        return std::move(*remover);
    }
    auto first_id() -> std::int64_t {
        auto events = read_outbox(store->database(), 0, 1);
        REQUIRE(events);
        return events->empty() ? -1 : events->front().id;
    }
    // Waits (5 s at most) until the oldest row left is `id`.
    auto oldest_becomes(std::int64_t id) -> bool {
        return test_support::eventually([&] { return first_id() == id; });
    }
};
}  // namespace

TEST_CASE("acknowledged events leave the outbox a batch at a time, oldest first") {
    RemoverFixture fixture;
    const auto first = fixture.first_id();
    auto remover = fixture.start(10, 1h);
    remover->acknowledged_up_to(first + 11);  // a whole batch: removed without the idle delay
    CHECK(fixture.oldest_becomes(first + 12));
    CHECK(*outbox_size(fixture.store->database()) == 28);
}

TEST_CASE("fewer acknowledged events than a batch leave after the idle delay") {
    RemoverFixture fixture;
    const auto first = fixture.first_id();
    auto remover = fixture.start(1'000, 20ms);
    remover->acknowledged_up_to(first + 2);
    CHECK(fixture.oldest_becomes(first + 3));
}

TEST_CASE("a remover that stops removes every acknowledged event first, and no other") {
    RemoverFixture fixture;
    const auto first = fixture.first_id();
    auto remover = fixture.start(1'000, 1h);
    remover->acknowledged_up_to(first + 6);
    remover->acknowledged_up_to(first + 4);  // an older id changes nothing
    remover.reset();
    CHECK(fixture.first_id() == first + 7);
    CHECK(*outbox_size(fixture.store->database()) == 33);
}
