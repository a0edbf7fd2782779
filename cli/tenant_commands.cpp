#include "cli/tenant_commands.hpp"

#include <algorithm>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

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

// Names that mosquitto_passwd, the password file ("NAME:HASH") and the ACL file ("user NAME")
// all take as they are; a leading '-' would read as an option of mosquitto_passwd.
auto is_safe_mqtt_user(std::string_view name) -> bool {
    const auto alphanumeric = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    const auto allowed = [&](char c) {
        return alphanumeric(c) || c == '.' || c == '_' || c == '-';
    };
    return !name.empty() && name.size() <= 64 && alphanumeric(name.front()) &&
           std::all_of(name.begin(), name.end(), allowed);
}

// The rule of mqtt_acl_help. A name equal to the server's user or to another tenant's id would
// merge two ACL blocks into one user, giving one side the other's topics.
auto tenant_mqtt_user(const storage::Tenant& tenant, std::string_view server_user,
                      const std::set<std::string, std::less<>>& tenant_ids) -> std::string {
    const bool name_usable = is_safe_mqtt_user(tenant.name) && tenant.name != server_user &&
                             !tenant_ids.contains(tenant.name);
    return name_usable ? tenant.name : tenant.id;
}

// For a comment line: a control character (a newline above all) would end the comment and let a
// tenant name write ACL rules, so each becomes '?'.
auto comment_text(std::string_view text) -> std::string {
    std::string printable(text);
    std::replace_if(
        printable.begin(), printable.end(),
        [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\x7f'; }, '?');
    return printable;
}

// Topics as in app-server/topics.hpp (ChirpStack v4): events out, downlink commands in.
void print_tenant_acl(std::ostream& out, const storage::Tenant& tenant, const std::string& user,
                      const std::vector<storage::Application>& applications) {
    out << "\n# tenant " << comment_text(tenant.name) << " (" << tenant.id << ")\n"
        << "user " << user << '\n';
    if (applications.empty())
        out << "# no applications yet: this user can neither read nor write\n";
    for (const storage::Application& application : applications)
        out << "topic read application/" << application.id << "/device/+/event/#\n"
            << "topic write application/" << application.id << "/device/+/command/down\n";
}

// The whole file, so that a store failure half-way prints nothing rather than half an ACL.
auto mqtt_acl(const GlobalOptions& global, const TenantMqttAclOptions& options)
    -> CommandResult<std::string> {
    if (!is_safe_mqtt_user(options.server_user))
        return usage_failure(
            "--server-user: expected 1 to 64 letters, digits, '.', '_' or '-' "
            "starting with a letter or digit, got '" +
            options.server_user + "'");
    auto store = open_store(global);
    if (!store)
        return Unexpected{store.error()};
    auto tenants = (*store)->list_tenants();
    if (!tenants)
        return store_failure(tenants.error());
    // Sorted here, not by the store, so that the file diffs cleanly between runs and backends.
    const auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
    std::sort(tenants->begin(), tenants->end(), by_name);
    std::set<std::string, std::less<>> tenant_ids;
    for (const storage::Tenant& tenant : *tenants)
        tenant_ids.insert(tenant.id);
    auto scope = resolve_tenant_scope(**store, options.tenant);
    if (!scope)
        return Unexpected{scope.error()};

    std::ostringstream out;
    out << "# mosquitto ACL for Hortillon, printed by `hortillon tenant mqtt-acl`. Print it again\n"
           "# after creating tenants or applications, then reload mosquitto.\n";
    if (!*scope)
        out << "\n# the server: publishes every event, receives every downlink command\n"
            << "user " << options.server_user << "\ntopic readwrite application/#\n";
    for (const storage::Tenant& tenant : *tenants) {
        if (*scope && **scope != tenant.id)
            continue;
        auto applications = (*store)->list_applications(tenant.id);
        if (!applications)
            return store_failure(applications.error());
        std::sort(applications->begin(), applications->end(), by_name);
        print_tenant_acl(out, tenant, tenant_mqtt_user(tenant, options.server_user, tenant_ids),
                         *applications);
    }
    return out.str();
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

auto run_tenant_mqtt_acl(const GlobalOptions& global, const TenantMqttAclOptions& options,
                         std::ostream& out, std::ostream& err) -> int {
    auto acl = mqtt_acl(global, options);
    if (!acl)
        return report(err, acl.error());
    out << *acl;
    return exit_success;
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
