// Gateways and their last-seen time.
#include "storage/sqlite_rows.hpp"
#include "storage/sqlite_store.hpp"

namespace hortillon::storage {

namespace {
constexpr std::string_view gateway_columns =
    "gateway_id, tenant_id, name, description, latitude, longitude, altitude, last_seen_at, "
    "created_at";

auto read_gateway(const Statement& row) -> Gateway {
    Gateway gateway{.gateway_id = rows::read_eui(row, 0),
                    .tenant_id = row.column_text(1),
                    .name = row.column_text(2),
                    .description = row.column_text(3),
                    .location = std::nullopt,
                    .last_seen_at = std::nullopt,
                    .created_at = rows::from_millis(row.column_int64(8))};
    if (!row.is_null(4)) {
        gateway.location =
            GatewayLocation{row.column_double(4), row.column_double(5), std::nullopt};
        if (!row.is_null(6))
            gateway.location->altitude = row.column_double(6);
    }
    if (!row.is_null(7))
        gateway.last_seen_at = rows::from_millis(row.column_int64(7));
    return gateway;
}

auto check_location(const std::optional<GatewayLocation>& location) -> StoreResult<void> {
    if (!location)
        return {};
    if (!(location->latitude >= -90 && location->latitude <= 90) ||
        !(location->longitude >= -180 && location->longitude <= 180))
        return fail(StoreError::invalid_value,
                    "gateway location must be latitude -90..90 and longitude -180..180");
    return {};
}
}  // namespace

auto SqliteStore::create_gateway(Gateway gateway) -> StoreResult<Gateway> {
    const std::string eui = gateway.gateway_id.to_string();
    if (gateway.name.empty())
        return fail(StoreError::invalid_value, "gateway " + eui + " needs a name");
    if (auto located = check_location(gateway.location); !located)
        return Unexpected{located.error()};
    gateway.created_at = rows::from_millis(rows::now_millis());
    gateway.last_seen_at.reset();
    std::optional<double> latitude;
    std::optional<double> longitude;
    std::optional<double> altitude;
    if (gateway.location) {
        latitude = gateway.location->latitude;
        longitude = gateway.location->longitude;
        altitude = gateway.location->altitude;
    }
    auto insert =
        rows::prepare_bound(*database_,
                            "INSERT INTO gateways (" + std::string(gateway_columns) +
                                ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)",
                            eui, gateway.tenant_id, gateway.name, gateway.description, latitude,
                            longitude, altitude, rows::to_millis(gateway.created_at));
    if (!insert)
        return Unexpected{insert.error()};
    if (auto done = insert->run(); !done) {
        if (done.error().code == StoreError::invalid_reference)
            return fail(StoreError::invalid_reference,
                        "tenant " + gateway.tenant_id + " not found");
        return rows::explain(done.error(), StoreError::already_exists,
                             "gateway " + eui + " already exists");
    }
    return gateway;
}

auto SqliteStore::get_gateway(lorawan::Eui64 gateway_id) -> StoreResult<Gateway> {
    auto query = rows::prepare_bound(
        *database_,
        "SELECT " + std::string(gateway_columns) + " FROM gateways WHERE gateway_id = ?",
        gateway_id.to_string());
    if (!query)
        return Unexpected{query.error()};
    auto row = query->step();
    if (!row)
        return Unexpected{row.error()};
    if (!*row)
        return fail(StoreError::not_found, "gateway " + gateway_id.to_string() + " not found");
    return read_gateway(*query);
}

auto SqliteStore::list_gateways(TenantScope tenant) -> StoreResult<std::vector<Gateway>> {
    auto query = rows::prepare_bound(*database_,
                                     "SELECT " + std::string(gateway_columns) +
                                         " FROM gateways WHERE ?1 IS NULL OR tenant_id = ?1"
                                         " ORDER BY gateway_id",
                                     tenant);
    if (!query)
        return Unexpected{query.error()};
    return rows::collect<Gateway>(*query, read_gateway);
}

auto SqliteStore::delete_gateway(lorawan::Eui64 gateway_id) -> StoreResult<void> {
    auto statement = rows::prepare_bound(*database_, "DELETE FROM gateways WHERE gateway_id = ?",
                                         gateway_id.to_string());
    if (!statement)
        return Unexpected{statement.error()};
    return rows::run_expecting_change(*database_, *statement, "gateway " + gateway_id.to_string());
}

auto SqliteStore::update_gateway_last_seen(lorawan::Eui64 gateway_id, Timestamp seen_at)
    -> StoreResult<void> {
    auto update =
        rows::prepare_bound(*database_, "UPDATE gateways SET last_seen_at = ? WHERE gateway_id = ?",
                            rows::to_millis(seen_at), gateway_id.to_string());
    if (!update)
        return Unexpected{update.error()};
    return rows::run_expecting_change(*database_, *update, "gateway " + gateway_id.to_string());
}

}  // namespace hortillon::storage
