// The WAL checkpointer: copies committed pages into the database file from its own thread, and
// stops at once.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>

#include "storage/wal_checkpointer.hpp"
#include "store_fixture.hpp"

using namespace hortillon;
using namespace hortillon::storage;
using namespace hortillon::storage::test;
using namespace std::chrono_literals;

namespace {
// About 2 MiB of rows, committed into the WAL of a connection that never checkpoints by itself.
auto fill_wal(const std::filesystem::path& path) -> std::unique_ptr<Database> {
    auto opened = Database::open(path, DatabaseOptions{.wal_autocheckpoint_pages = 0});
    REQUIRE(opened);
    auto database = std::move(*opened);
    REQUIRE(database->execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT)"));
    REQUIRE(
        database->execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                          "WHERE i < 2000) INSERT INTO filler SELECT i, printf('%.1000c', "
                          "'x') FROM n"));
    return database;
}
}  // namespace

TEST_CASE("committed pages reach the database file only through the checkpointer") {
    TemporaryFolder folder;
    const auto path = folder.path() / "store.db";
    auto writer = fill_wal(path);
    // Without a checkpoint the rows are in the WAL only.
    CHECK(std::filesystem::file_size(path) < 100'000);
    CHECK(std::filesystem::file_size(path.string() + "-wal") > 2'000'000);

    std::atomic<int> failures{0};  // counted on the checkpointer's thread
    auto checkpointer =
        WalCheckpointer::start(path, 10ms, [&failures](const StoreFailure&) { ++failures; });
    REQUIRE(checkpointer);
    REQUIRE((*checkpointer)->wait_for_rounds(2, 10s));
    CHECK(std::filesystem::file_size(path) > 2'000'000);
    CHECK(failures == 0);
    // The writer's rows are all there for a fresh reader.
    auto reader = Database::open(path, DatabaseOptions{});
    REQUIRE(reader);
    auto count = (*reader)->prepare("SELECT count(*) FROM filler");
    REQUIRE(*count->step());
    CHECK(count->column_int64(0) == 2000);
}

TEST_CASE("a checkpointer inside a long interval stops at once") {
    TemporaryFolder folder;
    auto checkpointer = WalCheckpointer::start(folder.path() / "store.db", 1h, {});
    REQUIRE(checkpointer);
    const auto before = std::chrono::steady_clock::now();
    checkpointer->reset();
    CHECK(std::chrono::steady_clock::now() - before < 1s);
}
