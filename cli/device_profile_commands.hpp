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
    // Receive windows (nullopt: the region's defaults).
    std::optional<std::string> rx1_dr_offset{};
    std::optional<std::string> rx2_dr{};
    std::optional<std::string> rx2_frequency{};  // Hz
    // ADR and device status.
    bool adr = true;
    std::string adr_margin = "10";  // dB
    std::optional<std::string> adr_min_dr{};
    std::optional<std::string> adr_max_dr{};
    std::string max_nb_trans = "3";
    std::string device_status_interval = "0";  // seconds; 0: never ask
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
