#pragma once
// A fresh database and key file in a temporary folder per test, removed afterwards, plus the
// rows most tests need (a tenant, an application, a device profile).

#include <filesystem>
#include <memory>
#include <string>

#include "storage/sqlite_store.hpp"

namespace hortillon::storage::test {

class TemporaryFolder {
  public:
    TemporaryFolder();
    TemporaryFolder(const TemporaryFolder&) = delete;
    auto operator=(const TemporaryFolder&) -> TemporaryFolder& = delete;
    ~TemporaryFolder();

    [[nodiscard]] auto path() const -> const std::filesystem::path& { return path_; }

  private:
    std::filesystem::path path_;
};

struct StoreFixture {
    TemporaryFolder folder;
    StoreOptions options;
    std::unique_ptr<SqliteStore> store;

    StoreFixture();

    // Opens a second store on the same files (another process, in effect).
    [[nodiscard]] auto open_again() const -> std::unique_ptr<SqliteStore>;
    // Closes and reopens `store`.
    void reopen();
};

// A fixture with a tenant "commune", an application "meters" and a 1.0.3 profile "sensor".
struct TenantFixture : StoreFixture {
    Tenant tenant;
    Application application;
    DeviceProfile profile;

    TenantFixture();

    // An OTAA device of the application; `n` picks its DevEUI and keys.
    [[nodiscard]] auto otaa_device(std::uint64_t n) const -> NewDevice;
    auto create_otaa_device(std::uint64_t n) -> Device;
};

auto test_key(std::uint8_t fill) -> lorawan::AesKey;

}  // namespace hortillon::storage::test
