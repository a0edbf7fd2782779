// Tenants, applications, device profiles and gateways: create, find by id or name, list,
// delete; duplicates, unknown references and ambiguous names.
#include <catch2/catch.hpp>
#include <regex>

#include "store_fixture.hpp"

using namespace hortillon;
using namespace hortillon::storage;
using namespace hortillon::storage::test;
using namespace std::chrono_literals;

TEST_CASE("a tenant gets a UUID v4 id and is found by id or name") {
    StoreFixture fixture;
    auto prefix = DevAddrPrefix::parse("26011000/20");
    auto tenant = fixture.store->create_tenant(Tenant{.name = "amiens", .dev_addr_prefix = prefix});
    REQUIRE(tenant);
    CHECK(std::regex_match(tenant->id,
                           std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]"
                                      "{3}-[0-9a-f]{12}")));
    CHECK(fixture.store->find_tenant(tenant->id)->name == "amiens");
    auto by_name = fixture.store->find_tenant("amiens");
    REQUIRE(by_name);
    CHECK(by_name->id == tenant->id);
    CHECK(by_name->dev_addr_prefix == prefix);
    CHECK(fixture.store->find_tenant("nowhere").error().code == StoreError::not_found);
}

TEST_CASE("tenant names are unique and must not be empty") {
    StoreFixture fixture;
    REQUIRE(fixture.store->create_tenant(Tenant{.name = "amiens"}));
    auto again = fixture.store->create_tenant(Tenant{.name = "amiens"});
    REQUIRE_FALSE(again);
    CHECK(again.error().code == StoreError::already_exists);
    CHECK_THAT(again.error().message, Catch::Contains("amiens"));
    CHECK(fixture.store->create_tenant(Tenant{}).error().code == StoreError::invalid_value);
    CHECK(fixture.store->list_tenants()->size() == 1);
}

TEST_CASE("application names are unique per tenant: a shared name needs the tenant or the id") {
    StoreFixture fixture;
    auto& store = *fixture.store;
    const auto amiens = *store.create_tenant(Tenant{.name = "amiens"});
    const auto camon = *store.create_tenant(Tenant{.name = "camon"});
    const auto a = *store.create_application(Application{.tenant_id = amiens.id, .name = "water"});
    const auto b = *store.create_application(Application{.tenant_id = camon.id, .name = "water"});
    CHECK(store.create_application(Application{.tenant_id = amiens.id, .name = "water"})
              .error()
              .code == StoreError::already_exists);

    CHECK(store.find_application("water", std::nullopt).error().code == StoreError::ambiguous_name);
    CHECK(store.find_application("water", camon.id)->id == b.id);
    CHECK(store.find_application(a.id, std::nullopt)->tenant_id == amiens.id);
    // A tenant scope hides the other tenant's application even by id.
    CHECK(store.find_application(a.id, camon.id).error().code == StoreError::not_found);
    CHECK(store.list_applications(amiens.id)->size() == 1);
    CHECK(store.list_applications(std::nullopt)->size() == 2);
}

TEST_CASE("an application of an unknown tenant is refused") {
    StoreFixture fixture;
    auto created =
        fixture.store->create_application(Application{.tenant_id = "no-such-tenant", .name = "x"});
    REQUIRE_FALSE(created);
    CHECK(created.error().code == StoreError::invalid_reference);
}

TEST_CASE("a device profile keeps every field - with the documented defaults") {
    TenantFixture fixture;
    auto stored = fixture.store->find_device_profile("sensor", fixture.tenant.id);
    REQUIRE(stored);
    CHECK(stored->region == "EU868");
    CHECK(stored->mac_version == lorawan::MacVersion::v1_0_3);
    CHECK(stored->device_class == DeviceClass::a);
    CHECK(stored->rx1_delay == 1s);
    CHECK_FALSE(stored->rx2_dr);
    CHECK(stored->adr_enabled);

    DeviceProfile lights{.tenant_id = fixture.tenant.id, .name = "lights"};
    lights.mac_version = lorawan::MacVersion::v1_1_0;
    lights.device_class = DeviceClass::c;
    lights.rx1_delay = 5s;
    lights.rx1_dr_offset = 2;
    lights.rx2_dr = 3;
    lights.rx2_frequency_hz = 869'525'000;
    lights.codec_id = "milesight-em300-di";
    lights.adr_enabled = false;
    lights.device_status_interval = 24h;
    const auto created = *fixture.store->create_device_profile(lights);
    const auto found = *fixture.store->find_device_profile(created.id, std::nullopt);
    CHECK(found.mac_version == lorawan::MacVersion::v1_1_0);
    CHECK(found.device_class == DeviceClass::c);
    CHECK(found.rx1_delay == 5s);
    CHECK(found.rx1_dr_offset == 2);
    CHECK(found.rx2_dr == std::optional<std::uint8_t>{3});
    CHECK(found.rx2_frequency_hz == 869'525'000);
    CHECK(found.codec_id == std::optional<std::string>{"milesight-em300-di"});
    CHECK_FALSE(found.adr_enabled);
    CHECK(found.device_status_interval == 24h);
}

