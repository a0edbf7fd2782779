#include "cli/gateway_commands.hpp"

#include <cstdio>
#include <map>
#include <ostream>

#include "cli/table.hpp"

namespace hortillon::cli {

namespace {
auto format_location(const std::optional<storage::GatewayLocation>& location) -> std::string {
    if (!location)
        return "-";
    char text[64];
    std::snprintf(text, sizeof text, "%.6f,%.6f", location->latitude, location->longitude);
    return text;
}

auto create_gateway(const GlobalOptions& global, const GatewayCreateOptions& options)
    -> CommandResult<storage::Gateway> {
    storage::Gateway gateway;
    auto gateway_id = parse_eui_argument("--gateway-id", options.gateway_id);
    if (!gateway_id)
        return usage_failure(gateway_id.error());
    gateway.gateway_id = *gateway_id;
    auto name = require_non_empty("--name", options.name);
    if (!name)
        return usage_failure(name.error());
    gateway.name = *name;
    if (options.location) {
        auto location = parse_location_argument("--location", *options.location);
        if (!location)
            return usage_failure(location.error());
        gateway.location = *location;
    }
    auto store = open_store(global);
    if (!store)
        return Unexpected{store.error()};
    auto tenant = resolve_tenant(**store, "--tenant", options.tenant);
    if (!tenant)
        return Unexpected{tenant.error()};
    gateway.tenant_id = tenant->id;
    auto created = (*store)->create_gateway(gateway);
    if (!created)
        return store_failure(created.error());
    return std::move(*created);
}

auto list_gateways(const GlobalOptions& global, const GatewayListOptions& options,
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
    auto gateways = (*store)->list_gateways(*scope);
    if (!gateways)
        return store_failure(gateways.error());
    Table table({"GATEWAY_ID", "TENANT", "NAME", "LOCATION", "LAST_SEEN"});
    for (const storage::Gateway& gateway : *gateways)
        table.add_row({gateway.gateway_id.to_string(), (*names)[gateway.tenant_id], gateway.name,
                       format_location(gateway.location),
                       gateway.last_seen_at ? format_timestamp(*gateway.last_seen_at) : "never"});
    table.print(out);
    return {};
}
}  // namespace

auto run_gateway_create(const GlobalOptions& global, const GatewayCreateOptions& options,
                        std::ostream& out, std::ostream& err) -> int {
    auto gateway = create_gateway(global, options);
    if (!gateway)
        return report(err, gateway.error());
    out << gateway->gateway_id.to_string() << '\n';
    return exit_success;
}

auto run_gateway_list(const GlobalOptions& global, const GatewayListOptions& options,
                      std::ostream& out, std::ostream& err) -> int {
    auto listed = list_gateways(global, options, out);
    return listed ? exit_success : report(err, listed.error());
}

}  // namespace hortillon::cli
