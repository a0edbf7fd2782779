// Tenants and applications.
#include "storage/sqlite_rows.hpp"
#include "storage/sqlite_store.hpp"

namespace hortillon::storage {

namespace {
constexpr std::string_view tenant_columns =
    "id, name, dev_addr_prefix, dev_addr_prefix_bits, created_at";
constexpr std::string_view application_columns = "id, tenant_id, name, description, created_at";

auto read_tenant(const Statement& row) -> Tenant {
    Tenant tenant{.id = row.column_text(0), .name = row.column_text(1)};
    if (!row.is_null(2))
        tenant.dev_addr_prefix =
            DevAddrPrefix{lorawan::DevAddr{static_cast<std::uint32_t>(row.column_int64(2))},
                          static_cast<std::uint8_t>(row.column_int64(3))};
    tenant.created_at = rows::from_millis(row.column_int64(4));
    return tenant;
}

auto read_application(const Statement& row) -> Application {
    return Application{.id = row.column_text(0),
                       .tenant_id = row.column_text(1),
                       .name = row.column_text(2),
                       .description = row.column_text(3),
                       .created_at = rows::from_millis(row.column_int64(4))};
}

auto check_name(std::string_view name, std::string_view what) -> StoreResult<void> {
    if (name.empty())
        return fail(StoreError::invalid_value, std::string(what) + " name must not be empty");
    return {};
}
}  // namespace

auto SqliteStore::create_tenant(Tenant tenant) -> StoreResult<Tenant> {
    if (auto named = check_name(tenant.name, "tenant"); !named)
        return Unexpected{named.error()};
    tenant.id = rows::new_id();
    tenant.created_at = rows::from_millis(rows::now_millis());
    std::optional<std::int64_t> prefix_base;
    std::optional<std::int64_t> prefix_bits;
    if (tenant.dev_addr_prefix) {
        prefix_base = tenant.dev_addr_prefix->base.value;
        prefix_bits = tenant.dev_addr_prefix->bits;
    }
    auto insert = rows::prepare_bound(
        *database_,
        "INSERT INTO tenants (id, name, dev_addr_prefix, dev_addr_prefix_bits, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        tenant.id, tenant.name, prefix_base, prefix_bits, rows::to_millis(tenant.created_at));
    if (!insert)
        return Unexpected{insert.error()};
    if (auto done = insert->run(); !done)
        return rows::explain(done.error(), StoreError::already_exists,
                             "a tenant named '" + tenant.name + "' already exists");
    return tenant;
}

auto SqliteStore::find_tenant(std::string_view id_or_name) -> StoreResult<Tenant> {
    // By primary key first: the id is what the server passes, and the id match wins anyway.
    auto by_id = rows::prepare_bound(
        *database_, "SELECT " + std::string(tenant_columns) + " FROM tenants WHERE id = ?1",
        id_or_name);
    if (!by_id)
        return Unexpected{by_id.error()};
    auto found = rows::read_optional<Tenant>(*by_id, read_tenant);
    if (!found)
        return Unexpected{found.error()};
    if (*found)
        return std::move(**found);
    auto query = rows::prepare_bound(*database_,
                                     "SELECT " + std::string(tenant_columns) +
                                         " FROM tenants WHERE id = ?1 OR name = ?1"
                                         " ORDER BY id = ?1 DESC LIMIT 2",
                                     id_or_name);
    if (!query)
        return Unexpected{query.error()};
    return rows::pick_by_id_or_name<Tenant>(*query, id_or_name, "tenant", read_tenant);
}

auto SqliteStore::list_tenants() -> StoreResult<std::vector<Tenant>> {
    auto query =
        database_->prepare("SELECT " + std::string(tenant_columns) + " FROM tenants ORDER BY name");
    if (!query)
        return Unexpected{query.error()};
    return rows::collect<Tenant>(*query, read_tenant);
}

auto SqliteStore::delete_tenant(std::string_view id) -> StoreResult<void> {
    auto statement = rows::prepare_bound(*database_, "DELETE FROM tenants WHERE id = ?", id);
    if (!statement)
        return Unexpected{statement.error()};
    auto done = rows::run_expecting_change(*database_, *statement, "tenant " + std::string(id));
    // The foreign keys refuse the delete; say what to remove first.
    if (!done && done.error().code == StoreError::invalid_reference)
        return fail(StoreError::in_use, "tenant " + std::string(id) +
                                            " still has applications, device profiles or "
                                            "gateways; delete them first");
    return done;
}

auto SqliteStore::create_application(Application application) -> StoreResult<Application> {
    if (auto named = check_name(application.name, "application"); !named)
        return Unexpected{named.error()};
    auto tenant = find_tenant(application.tenant_id);
    if (!tenant || tenant->id != application.tenant_id)
        return fail(StoreError::invalid_reference,
                    "tenant " + application.tenant_id + " not found");
    application.id = rows::new_id();
    application.created_at = rows::from_millis(rows::now_millis());
    auto insert =
        rows::prepare_bound(*database_,
                            "INSERT INTO applications (" + std::string(application_columns) +
                                ") VALUES (?, ?, ?, ?, ?)",
                            application.id, application.tenant_id, application.name,
                            application.description, rows::to_millis(application.created_at));
    if (!insert)
        return Unexpected{insert.error()};
    if (auto done = insert->run(); !done)
        return rows::explain(done.error(), StoreError::already_exists,
                             "tenant '" + tenant->name + "' already has an application named '" +
                                 application.name + "'");
    return application;
}

auto SqliteStore::find_application(std::string_view id_or_name, TenantScope tenant)
    -> StoreResult<Application> {
    // By primary key first: the id is what the server passes, and the id match wins anyway.
    auto by_id = rows::prepare_bound(
        *database_,
        "SELECT " + std::string(application_columns) +
            " FROM applications WHERE id = ?1 AND (?2 IS NULL OR tenant_id = ?2)",
        id_or_name, tenant);
    if (!by_id)
        return Unexpected{by_id.error()};
    auto found = rows::read_optional<Application>(*by_id, read_application);
    if (!found)
        return Unexpected{found.error()};
    if (*found)
        return std::move(**found);
    auto query = rows::prepare_bound(*database_,
                                     "SELECT " + std::string(application_columns) +
                                         " FROM applications WHERE (id = ?1 OR name = ?1)"
                                         " AND (?2 IS NULL OR tenant_id = ?2)"
                                         " ORDER BY id = ?1 DESC LIMIT 2",
                                     id_or_name, tenant);
    if (!query)
        return Unexpected{query.error()};
    return rows::pick_by_id_or_name<Application>(*query, id_or_name, "application",
                                                 read_application);
}

auto SqliteStore::list_applications(TenantScope tenant) -> StoreResult<std::vector<Application>> {
    auto query = rows::prepare_bound(*database_,
                                     "SELECT " + std::string(application_columns) +
                                         " FROM applications WHERE ?1 IS NULL OR tenant_id = ?1"
                                         " ORDER BY name",
                                     tenant);
    if (!query)
        return Unexpected{query.error()};
    return rows::collect<Application>(*query, read_application);
}

auto SqliteStore::delete_application(std::string_view id) -> StoreResult<void> {
    auto statement = rows::prepare_bound(*database_, "DELETE FROM applications WHERE id = ?", id);
    if (!statement)
        return Unexpected{statement.error()};
    auto done =
        rows::run_expecting_change(*database_, *statement, "application " + std::string(id));
    if (!done && done.error().code == StoreError::invalid_reference)
        return fail(StoreError::in_use,
                    "application " + std::string(id) + " still has devices; delete them first");
    return done;
}

}  // namespace hortillon::storage
