#pragma once
// `hortillon tenant ...` and `hortillon application ...`. Every function returns the exit status;
// `create` prints the new id alone on `out`, errors go to `err`.

#include <iosfwd>
#include <optional>
#include <string>

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

auto run_tenant_create(const GlobalOptions& global, const TenantCreateOptions& options,
                       std::ostream& out, std::ostream& err) -> int;
auto run_tenant_list(const GlobalOptions& global, std::ostream& out, std::ostream& err) -> int;

auto run_application_create(const GlobalOptions& global, const ApplicationCreateOptions& options,
                            std::ostream& out, std::ostream& err) -> int;
auto run_application_list(const GlobalOptions& global, const ApplicationListOptions& options,
                          std::ostream& out, std::ostream& err) -> int;

}  // namespace hortillon::cli
