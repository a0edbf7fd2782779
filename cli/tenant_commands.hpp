#pragma once
// `hortillon tenant ...` and `hortillon application ...`. Every function returns the exit status;
// `create` prints the new id alone on `out`, errors go to `err`. `tenant mqtt-acl` prints a
// mosquitto ACL file that keeps each tenant's MQTT user to its own applications' topics.

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "cli/command_support.hpp"

namespace hortillon::cli {

struct TenantCreateOptions {
    std::string name;
    std::optional<std::string> dev_addr_prefix{};  // HEX/BITS
};

struct ApplicationCreateOptions {
    std::string tenant;  // id or unique name
    std::string name;
};

struct ApplicationListOptions {
    std::optional<std::string> tenant{};
};

inline constexpr std::string_view default_mqtt_server_user = "hortillon";

struct TenantMqttAclOptions {
    // Id or name: print only this tenant's block (and not the server's). nullopt: every tenant.
    std::optional<std::string> tenant{};
    std::string server_user = std::string(default_mqtt_server_user);
};

// How `tenant mqtt-acl` names a tenant's MQTT user (for --help and the README).
inline constexpr std::string_view mqtt_acl_help =
    "A tenant's MQTT user is its name when the name is 1 to 64 ASCII letters, digits, '.', '_'\n"
    "or '-', starts with a letter or digit, and is neither the server's user nor another\n"
    "tenant's id; otherwise it is the tenant's id. Create each user with mosquitto_passwd.";

auto run_tenant_create(const GlobalOptions& global, const TenantCreateOptions& options,
                       std::ostream& out, std::ostream& err) -> int;
auto run_tenant_list(const GlobalOptions& global, std::ostream& out, std::ostream& err) -> int;
// Exit status 2 for a --server-user that is not a safe MQTT user name (same rule as above).
auto run_tenant_mqtt_acl(const GlobalOptions& global, const TenantMqttAclOptions& options,
                         std::ostream& out, std::ostream& err) -> int;

auto run_application_create(const GlobalOptions& global, const ApplicationCreateOptions& options,
                            std::ostream& out, std::ostream& err) -> int;
auto run_application_list(const GlobalOptions& global, const ApplicationListOptions& options,
                          std::ostream& out, std::ostream& err) -> int;

}  // namespace hortillon::cli
