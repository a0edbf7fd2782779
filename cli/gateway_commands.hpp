#pragma once
// `hortillon gateway create|list`. Returns the exit status; `create` prints the gateway id alone.

#include <iosfwd>
#include <optional>
#include <string>

#include "cli/command_support.hpp"

namespace hortillon::cli {

struct GatewayCreateOptions {
    std::string gateway_id;  // EUI-64
    std::string tenant;      // id or unique name
    std::string name;
    std::optional<std::string> location{};  // LAT,LON
};

struct GatewayListOptions {
    std::optional<std::string> tenant{};
};

auto run_gateway_create(const GlobalOptions& global, const GatewayCreateOptions& options,
                        std::ostream& out, std::ostream& err) -> int;
// LAST_SEEN is "never" for a gateway that has not sent anything yet.
auto run_gateway_list(const GlobalOptions& global, const GatewayListOptions& options,
                      std::ostream& out, std::ostream& err) -> int;

}  // namespace hortillon::cli
