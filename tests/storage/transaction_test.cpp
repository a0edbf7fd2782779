// Transactions and savepoints: what an after-commit action sees, and when it is dropped.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "storage/database.hpp"
#include "store_fixture.hpp"

using namespace hortillon;
using namespace hortillon::storage;
using namespace hortillon::storage::test;

namespace {
struct DatabaseFixture {
    TemporaryFolder folder;
    std::unique_ptr<Database> database;
    std::vector<std::string> ran;

    DatabaseFixture() {
        auto opened = Database::open(folder.path() / "store.db", DatabaseOptions{});
        REQUIRE(opened);
        database = std::move(*opened);
    }

    void announce(const std::string& what) {
        database->after_commit([this, what] { ran.push_back(what); });
    }
};
}  // namespace

TEST_CASE("after-commit actions run after the outermost commit, in order") {
    DatabaseFixture fixture;
    auto outer = Transaction::begin(*fixture.database);
    REQUIRE(outer);
    fixture.announce("first");
    {
        auto inner = Transaction::begin(*fixture.database);
        REQUIRE(inner);
        fixture.announce("second");
        REQUIRE(inner->commit());
    }
    CHECK(fixture.ran.empty());  // a released savepoint commits nothing yet
    REQUIRE(outer->commit());
    CHECK(fixture.ran == std::vector<std::string>{"first", "second"});

    fixture.announce("outside");  // no transaction: at once
    CHECK(fixture.ran.back() == "outside");
}

TEST_CASE("a savepoint that rolls back drops its actions and keeps the ones before and after") {
    DatabaseFixture fixture;
    auto outer = Transaction::begin(*fixture.database);
    REQUIRE(outer);
    fixture.announce("before");
    {
        auto inner = Transaction::begin(*fixture.database);
        REQUIRE(inner);
        fixture.announce("rolled back");
        {
            auto nested = Transaction::begin(*fixture.database);
            REQUIRE(nested);
            fixture.announce("nested in the rolled back");
            REQUIRE(nested->commit());
        }
        inner->rollback();
    }
    {
        auto dropped = Transaction::begin(*fixture.database);
        REQUIRE(dropped);
        fixture.announce("destroyed without commit");
    }
    fixture.announce("after");
    REQUIRE(outer->commit());
    CHECK(fixture.ran == std::vector<std::string>{"before", "after"});
}

TEST_CASE("an outer transaction that rolls back drops every action") {
    DatabaseFixture fixture;
    {
        auto outer = Transaction::begin(*fixture.database);
        REQUIRE(outer);
        fixture.announce("lost");
    }
    auto next = Transaction::begin(*fixture.database);
    REQUIRE(next);
    fixture.announce("kept");
    REQUIRE(next->commit());
    CHECK(fixture.ran == std::vector<std::string>{"kept"});
}
