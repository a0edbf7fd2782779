// Devices: OTAA and ABP creation, references, bulk import, and the CLI + server case.
#include <catch2/catch.hpp>
#include <chrono>

#include "store_fixture.hpp"

using namespace hortillon;
using namespace hortillon::storage;
using namespace hortillon::storage::test;

TEST_CASE("an OTAA device is stored with its root keys and found by DevEUI") {
    TenantFixture fixture;
    NewDevice input = fixture.otaa_device(7);
    input.device.tags = R"({"street":"rue de la Hotoie"})";
    REQUIRE(fixture.store->create_device(input));
    auto device = fixture.store->get_device(input.device.dev_eui);
    REQUIRE(device);
    CHECK(device->name == "device-7");
    CHECK(device->application_id == fixture.application.id);
    REQUIRE(device->otaa);
    CHECK(device->otaa->join_eui == lorawan::Eui64{0x0101010101010101});
    CHECK(device->otaa->app_key == test_key(7));
    CHECK_FALSE(device->otaa->nwk_key);
    CHECK(device->tags == input.device.tags);
    CHECK(fixture.store->get_device_session(input.device.dev_eui).error().code ==
          StoreError::not_found);
}

TEST_CASE("an ABP device gets its session from the profile - counters at zero") {
    TenantFixture fixture;
    const lorawan::SessionKeys keys{test_key(1), test_key(1), test_key(1), test_key(2)};
    NewDevice input{.device = Device{.dev_eui = lorawan::Eui64{0x0a},
                                     .application_id = fixture.application.id,
                                     .device_profile_id = fixture.profile.id,
                                     .name = "abp"},
                    .abp = AbpActivation{lorawan::DevAddr{0x26011234}, keys}};
    REQUIRE(fixture.store->create_device(input));
    auto session = fixture.store->get_device_session(lorawan::Eui64{0x0a});
    REQUIRE(session);
    CHECK(session->dev_addr == lorawan::DevAddr{0x26011234});
    CHECK(session->keys == keys);
    CHECK(session->mac_version == lorawan::MacVersion::v1_0_3);
    CHECK_FALSE(session->lorawan_1_1);
    CHECK(session->counters == FrameCounters{});
    CHECK_FALSE(fixture.store->get_device(lorawan::Eui64{0x0a})->otaa);
}

TEST_CASE("device creation refuses duplicates - unknown references and incomplete devices") {
    TenantFixture fixture;
    fixture.create_otaa_device(1);
    auto duplicate = fixture.store->create_device(fixture.otaa_device(1));
    REQUIRE_FALSE(duplicate);
    CHECK(duplicate.error().code == StoreError::already_exists);
    CHECK_THAT(duplicate.error().message, Catch::Contains("70b3d50000000001"));

    NewDevice unknown_app = fixture.otaa_device(2);
    unknown_app.device.application_id = "meters";  // a name, not an id
    CHECK(fixture.store->create_device(unknown_app).error().code == StoreError::invalid_reference);

    const auto other = *fixture.store->create_tenant(Tenant{.name = "other"});
    const auto foreign =
        *fixture.store->create_device_profile(DeviceProfile{.tenant_id = other.id, .name = "p"});
    NewDevice cross_tenant = fixture.otaa_device(3);
    cross_tenant.device.device_profile_id = foreign.id;
    auto refused = fixture.store->create_device(cross_tenant);
    CHECK(refused.error().code == StoreError::invalid_reference);
    CHECK_THAT(refused.error().message, Catch::Contains("another tenant"));

    NewDevice keyless = fixture.otaa_device(4);
    keyless.device.otaa.reset();
    CHECK(fixture.store->create_device(keyless).error().code == StoreError::invalid_value);

    NewDevice bad_tags = fixture.otaa_device(5);
    bad_tags.device.tags = "[1, 2]";
    CHECK(fixture.store->create_device(bad_tags).error().code == StoreError::invalid_value);

    CHECK(fixture.store->list_devices({})->size() == 1);
}

