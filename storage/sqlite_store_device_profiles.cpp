// Device profiles.
#include <cctype>

#include "storage/sqlite_rows.hpp"
#include "storage/sqlite_store.hpp"

namespace hortillon::storage {

auto parse_device_class(std::string_view text) -> std::optional<DeviceClass> {
    if (text == "A" || text == "a")
        return DeviceClass::a;
    if (text == "C" || text == "c")
        return DeviceClass::c;
    return std::nullopt;
}

auto to_string(DeviceClass device_class) -> std::string_view {
    return device_class == DeviceClass::c ? "C" : "A";
}

namespace {
constexpr std::string_view profile_columns =
    "id, tenant_id, name, region, mac_version, device_class, rx1_delay_s, rx1_dr_offset, rx2_dr, "
    "rx2_frequency_hz, codec_id, adr_enabled, supports_otaa, device_status_interval_s, "
    "created_at, adr_margin_db, adr_min_dr, adr_max_dr, adr_max_nb_trans";

auto read_profile(const Statement& row) -> DeviceProfile {
    DeviceProfile profile;
    profile.id = row.column_text(0);
    profile.tenant_id = row.column_text(1);
    profile.name = row.column_text(2);
    profile.region = row.column_text(3);
    profile.mac_version = rows::read_mac_version(row, 4);
    profile.device_class = parse_device_class(row.column_text(5)).value_or(DeviceClass::a);
    profile.rx1_delay = std::chrono::seconds{row.column_int64(6)};
    profile.rx1_dr_offset = static_cast<std::uint8_t>(row.column_int64(7));
    profile.rx2_dr = row.column_optional_int<std::uint8_t>(8);
    profile.rx2_frequency_hz = static_cast<std::uint32_t>(row.column_int64(9));
    if (!row.is_null(10))
        profile.codec_id = row.column_text(10);
    profile.adr_enabled = row.column_int64(11) != 0;
    profile.supports_otaa = row.column_int64(12) != 0;
    profile.device_status_interval = std::chrono::seconds{row.column_int64(13)};
    profile.created_at = rows::from_millis(row.column_int64(14));
    profile.adr_margin_db = row.column_double(15);
    profile.adr_min_dr = static_cast<std::uint8_t>(row.column_int64(16));
    profile.adr_max_dr = static_cast<std::uint8_t>(row.column_int64(17));
    profile.adr_max_nb_trans = static_cast<std::uint8_t>(row.column_int64(18));
    return profile;
}

// The same limits as the table's CHECKs, with messages an operator can act on.
auto check_profile(const DeviceProfile& profile) -> StoreResult<void> {
    if (profile.name.empty())
        return fail(StoreError::invalid_value, "device profile name must not be empty");
    if (profile.region.empty())
        return fail(StoreError::invalid_value, "device profile region must not be empty");
    if (profile.rx1_delay < std::chrono::seconds{1} || profile.rx1_delay > std::chrono::seconds{15})
        return fail(StoreError::invalid_value, "RX1 delay must be 1 to 15 seconds");
    if (profile.rx1_dr_offset > 7)
        return fail(StoreError::invalid_value, "RX1 DR offset must be 0 to 7");
    if (profile.rx2_dr && *profile.rx2_dr > 15)
        return fail(StoreError::invalid_value, "RX2 data rate must be 0 to 15");
    if (profile.device_status_interval.count() < 0)
        return fail(StoreError::invalid_value, "device status interval must not be negative");
    if (profile.adr_min_dr > profile.adr_max_dr || profile.adr_max_dr > 15)
        return fail(StoreError::invalid_value, "ADR data rates must satisfy min <= max <= 15");
    if (profile.adr_margin_db < 0 || profile.adr_margin_db > 30)
        return fail(StoreError::invalid_value, "ADR margin must be 0 to 30 dB");
    if (profile.adr_max_nb_trans < 1 || profile.adr_max_nb_trans > 15)
        return fail(StoreError::invalid_value, "ADR NbTrans limit must be 1 to 15");
    return {};
}

auto insert_profile(Database& database, const DeviceProfile& profile) -> StoreResult<void> {
    auto insert = rows::prepare_bound(
        database,
        "INSERT INTO device_profiles (" + std::string(profile_columns) +
            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        profile.id, profile.tenant_id, profile.name, profile.region,
        lorawan::to_string(profile.mac_version), to_string(profile.device_class),
        profile.rx1_delay.count(), profile.rx1_dr_offset, profile.rx2_dr, profile.rx2_frequency_hz,
        profile.codec_id, profile.adr_enabled, profile.supports_otaa,
        profile.device_status_interval.count(), rows::to_millis(profile.created_at),
        profile.adr_margin_db, profile.adr_min_dr, profile.adr_max_dr, profile.adr_max_nb_trans);
    if (!insert)
        return Unexpected{insert.error()};
    if (auto done = insert->run(); !done)
        return rows::explain(
            done.error(), StoreError::already_exists,
            "this tenant already has a device profile named '" + profile.name + "'");
    return {};
}
}  // namespace

auto SqliteStore::create_device_profile(DeviceProfile profile) -> StoreResult<DeviceProfile> {
    if (auto valid = check_profile(profile); !valid)
        return Unexpected{valid.error()};
    auto tenant = find_tenant(profile.tenant_id);
    if (!tenant || tenant->id != profile.tenant_id)
        return fail(StoreError::invalid_reference, "tenant " + profile.tenant_id + " not found");
    profile.id = rows::new_id();
    profile.created_at = rows::from_millis(rows::now_millis());
    if (auto inserted = insert_profile(*database_, profile); !inserted)
        return Unexpected{inserted.error()};
    return profile;
}

auto SqliteStore::find_device_profile(std::string_view id_or_name, TenantScope tenant)
    -> StoreResult<DeviceProfile> {
    // By primary key first: the id is what the server passes, and the id match wins anyway.
    auto by_id = rows::prepare_bound(
        *database_,
        "SELECT " + std::string(profile_columns) +
            " FROM device_profiles WHERE id = ?1 AND (?2 IS NULL OR tenant_id = ?2)",
        id_or_name, tenant);
    if (!by_id)
        return Unexpected{by_id.error()};
    auto found = rows::read_optional<DeviceProfile>(*by_id, read_profile);
    if (!found)
        return Unexpected{found.error()};
    if (*found)
        return std::move(**found);
    auto query = rows::prepare_bound(*database_,
                                     "SELECT " + std::string(profile_columns) +
                                         " FROM device_profiles WHERE (id = ?1 OR name = ?1)"
                                         " AND (?2 IS NULL OR tenant_id = ?2)"
                                         " ORDER BY id = ?1 DESC LIMIT 2",
                                     id_or_name, tenant);
    if (!query)
        return Unexpected{query.error()};
    return rows::pick_by_id_or_name<DeviceProfile>(*query, id_or_name, "device profile",
                                                   read_profile);
}

auto SqliteStore::list_device_profiles(TenantScope tenant)
    -> StoreResult<std::vector<DeviceProfile>> {
    auto query = rows::prepare_bound(*database_,
                                     "SELECT " + std::string(profile_columns) +
                                         " FROM device_profiles WHERE ?1 IS NULL OR tenant_id = ?1"
                                         " ORDER BY name",
                                     tenant);
    if (!query)
        return Unexpected{query.error()};
    return rows::collect<DeviceProfile>(*query, read_profile);
}

auto SqliteStore::delete_device_profile(std::string_view id) -> StoreResult<void> {
    auto statement =
        rows::prepare_bound(*database_, "DELETE FROM device_profiles WHERE id = ?", id);
    if (!statement)
        return Unexpected{statement.error()};
    auto done =
        rows::run_expecting_change(*database_, *statement, "device profile " + std::string(id));
    if (!done && done.error().code == StoreError::invalid_reference)
        return fail(StoreError::in_use, "device profile " + std::string(id) +
                                            " is used by devices; delete or move them first");
    return done;
}

}  // namespace hortillon::storage
