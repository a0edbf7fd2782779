#pragma once
// A store prepared as an operator would with the CLI: one tenant ("commune") and one
// application ("bins"), then gateways, profiles and devices on demand. Used by the in-process
// server fixture and by tests that run `hortillon serve` as a separate process.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "lorawan/crypto/session_keys.hpp"
#include "lorawan/identifiers.hpp"
#include "lorawan/mac_version.hpp"
#include "storage/sqlite_store.hpp"

namespace hortillon::test_support {

class Provisioning {
  public:
    // Opens (or creates) the store `database` with its key file `key_file`.
    Provisioning(const std::filesystem::path& database, const std::filesystem::path& key_file);

    auto store() -> storage::SqliteStore& { return *store_; }
    [[nodiscard]] auto application_id() const -> const std::string& { return application_id_; }

    auto add_gateway(lorawan::Eui64 gateway) -> void;
    auto add_profile(const std::string& name, lorawan::MacVersion version,
                     storage::DeviceClass device_class = storage::DeviceClass::a,
                     std::optional<std::string> codec_id = std::nullopt) -> std::string;
    // A profile from a filled-in template (tenant set here).
    auto add_profile(storage::DeviceProfile profile) -> std::string;
    auto add_otaa_device(lorawan::Eui64 dev_eui, lorawan::Eui64 join_eui, lorawan::AesKey app_key,
                         std::optional<lorawan::AesKey> nwk_key, const std::string& profile_id)
        -> void;
    auto add_abp_device(lorawan::Eui64 dev_eui, lorawan::DevAddr dev_addr,
                        lorawan::SessionKeys keys, const std::string& profile_id) -> void;

  private:
    std::unique_ptr<storage::SqliteStore> store_;
    std::string tenant_id_;
    std::string application_id_;
};

}  // namespace hortillon::test_support