TEST_CASE("device profile values out of range and duplicates are refused") {
    TenantFixture fixture;
    DeviceProfile bad{.tenant_id = fixture.tenant.id, .name = "slow"};
    bad.rx1_delay = 16s;
    CHECK(fixture.store->create_device_profile(bad).error().code == StoreError::invalid_value);
    CHECK(
        fixture.store
            ->create_device_profile(DeviceProfile{.tenant_id = fixture.tenant.id, .name = "sensor"})
            .error()
            .code == StoreError::already_exists);
    CHECK(parse_device_class("C") == DeviceClass::c);
    CHECK_FALSE(parse_device_class("B"));
}

TEST_CASE("a tenant with applications cannot be deleted: an empty one can") {
    TenantFixture fixture;
    auto refused = fixture.store->delete_tenant(fixture.tenant.id);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == StoreError::in_use);
    fixture.create_otaa_device(1);
    CHECK(fixture.store->delete_application(fixture.application.id).error().code ==
          StoreError::in_use);
    CHECK(fixture.store->delete_device_profile(fixture.profile.id).error().code ==
          StoreError::in_use);
    REQUIRE(fixture.store->delete_device(lorawan::Eui64{0x70b3d50000000001}));
    REQUIRE(fixture.store->delete_application(fixture.application.id));
    REQUIRE(fixture.store->delete_device_profile(fixture.profile.id));
    REQUIRE(fixture.store->delete_tenant(fixture.tenant.id));
    CHECK(fixture.store->delete_tenant(fixture.tenant.id).error().code == StoreError::not_found);
}

TEST_CASE("gateways: create with a location - list per tenant - last seen - delete") {
    TenantFixture fixture;
    auto& store = *fixture.store;
    const lorawan::Eui64 id{0xb827ebfffe000001};
    auto created = store.create_gateway(Gateway{.gateway_id = id,
                                                .tenant_id = fixture.tenant.id,
                                                .name = "town hall",
                                                .location = GatewayLocation{49.894, 2.296}});
    REQUIRE(created);
    CHECK(store
              .create_gateway(
                  Gateway{.gateway_id = id, .tenant_id = fixture.tenant.id, .name = "again"})
              .error()
              .code == StoreError::already_exists);
    CHECK(store
              .create_gateway(
                  Gateway{.gateway_id = lorawan::Eui64{2}, .tenant_id = "nobody", .name = "lost"})
              .error()
              .code == StoreError::invalid_reference);
    CHECK(store
              .create_gateway(Gateway{.gateway_id = lorawan::Eui64{3},
                                      .tenant_id = fixture.tenant.id,
                                      .name = "moon",
                                      .location = GatewayLocation{91, 0}})
              .error()
              .code == StoreError::invalid_value);

    CHECK_FALSE(store.get_gateway(id)->last_seen_at);
    const auto seen = std::chrono::system_clock::time_point{1'700'000'000'123ms};
    REQUIRE(store.update_gateway_last_seen(id, seen));
    CHECK(store.get_gateway(id)->last_seen_at == seen);
    CHECK(store.update_gateway_last_seen(lorawan::Eui64{9}, seen).error().code ==
          StoreError::not_found);

    const auto listed = *store.list_gateways(fixture.tenant.id);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].location->latitude == Approx(49.894));
    CHECK(store.list_gateways("another tenant")->empty());
    REQUIRE(store.delete_gateway(id));
    CHECK(store.get_gateway(id).error().code == StoreError::not_found);
}
