// Devices, one at a time or in bulk; root keys sealed under the key-encryption key.
#include <unordered_map>

#include "storage/sqlite_rows.hpp"
#include "storage/sqlite_store.hpp"

namespace hortillon::storage {

// What a device row refers to, looked up once per application and profile: a bulk import of
// 100,000 devices usually names one application and one profile.
struct SqliteStore::DeviceReferences {
    std::unordered_map<std::string, std::string> application_tenants;
    std::unordered_map<std::string, DeviceProfile> profiles;
};

namespace {
constexpr std::string_view device_columns =
    "dev_eui, application_id, device_profile_id, name, description, join_eui, app_key, nwk_key, "
    "tags, created_at";

auto check_device(const NewDevice& input) -> StoreResult<void> {
    const Device& device = input.device;
    if (device.name.empty())
        return fail(StoreError::invalid_value,
                    "device " + device.dev_eui.to_string() + " needs a name");
    if (!device.otaa && !input.abp)
        return fail(StoreError::invalid_value,
                    "device " + device.dev_eui.to_string() +
                        " needs OTAA keys (JoinEUI, AppKey) or an ABP activation (DevAddr, "
                        "session keys)");
    return {};
}

auto sealed_or_null(const KeyEncryptionKey& key, const std::optional<lorawan::AesKey>& value)
    -> std::optional<lorawan::Bytes> {
    if (!value)
        return std::nullopt;
    return key.seal_key(*value);
}
}  // namespace

auto SqliteStore::check_references(const Device& device, DeviceReferences& references)
    -> StoreResult<void> {
    auto& tenants = references.application_tenants;
    if (!tenants.contains(device.application_id)) {
        auto application = find_application(device.application_id, std::nullopt);
        if (!application || application->id != device.application_id)
            return fail(StoreError::invalid_reference,
                        "application " + device.application_id + " not found");
        tenants.emplace(device.application_id, application->tenant_id);
    }
    if (!references.profiles.contains(device.device_profile_id)) {
        auto profile = find_device_profile(device.device_profile_id, std::nullopt);
        if (!profile || profile->id != device.device_profile_id)
            return fail(StoreError::invalid_reference,
                        "device profile " + device.device_profile_id + " not found");
        references.profiles.emplace(device.device_profile_id, std::move(*profile));
    }
    // A commune's device must not run on another commune's profile (and codec).
    if (references.profiles.at(device.device_profile_id).tenant_id !=
        tenants.at(device.application_id))
        return fail(StoreError::invalid_reference,
                    "device profile " + device.device_profile_id +
                        " belongs to another tenant than application " + device.application_id);
    return {};
}

auto SqliteStore::insert_device(const NewDevice& input, DeviceReferences& references)
    -> StoreResult<Device> {
    if (auto valid = check_device(input); !valid)
        return Unexpected{valid.error()};
    if (auto referenced = check_references(input.device, references); !referenced)
        return Unexpected{referenced.error()};
    Device device = input.device;
    const std::string eui = device.dev_eui.to_string();
    device.created_at = rows::from_millis(rows::now_millis());
    std::optional<std::string> join_eui;
    std::optional<lorawan::Bytes> app_key;
    std::optional<lorawan::Bytes> nwk_key;
    if (device.otaa) {
        join_eui = device.otaa->join_eui.to_string();
        app_key = key_.seal_key(device.otaa->app_key);
        nwk_key = sealed_or_null(key_, device.otaa->nwk_key);
    }
    auto insert = rows::prepare_bound(*database_,
                                      "INSERT INTO devices (" + std::string(device_columns) +
                                          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                      eui, device.application_id, device.device_profile_id,
                                      device.name, device.description, join_eui, app_key, nwk_key,
                                      device.tags, rows::to_millis(device.created_at));
    if (!insert)
        return Unexpected{insert.error()};
    if (auto done = insert->run(); !done) {
        // The only CHECK a caller can trip is the one on tags (json_valid, json_type).
        if (done.error().code == StoreError::constraint &&
            done.error().message.find("tags") != std::string::npos)
            return fail(StoreError::invalid_value,
                        "device " + eui + ": tags must be a JSON object");
        return rows::explain(done.error(), StoreError::already_exists,
                             "device " + eui + " already exists");
    }
    if (input.abp) {
        if (auto session = insert_abp_session(device, *input.abp, references); !session)
            return Unexpected{session.error()};
    }
    return device;
}

auto SqliteStore::insert_abp_session(const Device& device, const AbpActivation& abp,
                                     DeviceReferences& references) -> StoreResult<void> {
    const DeviceProfile& profile = references.profiles.at(device.device_profile_id);
    const DeviceSession session{.dev_eui = device.dev_eui,
                                .dev_addr = abp.dev_addr,
                                .mac_version = profile.mac_version,
                                .lorawan_1_1 = lorawan::is_lorawan_1_1(profile.mac_version),
                                .keys = abp.keys,
                                .counters = {},
                                .rx1_delay = profile.rx1_delay,
                                .rx1_dr_offset = profile.rx1_dr_offset,
                                .rx2_dr = profile.rx2_dr,
                                .rx2_frequency_hz = profile.rx2_frequency_hz,
                                .activated_at = device.created_at};
    return save_device_session(session);
}

auto SqliteStore::create_device(const NewDevice& device) -> StoreResult<Device> {
    auto transaction = Transaction::begin(*database_);
    if (!transaction)
        return Unexpected{transaction.error()};
    DeviceReferences references;
    auto created = insert_device(device, references);
    if (!created)
        return created;
    if (auto committed = transaction->commit(); !committed)
        return Unexpected{committed.error()};
    return created;
}

auto SqliteStore::create_devices(std::span<const NewDevice> devices) -> StoreResult<std::size_t> {
    auto transaction = Transaction::begin(*database_);
    if (!transaction)
        return Unexpected{transaction.error()};
    DeviceReferences references;
    for (std::size_t row = 0; row < devices.size(); ++row) {
        auto created = insert_device(devices[row], references);
        if (!created)
            return fail(created.error().code, "row " + std::to_string(row) + ": " +
                                                  created.error().message +
                                                  "; nothing was imported");
    }
    if (auto committed = transaction->commit(); !committed)
        return Unexpected{committed.error()};
    return devices.size();
}

auto SqliteStore::read_device(const Statement& row) const -> StoreResult<Device> {
    Device device{.dev_eui = rows::read_eui(row, 0),
                  .application_id = row.column_text(1),
                  .device_profile_id = row.column_text(2),
                  .name = row.column_text(3),
                  .description = row.column_text(4),
                  .otaa = std::nullopt,
                  .tags = row.column_text(8),
                  .created_at = rows::from_millis(row.column_int64(9))};
    if (row.is_null(5))
        return device;
    const auto app_key = key_.open_key(row.column_blob(6));
    std::optional<lorawan::AesKey> nwk_key;
    if (!row.is_null(7))
        nwk_key = key_.open_key(row.column_blob(7));
    if (!app_key || (!row.is_null(7) && !nwk_key))
        return fail(StoreError::corrupt,
                    "the root keys of device " + device.dev_eui.to_string() + " do not decrypt");
    device.otaa = OtaaKeys{rows::read_eui(row, 5), *app_key, nwk_key};
    return device;
}

auto SqliteStore::get_device(lorawan::Eui64 dev_eui) -> StoreResult<Device> {
    auto query = rows::prepare_bound(
        *database_, "SELECT " + std::string(device_columns) + " FROM devices WHERE dev_eui = ?",
        dev_eui.to_string());
    if (!query)
        return Unexpected{query.error()};
    auto row = query->step();
    if (!row)
        return Unexpected{row.error()};
    if (!*row)
        return fail(StoreError::not_found, "device " + dev_eui.to_string() + " not found");
    return read_device(*query);
}

auto SqliteStore::list_devices(const DeviceFilter& filter) -> StoreResult<std::vector<Device>> {
    // LIMIT -1: no limit.
    const std::int64_t limit = filter.limit == 0 ? -1 : static_cast<std::int64_t>(filter.limit);
    auto query = rows::prepare_bound(
        *database_,
        "SELECT d.dev_eui, d.application_id, d.device_profile_id, d.name, d.description, "
        "d.join_eui, d.app_key, d.nwk_key, d.tags, d.created_at "
        "FROM devices d JOIN applications a ON a.id = d.application_id "
        "WHERE (?1 IS NULL OR d.application_id = ?1) AND (?2 IS NULL OR a.tenant_id = ?2) "
        "ORDER BY d.dev_eui LIMIT ?3 OFFSET ?4",
        filter.application_id, filter.tenant_id, limit, filter.offset);
    if (!query)
        return Unexpected{query.error()};
    std::vector<Device> devices;
    while (true) {
        auto more = query->step();
        if (!more)
            return Unexpected{more.error()};
        if (!*more)
            return devices;
        auto device = read_device(*query);
        if (!device)
            return Unexpected{device.error()};
        devices.push_back(std::move(*device));
    }
}

auto SqliteStore::delete_device(lorawan::Eui64 dev_eui) -> StoreResult<void> {
    auto statement = rows::prepare_bound(*database_, "DELETE FROM devices WHERE dev_eui = ?",
                                         dev_eui.to_string());
    if (!statement)
        return Unexpected{statement.error()};
    return rows::run_expecting_change(*database_, *statement, "device " + dev_eui.to_string());
}

}  // namespace hortillon::storage
