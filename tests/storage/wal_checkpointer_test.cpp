// The WAL checkpointer: copies committed pages into the database file from its own thread, and
// stops at once.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "storage/wal_checkpointer.hpp"
#include "store_fixture.hpp"

using namespace hortillon;
using namespace hortillon::storage;
using namespace hortillon::storage::test;
using namespace std::chrono_literals;

namespace {
// About 2 MiB of rows, committed into the WAL of a connection that never checkpoints by itself.
auto fill_wal(const std::filesystem::path& path,
              std::int64_t wal_size_limit_bytes = DatabaseOptions{}.wal_size_limit_bytes)
    -> std::unique_ptr<Database> {
    auto opened =
        Database::open(path, DatabaseOptions{.wal_autocheckpoint_pages = 0,
                                             .wal_size_limit_bytes = wal_size_limit_bytes});
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
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::filesystem::file_size(path) <= 2'000'000 &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    REQUIRE(std::filesystem::file_size(path) > 2'000'000);
    checkpointer->reset();  // every round it began has ended and reported
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

TEST_CASE("a WAL grown by a burst is cut back to its limit when it starts over") {
    TemporaryFolder folder;
    const auto wal_size_after_restart = [&](const std::string& name, std::int64_t limit) {
        const auto path = folder.path() / name;
        auto database = fill_wal(path, limit);
        REQUIRE(std::filesystem::file_size(path.string() + "-wal") > 2'000'000);
        REQUIRE(database->checkpoint());  // nobody reads: every frame is copied
        // The next commit starts the WAL over from its beginning.
        REQUIRE(database->execute("INSERT INTO filler VALUES (2001, 'y')"));
        return std::filesystem::file_size(path.string() + "-wal");
    };
    CHECK(wal_size_after_restart("limited.db", 100'000) <= 100'000);
    // SQLite's default, no limit, keeps the file at its largest.
    CHECK(wal_size_after_restart("unlimited.db", -1) > 2'000'000);
}
