#pragma once
// `hortillon device-profile ...`. Returns the exit status; `create` prints the new id alone.

#include <iosfwd>
#include <optional>
#include <string>

#include "cli/command_support.hpp"

namespace hortillon::cli {

struct DeviceProfileCreateOptions {
    std::string tenant;  // id or unique name
    std::string name;
    std::string region = "EU868";
    std::string mac_version = "1.0.3";
    std::string device_class = "A";
    std::string rx1_delay = "1";         // seconds
    std::optional<std::string> codec{};  // a codec id of the built-in registry
};

struct DeviceProfileListOptions {
    std::optional<std::string> tenant{};
};

auto run_device_profile_create(const GlobalOptions& global,
                               const DeviceProfileCreateOptions& options, std::ostream& out,
                               std::ostream& err) -> int;
auto run_device_profile_list(const GlobalOptions& global, const DeviceProfileListOptions& options,
                             std::ostream& out, std::ostream& err) -> int;

}  // namespace hortillon::cli