TEST_CASE("devices are listed in DevEUI order - filtered and paged: delete removes everything") {
    TenantFixture fixture;
    for (std::uint64_t n : {3, 1, 2})
        fixture.create_otaa_device(n);
    const auto all = *fixture.store->list_devices({});
    REQUIRE(all.size() == 3);
    CHECK(all[0].name == "device-1");
    CHECK(fixture.store->list_devices({.tenant_id = fixture.tenant.id})->size() == 3);
    CHECK(fixture.store->list_devices({.application_id = "other"})->empty());
    const auto page = *fixture.store->list_devices({.limit = 1, .offset = 1});
    REQUIRE(page.size() == 1);
    CHECK(page[0].name == "device-2");

    const lorawan::Eui64 eui{0x70b3d50000000002};
    REQUIRE(fixture.store->save_device_session(DeviceSession{.dev_eui = eui}));
    REQUIRE(fixture.store->enqueue_downlink(DownlinkQueueItem{.dev_eui = eui, .data = {1}}));
    REQUIRE(fixture.store->accept_dev_nonce(eui, lorawan::MacVersion::v1_0_3, {5}));
    REQUIRE(fixture.store->delete_device(eui));
    CHECK(fixture.store->get_device(eui).error().code == StoreError::not_found);
    CHECK(fixture.store->get_device_session(eui).error().code == StoreError::not_found);
    CHECK(fixture.store->list_downlinks(eui)->empty());
    CHECK(fixture.store->delete_device(eui).error().code == StoreError::not_found);
}

TEST_CASE("a device created on one connection is visible to another without reopening") {
    TenantFixture fixture;  // the server's connection
    auto cli = fixture.open_again();
    const lorawan::Eui64 eui{0x70b3d50000000009};
    // The server looks the device up (and fails) before the CLI creates it: its cached
    // statement must not pin an old snapshot.
    CHECK(fixture.store->get_device(eui).error().code == StoreError::not_found);
    auto application = cli->find_application("meters", std::nullopt);
    REQUIRE(application);
    NewDevice input = fixture.otaa_device(9);
    input.device.application_id = application->id;
    REQUIRE(cli->create_device(input));
    auto seen = fixture.store->get_device(eui);
    REQUIRE(seen);
    CHECK(seen->otaa->app_key == test_key(9));
}

// How fast is measured by the benchmarks (bench/run, scale scenario), not here.
TEST_CASE("bulk import: 10 000 devices in one transaction") {
    TenantFixture fixture;
    std::vector<NewDevice> devices;
    for (std::uint64_t n = 0; n < 10'000; ++n)
        devices.push_back(fixture.otaa_device(n));
    auto imported = fixture.store->create_devices(devices);
    REQUIRE(imported);
    CHECK(*imported == 10'000);
    CHECK(fixture.store->list_devices({})->size() == 10'000);
}

TEST_CASE("bulk import: one bad row and nothing is imported") {
    TenantFixture fixture;
    fixture.create_otaa_device(5'000);  // row 5000 of the import will collide with it
    std::vector<NewDevice> devices;
    for (std::uint64_t n = 0; n < 10'000; ++n)
        devices.push_back(fixture.otaa_device(n));
    auto imported = fixture.store->create_devices(devices);
    REQUIRE_FALSE(imported);
    CHECK(imported.error().code == StoreError::already_exists);
    CHECK_THAT(imported.error().message,
               Catch::StartsWith("row 5000:") && Catch::Contains("nothing was imported"));
    CHECK(fixture.store->list_devices({})->size() == 1);
}

TEST_CASE("a store transaction spans calls and rolls back all of them unless committed") {
    TenantFixture fixture;
    {
        auto transaction = fixture.store->begin_transaction();
        REQUIRE(transaction);
        fixture.create_otaa_device(1);
        fixture.create_otaa_device(2);
    }  // dropped: rolled back
    CHECK(fixture.store->list_devices({})->empty());
    {
        auto transaction = fixture.store->begin_transaction();
        REQUIRE(transaction);
        fixture.create_otaa_device(1);
        CHECK(fixture.store->create_device(fixture.otaa_device(1)).error().code ==
              StoreError::already_exists);  // the inner failure leaves the outer intact
        fixture.create_otaa_device(2);
        REQUIRE(transaction->commit());
    }
    CHECK(fixture.store->list_devices({})->size() == 2);
}

TEST_CASE("a writer waits for another connection's transaction - then fails with busy") {
    TenantFixture fixture;  // the server, inside a long transaction
    StoreOptions impatient = fixture.options;
    impatient.database.busy_timeout = std::chrono::milliseconds{100};
    auto cli = SqliteStore::open(impatient);
    REQUIRE(cli);
    auto transaction = fixture.store->begin_transaction();
    REQUIRE(transaction);
    fixture.create_otaa_device(1);

    // Readers are not blocked by the writer (WAL) and do not see its uncommitted rows.
    CHECK((*cli)->list_devices({})->empty());
    auto blocked = (*cli)->create_device(fixture.otaa_device(2));
    REQUIRE_FALSE(blocked);
    CHECK(blocked.error().code == StoreError::busy);

    REQUIRE(transaction->commit());
    REQUIRE((*cli)->create_device(fixture.otaa_device(2)));
    CHECK(fixture.store->list_devices({})->size() == 2);
}
