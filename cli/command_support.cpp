#include "cli/command_support.hpp"

#include <ostream>

#include "storage/sqlite_store.hpp"

namespace hortillon::cli {

auto usage_failure(ArgumentError error) -> Unexpected<CommandFailure> {
    return Unexpected{CommandFailure{exit_usage, std::move(error.message)}};
}

auto usage_failure(std::string message) -> Unexpected<CommandFailure> {
    return Unexpected{CommandFailure{exit_usage, std::move(message)}};
}

auto store_failure(const storage::StoreFailure& failure) -> Unexpected<CommandFailure> {
    return Unexpected{CommandFailure{exit_failure, failure.message}};
}

auto store_failure(std::string_view what, const storage::StoreFailure& failure)
    -> Unexpected<CommandFailure> {
    return Unexpected{CommandFailure{exit_failure, std::string(what) + ": " + failure.message}};
}

auto report(std::ostream& err, const CommandFailure& failure) -> int {
    err << "error: " << failure.message << '\n';
    return failure.exit_status;
}

auto open_store(const GlobalOptions& global) -> CommandResult<std::unique_ptr<storage::Store>> {
    storage::StoreOptions options;
    options.database_path = global.database_path();
    options.key_file = global.key_file_path();
    auto store = storage::SqliteStore::open(options);
    if (!store)
        return store_failure(store.error());
    return std::unique_ptr<storage::Store>(std::move(*store));
}

auto resolve_tenant(storage::Store& store, std::string_view option, std::string_view id_or_name)
    -> CommandResult<storage::Tenant> {
    auto tenant = store.find_tenant(id_or_name);
    if (!tenant)
        return store_failure(option, tenant.error());
    return std::move(*tenant);
}

auto resolve_tenant_scope(storage::Store& store, const std::optional<std::string>& tenant)
    -> CommandResult<std::optional<std::string>> {
    if (!tenant)
        return std::optional<std::string>{};
    auto resolved = resolve_tenant(store, "--tenant", *tenant);
    if (!resolved)
        return Unexpected{resolved.error()};
    return std::optional<std::string>{resolved->id};
}

auto tenant_names(storage::Store& store) -> CommandResult<std::map<std::string, std::string>> {
    auto tenants = store.list_tenants();
    if (!tenants)
        return store_failure(tenants.error());
    std::map<std::string, std::string> names;
    for (const storage::Tenant& tenant : *tenants)
        names.emplace(tenant.id, tenant.name);
    return names;
}

auto resolve_application(storage::Store& store, std::string_view option,
                         std::string_view id_or_name) -> CommandResult<storage::Application> {
    auto application = store.find_application(id_or_name, std::nullopt);
    if (!application)
        return store_failure(option, application.error());
    return std::move(*application);
}

auto resolve_device_profile(storage::Store& store, std::string_view option,
                            std::string_view id_or_name, const storage::Tenant& tenant)
    -> CommandResult<storage::DeviceProfile> {
    auto profile = store.find_device_profile(id_or_name, tenant.id);
    if (!profile) {
        if (profile.error().code == storage::StoreError::not_found)
            return Unexpected{CommandFailure{exit_failure, std::string(option) + ": " +
                                                               profile.error().message +
                                                               " in tenant '" + tenant.name + "'"}};
        return store_failure(option, profile.error());
    }
    return std::move(*profile);
}

}  // namespace hortillon::cli
