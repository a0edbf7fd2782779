// The server's lookup cache on a real store file: what another connection (the
// command line) deletes or creates again is never served from memory.
#include <catch2/catch.hpp>

#include "storage/store_lookup_cache.hpp"
#include "store_fixture.hpp"

using namespace hortillon;
using namespace hortillon::storage;
using namespace hortillon::storage::test;

namespace {
const lorawan::Eui64 gateway_eui{0xaa555a0000000001};

auto gateway(const std::string& tenant_id, double latitude) -> storage::Gateway {
    return storage::Gateway{.gateway_id = gateway_eui,
                            .tenant_id = tenant_id,
                            .name = "beffroi",
                            .location = storage::GatewayLocation{latitude, 2.2957, 33.0}};
}
}  // namespace

TEST_CASE("a device deleted and created again by another connection is read again") {
    TenantFixture fixture;
    const auto created = fixture.create_otaa_device(1);
    StoreLookupCache cache(*fixture.store);
    const auto held = cache.device(created.dev_eui);
    REQUIRE(held);
    CHECK((*held)->name == created.name);
    CHECK((*cache.device(created.dev_eui)).get() == held->get());  // the kept row, not a copy
    CHECK((*cache.device_profile(fixture.profile.id))->name == "sensor");
    CHECK((*cache.application(fixture.application.id))->name == "meters");
    CHECK((*cache.tenant(fixture.tenant.id))->name == "commune");

    auto cli = fixture.open_again();
    REQUIRE(cli->delete_device(created.dev_eui));
    CHECK(cache.device(created.dev_eui).error().code == storage::StoreError::not_found);

    auto again = fixture.otaa_device(1);
    again.device.name = "renamed";
    REQUIRE(cli->create_device(again));
    CHECK((*cache.device(created.dev_eui))->name == "renamed");
    // A row handed out before the cache forgot it is still whole for its holder.
    CHECK((*held)->name == created.name);
}

TEST_CASE("a gateway moved by another connection gives its new location") {
    TenantFixture fixture;
    CHECK_FALSE(StoreLookupCache(*fixture.store).gateway_location(gateway_eui));
    REQUIRE(fixture.store->create_gateway(gateway(fixture.tenant.id, 49.894)));
    StoreLookupCache cache(*fixture.store);
    CHECK(cache.gateway_location(gateway_eui)->latitude == 49.894);

    auto cli = fixture.open_again();
    REQUIRE(cli->delete_gateway(gateway_eui));
    CHECK_FALSE(cache.gateway_location(gateway_eui));
    REQUIRE(cli->create_gateway(gateway(fixture.tenant.id, 50.5)));
    CHECK(cache.gateway_location(gateway_eui)->latitude == 50.5);
}

TEST_CASE("a profile is only kept under its id, never under a name") {
    TenantFixture fixture;
    StoreLookupCache cache(*fixture.store);
    // A name finds the row (as the store does), but the cache must not answer for the name later.
    REQUIRE((*cache.device_profile("sensor"))->id == fixture.profile.id);
    auto cli = fixture.open_again();
    auto other = *cli->create_device_profile(
        storage::DeviceProfile{.tenant_id = fixture.tenant.id, .name = "other"});
    REQUIRE(cli->delete_device_profile(fixture.profile.id));
    CHECK(cache.device_profile("sensor").error().code == storage::StoreError::not_found);
    CHECK((*cache.device_profile(other.id))->name == "other");
}

TEST_CASE("the change stamp rises with provisioning writes, not with per-uplink writes") {
    TenantFixture fixture;
    const auto created = fixture.create_otaa_device(1);
    const auto before = *fixture.store->change_stamp();
    auto cli = fixture.open_again();
    // What the server writes for every uplink and join-request, and the event outbox that
    // another connection empties many times a second, leave it alone.
    REQUIRE(fixture.store->database().execute(
        "INSERT INTO event_outbox (topic, payload, created_at) VALUES ('t', x'7b7d', 1)"));
    REQUIRE(cli->database().execute("DELETE FROM event_outbox"));
    REQUIRE(fixture.store->accept_dev_nonce(created.dev_eui, lorawan::MacVersion::v1_0_4,
                                            lorawan::DevNonce{1}));
    REQUIRE(fixture.store->save_device_session(
        DeviceSession{.dev_eui = created.dev_eui, .dev_addr = lorawan::DevAddr{0x26000001}}));
    const auto after_join = *fixture.store->change_stamp();
    CHECK(after_join > before);  // a session created: its address and keys are new
    REQUIRE(fixture.store->update_session_state(created.dev_eui, FrameCounters{.last_f_cnt_up = 9},
                                                "{}"));
    REQUIRE(fixture.store->create_gateway(gateway(fixture.tenant.id, 49.894)));
    const auto after_gateway = *fixture.store->change_stamp();
    CHECK(after_gateway > after_join);
    REQUIRE(fixture.store->update_gateway_last_seen(gateway_eui, Timestamp{}));
    CHECK(*fixture.store->change_stamp() == after_gateway);
    // A device created elsewhere, or a ForceRejoinReq asked for, raise it.
    REQUIRE(cli->create_device(fixture.otaa_device(2)));
    const auto after_create = *fixture.store->change_stamp();
    CHECK(after_create > after_gateway);
    REQUIRE(cli->request_force_rejoin(created.dev_eui, 0x0002));
    CHECK(*fixture.store->change_stamp() > after_create);
}

TEST_CASE("inside a transaction the change stamp follows the transaction's own writes") {
    TenantFixture fixture;
    const auto before = *fixture.store->change_stamp();
    auto transaction = fixture.store->begin_transaction();
    REQUIRE(transaction);
    CHECK(*fixture.store->change_stamp() == before);
    // Raised by a trigger of this connection's write: seen at once.
    REQUIRE(fixture.store->create_gateway(gateway(fixture.tenant.id, 49.894)));
    const auto after_gateway = *fixture.store->change_stamp();
    CHECK(after_gateway > before);
    {
        auto nested = fixture.store->begin_transaction();
        REQUIRE(nested);
        REQUIRE(fixture.store->create_device(fixture.otaa_device(1)));
        CHECK(*fixture.store->change_stamp() > after_gateway);
        // Rolled back with the device it counted.
    }
    CHECK(*fixture.store->change_stamp() == after_gateway);
    REQUIRE(transaction->commit());
    CHECK(*fixture.store->change_stamp() == after_gateway);
    // Outside a transaction, another connection's write is seen.
    auto cli = fixture.open_again();
    REQUIRE(cli->create_device(fixture.otaa_device(2)));
    const auto after_cli = *fixture.store->change_stamp();
    CHECK(after_cli > after_gateway);
    // And in the next transaction: a reading is not carried from one transaction to another.
    {
        auto first = fixture.store->begin_transaction();
        REQUIRE(first);
        CHECK(*fixture.store->change_stamp() == after_cli);
        REQUIRE(first->commit());
    }
    REQUIRE(cli->create_device(fixture.otaa_device(3)));
    auto second = fixture.store->begin_transaction();
    REQUIRE(second);
    CHECK(*fixture.store->change_stamp() > after_cli);
}
