// Schema migrations: a new file, a reopened file, a file from the future, someone else's file.
#include <catch2/catch.hpp>

#include "storage/migrations.hpp"
#include "store_fixture.hpp"

using namespace hortillon;
using namespace hortillon::storage;
using namespace hortillon::storage::test;

namespace {
auto user_version(Database& database) -> int {
    return *schema_version(database);
}

auto open_database(const std::filesystem::path& path) -> std::unique_ptr<Database> {
    return std::move(*Database::open(path, DatabaseOptions{}));
}
}  // namespace

TEST_CASE("a new database is migrated to the latest schema - in WAL mode") {
    StoreFixture fixture;
    Database& database = fixture.store->database();
    CHECK(user_version(database) == latest_schema_version());
    auto mode = database.prepare("PRAGMA journal_mode");
    REQUIRE(*mode->step());
    CHECK(mode->column_text(0) == "wal");
    auto foreign_keys = database.prepare("PRAGMA foreign_keys");
    REQUIRE(*foreign_keys->step());
    CHECK(foreign_keys->column_int64(0) == 1);
}

TEST_CASE("reopening a database keeps its rows and applies nothing twice") {
    StoreFixture fixture;
    REQUIRE(fixture.store->create_tenant(Tenant{.name = "amiens"}));
    fixture.reopen();
    fixture.reopen();
    CHECK(user_version(fixture.store->database()) == latest_schema_version());
    CHECK(fixture.store->find_tenant("amiens"));
    CHECK(migrations().size() == static_cast<std::size_t>(latest_schema_version()));
}

TEST_CASE("a database migrated by a newer Hortillon is refused with advice") {
    StoreFixture fixture;
    const int newer = latest_schema_version() + 1;
    REQUIRE(fixture.store->database().execute("PRAGMA user_version = " + std::to_string(newer)));
    fixture.store.reset();
    auto opened = SqliteStore::open(fixture.options);
    REQUIRE_FALSE(opened);
    CHECK(opened.error().code == StoreError::schema_too_new);
    CHECK_THAT(opened.error().message,
               Catch::Contains(std::to_string(newer)) && Catch::Contains("newer Hortillon"));
}

TEST_CASE("an SQLite file of another program is not migrated") {
    TemporaryFolder folder;
    const auto path = folder.path() / "other.db";
    {
        auto other = open_database(path);
        REQUIRE(other->execute("CREATE TABLE recipes (name TEXT)"));
    }
    auto database = open_database(path);
    auto migrated = migrate(*database);
    REQUIRE_FALSE(migrated);
    CHECK(migrated.error().code == StoreError::not_a_hortillon_database);
    CHECK(user_version(*database) == 0);
}

TEST_CASE("a failed step leaves the database at the previous version") {
    TemporaryFolder folder;
    auto database = open_database(folder.path() / "h.db");
    // Simulate a half-created schema: the first step then fails on an existing table, and the
    // transaction takes everything it did back.
    REQUIRE(
        database->execute("PRAGMA application_id = " + std::to_string(hortillon_application_id) +
                          "; CREATE TABLE gateways (x INTEGER)"));
    auto migrated = migrate(*database);
    REQUIRE_FALSE(migrated);
    CHECK_THAT(migrated.error().message, Catch::Contains("schema migration 1"));
    CHECK(user_version(*database) == 0);
    auto tenants = database->prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'tenants'");
    REQUIRE(*tenants->step());
    CHECK(tenants->column_int64(0) == 0);
}

TEST_CASE("migration 2 adds the event outbox to a version 1 database and keeps its rows") {
    StoreFixture fixture;
    REQUIRE(fixture.store->create_tenant(Tenant{.name = "amiens"}));
    // Take the file back to what migration 1 left.
    std::vector<std::string> triggers;
    {
        auto listed = fixture.store->database().prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%_stamp'");
        while (*listed->step())
            triggers.emplace_back(listed->column_text(0));
    }
    CHECK(triggers.size() == 20);
    for (const auto& trigger : triggers)
        REQUIRE(fixture.store->database().execute("DROP TRIGGER " + trigger));
    REQUIRE(fixture.store->database().execute(
        "DROP TABLE change_stamp; "
        "ALTER TABLE device_profiles DROP COLUMN adr_margin_db; "
        "ALTER TABLE device_profiles DROP COLUMN adr_min_dr; "
        "ALTER TABLE device_profiles DROP COLUMN adr_max_dr; "
        "ALTER TABLE device_profiles DROP COLUMN adr_max_nb_trans; "
        "DROP TABLE pending_device_sessions; ALTER TABLE devices DROP COLUMN last_rj_count1; "
        "ALTER TABLE device_sessions DROP COLUMN last_rj_count0; "
        "ALTER TABLE device_sessions DROP COLUMN force_rejoin; "
        "ALTER TABLE device_sessions DROP COLUMN force_rejoin_sends; "
        "ALTER TABLE device_sessions DROP COLUMN force_rejoin_sent_at; "
        "ALTER TABLE device_sessions DROP COLUMN mac_state; DROP TABLE codecs; "
        "DROP TABLE event_outbox; DELETE FROM sqlite_sequence WHERE name = 'event_outbox'; "
        "PRAGMA user_version = 1"));
    fixture.reopen();
    Database& database = fixture.store->database();
    CHECK(user_version(database) == latest_schema_version());
    CHECK(fixture.store->find_tenant("amiens"));
    REQUIRE(database.execute(
        "INSERT INTO event_outbox (topic, payload, created_at) VALUES ('t', x'7b7d', 1)"));
    auto row = database.prepare("SELECT id, topic, payload, created_at FROM event_outbox");
    REQUIRE(*row->step());
    CHECK(row->column_int64(0) == 1);
    CHECK(row->column_text(1) == "t");
    CHECK(row->column_blob(2) == lorawan::Bytes{'{', '}'});
    CHECK(row->column_int64(3) == 1);
}
