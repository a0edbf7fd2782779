#include "store_fixture.hpp"

#include <sodium.h>

#include <array>
#include <catch2/catch.hpp>

namespace hortillon::storage::test {

TemporaryFolder::TemporaryFolder() {
    std::array<std::uint8_t, 8> random{};
    randombytes_buf(random.data(), random.size());
    path_ =
        std::filesystem::temp_directory_path() / ("hortillon-storage-" + lorawan::to_hex(random));
    std::filesystem::create_directories(path_);
}

TemporaryFolder::~TemporaryFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

StoreFixture::StoreFixture() {
    options.database_path = folder.path() / "var" / "hortillon.db";
    options.key_file = folder.path() / "var" / "hortillon.key";
    reopen();
}

auto StoreFixture::open_again() const -> std::unique_ptr<SqliteStore> {
    auto opened = SqliteStore::open(options);
    if (!opened)
        FAIL(opened.error().message);
    return std::move(*opened);
}

void StoreFixture::reopen() {
    store.reset();
    store = open_again();
}

auto test_key(std::uint8_t fill) -> lorawan::AesKey {
    lorawan::AesKey key;
    key.bytes.fill(fill);
    return key;
}

TenantFixture::TenantFixture() {
    tenant = *store->create_tenant(Tenant{.name = "commune"});
    application = *store->create_application(Application{.tenant_id = tenant.id, .name = "meters"});
    profile =
        *store->create_device_profile(DeviceProfile{.tenant_id = tenant.id, .name = "sensor"});
}

auto TenantFixture::otaa_device(std::uint64_t n) const -> NewDevice {
    Device device{.dev_eui = lorawan::Eui64{0x70b3d50000000000 + n},
                  .application_id = application.id,
                  .device_profile_id = profile.id,
                  .name = "device-" + std::to_string(n),
                  .otaa = OtaaKeys{lorawan::Eui64{0x0101010101010101},
                                   test_key(static_cast<std::uint8_t>(n)), std::nullopt}};
    return NewDevice{.device = std::move(device)};
}

auto TenantFixture::create_otaa_device(std::uint64_t n) -> Device {
    auto created = store->create_device(otaa_device(n));
    if (!created)
        FAIL(created.error().message);
    return *created;
}

}  // namespace hortillon::storage::test
