// The codecs table (migration 3): JavaScript codecs saved, replaced, found and listed, and a
// version 2 database gaining the table with its rows kept.
#include <catch2/catch.hpp>

#include "storage/migrations.hpp"
#include "store_fixture.hpp"

using namespace hortillon;
using namespace hortillon::storage;
using namespace hortillon::storage::test;

TEST_CASE("a saved codec is found with every field, and a second save replaces it") {
    StoreFixture fixture;
    const auto first = fixture.store->save_codec(StoredCodec{.id = "acme-level",
                                                             .source = "function decodeUplink(){}",
                                                             .vendor = "Acme",
                                                             .device = "Level 1",
                                                             .family = "bin",
                                                             .encodes_downlink = true});
    REQUIRE(first);
    CHECK_FALSE(*first);
    auto found = fixture.store->find_codec("acme-level");
    REQUIRE(found);
    CHECK(found->source == "function decodeUplink(){}");
    CHECK(found->vendor == "Acme");
    CHECK(found->device == "Level 1");
    CHECK(found->family == "bin");
    CHECK(found->encodes_downlink);
    CHECK_FALSE(found->decodes_downlink);
    CHECK(found->imported_at.time_since_epoch().count() > 0);

    const auto second = fixture.store->save_codec(
        StoredCodec{.id = "acme-level", .source = "function decodeUplink(i){return {}}"});
    REQUIRE(second);
    CHECK(*second);
    found = fixture.store->find_codec("acme-level");
    REQUIRE(found);
    CHECK(found->source == "function decodeUplink(i){return {}}");
    CHECK_FALSE(found->vendor);
    CHECK_FALSE(found->encodes_downlink);
    // Another connection (the running server) sees the new source at once.
    CHECK(fixture.open_again()->find_codec("acme-level")->source ==
          "function decodeUplink(i){return {}}");
}

TEST_CASE("codecs are listed by id; unknown ids and empty sources are refused") {
    StoreFixture fixture;
    REQUIRE(fixture.store->save_codec(StoredCodec{.id = "b", .source = "1"}));
    REQUIRE(fixture.store->save_codec(StoredCodec{.id = "a", .source = "2"}));
    const auto listed = fixture.store->list_codecs();
    REQUIRE(listed);
    REQUIRE(listed->size() == 2);
    CHECK(listed->at(0).id == "a");
    CHECK(listed->at(1).id == "b");
    CHECK(fixture.store->find_codec("c").error().code == StoreError::not_found);
    CHECK(fixture.store->save_codec(StoredCodec{.id = "d", .source = ""}).error().code ==
          StoreError::invalid_value);
}

TEST_CASE("migration 3 adds the codecs table to a version 2 database and keeps its rows") {
    TemporaryFolder folder;
    auto opened = Database::open(folder.path() / "v2.db", DatabaseOptions{});
    REQUIRE(opened);
    Database& database = **opened;
    // The file as Hortillon left it at version 2, with one tenant.
    for (const Migration& step : migrations().first(2))
        REQUIRE(database.execute(step.sql));
    REQUIRE(database.execute("PRAGMA user_version = 2; PRAGMA application_id = " +
                             std::to_string(hortillon_application_id)));
    REQUIRE(
        database.execute("INSERT INTO tenants (id, name, created_at) VALUES ('t1', 'amiens', 1)"));

    REQUIRE(migrate(database));
    CHECK(*schema_version(database) == latest_schema_version());
    REQUIRE(
        database.execute("INSERT INTO codecs (id, source, imported_at) VALUES ('x', 'var a;', 1)"));
    auto rows =
        database.prepare("SELECT (SELECT count(*) FROM codecs), (SELECT name FROM tenants)");
    REQUIRE(*rows->step());
    CHECK(rows->column_int64(0) == 1);
    CHECK(rows->column_text(1) == "amiens");
}
