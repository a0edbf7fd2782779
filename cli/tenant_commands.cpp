#include "cli/tenant_commands.hpp"

#include <map>
#include <ostream>

#include "cli/table.hpp"

namespace hortillon::cli {

namespace {
auto create_tenant(const GlobalOptions& global, const TenantCreateOptions& options)
    -> CommandResult<storage::Tenant> {
    storage::Tenant tenant;
    auto name = require_non_empty("--name", options.name);
    if (!name)
        return usage_failure(name.error());
    tenant.name = *name;
    if (options.dev_addr_prefix) {
        auto prefix = parse_dev_addr_prefix_argument("--dev-addr-prefix", *options.dev_addr_prefix);
        if (!prefix)
            return usage_failure(prefix.error());
        tenant.dev_addr_prefix = *prefix;
    }
    auto store = open_store(global);
    if (!store)
        return Unexpected{store.error()};
    auto created = (*store)->create_tenant(tenant);
    if (!created)
        return store_failure(created.error());
    return std::move(*created);
}

auto list_tenants(const GlobalOptions& global, std::ostream& out) -> CommandResult<void> {
    auto store = open_store(global);
    if (!store)
        return Unexpected{store.error()};
    auto tenants = (*store)->list_tenants();
    if (!tenants)
        return store_failure(tenants.error());
    Table table({"ID", "NAME", "DEV_ADDR_PREFIX", "CREATED"});
    for (const storage::Tenant& tenant : *tenants)
        table.add_row({tenant.id, tenant.name,
                       tenant.dev_addr_prefix ? tenant.dev_addr_prefix->to_string() : "-",
                       format_timestamp(tenant.created_at)});
    table.print(out);
    return {};
}

auto create_application(const GlobalOptions& global, const ApplicationCreateOptions& options)
    -> CommandResult<storage::Application> {
    auto name = require_non_empty("--name", options.name);
    if (!name)
        return usage_failure(name.error());
    auto store = open_store(global);
    if (!store)
        return Unexpected{store.error()};
    auto tenant = resolve_tenant(**store, "--tenant", options.tenant);
    if (!tenant)
        return Unexpected{tenant.error()};
    auto created =
        (*store)->create_application(storage::Application{.tenant_id = tenant->id, .name = *name});
    if (!created)
        return store_failure(created.error());
    return std::move(*created);
}

auto list_applications(const GlobalOptions& global, const ApplicationListOptions& options,
                       std::ostream& out) -> CommandResult<void> {
    auto store = open_store(global);
    if (!store)
        return Unexpected{store.error()};
    auto scope = resolve_tenant_scope(**store, options.tenant);
    if (!scope)
        return Unexpected{scope.error()};
    auto names = tenant_names(**store);
    if (!names)
        return Unexpected{names.error()};
    auto applications = (*store)->list_applications(*scope);
    if (!applications)
        return store_failure(applications.error());
    Table table({"ID", "TENANT", "NAME", "CREATED"});
    for (const storage::Application& application : *applications)
        table.add_row({application.id, (*names)[application.tenant_id], application.name,
                       format_timestamp(application.created_at)});
    table.print(out);
    return {};
}
}  // namespace

auto run_tenant_create(const GlobalOptions& global, const TenantCreateOptions& options,
                       std::ostream& out, std::ostream& err) -> int {
    auto tenant = create_tenant(global, options);
    if (!tenant)
        return report(err, tenant.error());
    out << tenant->id << '\n';
    return exit_success;
}

auto run_tenant_list(const GlobalOptions& global, std::ostream& out, std::ostream& err) -> int {
    auto listed = list_tenants(global, out);
    return listed ? exit_success : report(err, listed.error());
}

auto run_application_create(const GlobalOptions& global, const ApplicationCreateOptions& options,
                            std::ostream& out, std::ostream& err) -> int {
    auto application = create_application(global, options);
    if (!application)
        return report(err, application.error());
    out << application->id << '\n';
    return exit_success;
}

auto run_application_list(const GlobalOptions& global, const ApplicationListOptions& options,
                          std::ostream& out, std::ostream& err) -> int {
    auto listed = list_applications(global, options, out);
    return listed ? exit_success : report(err, listed.error());
}

}  // namespace hortillon::cli
