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
    REQUIRE(cache.device(created.dev_eui)->name == created.name);
    CHECK(cache.device_profile(fixture.profile.id)->name == "sensor");
    CHECK(cache.application(fixture.application.id)->name == "meters");
    CHECK(cache.tenant(fixture.tenant.id)->name == "commune");

    auto cli = fixture.open_again();
    REQUIRE(cli->delete_device(created.dev_eui));
    CHECK(cache.device(created.dev_eui).error().code == storage::StoreError::not_found);

    auto again = fixture.otaa_device(1);
    again.device.name = "renamed";
    REQUIRE(cli->create_device(again));
    CHECK(cache.device(created.dev_eui)->name == "renamed");
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
    REQUIRE(cache.device_profile("sensor")->id == fixture.profile.id);
    auto cli = fixture.open_again();
    auto other = *cli->create_device_profile(
        storage::DeviceProfile{.tenant_id = fixture.tenant.id, .name = "other"});
    REQUIRE(cli->delete_device_profile(fixture.profile.id));
    CHECK(cache.device_profile("sensor").error().code == storage::StoreError::not_found);
    CHECK(cache.device_profile(other.id)->name == "other");
}
