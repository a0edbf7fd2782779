#pragma once
// `hortillon device create|list|show|delete`. Returns the exit status; `create` prints the new
// DevEUI alone. `show` prints the device's keys: the operator asked for this one device.

#include <iosfwd>
#include <optional>
#include <string>

#include "cli/command_support.hpp"

namespace hortillon::cli {

// Either OTAA (--join-eui, --app-key, optional --nwk-key for LoRaWAN 1.1) or ABP (--dev-addr,
// --app-s-key and --nwk-s-key for 1.0.x, or the three 1.1 network session keys instead).
struct DeviceCreateOptions {
    std::string application;     // id or unique name
    std::string device_profile;  // id or name, within the application's tenant
    std::string dev_eui;
    std::string name;
    std::optional<std::string> join_eui{};
    std::optional<std::string> app_key{};
    std::optional<std::string> nwk_key{};
    std::optional<std::string> dev_addr{};
    std::optional<std::string> nwk_s_key{};
    std::optional<std::string> app_s_key{};
    std::optional<std::string> f_nwk_s_int_key{};
    std::optional<std::string> s_nwk_s_int_key{};
    std::optional<std::string> nwk_s_enc_key{};
};

struct DeviceListOptions {
    std::optional<std::string> application{};
};

auto run_device_create(const GlobalOptions& global, const DeviceCreateOptions& options,
                       std::ostream& out, std::ostream& err) -> int;
auto run_device_list(const GlobalOptions& global, const DeviceListOptions& options,
                     std::ostream& out, std::ostream& err) -> int;
auto run_device_show(const GlobalOptions& global, const std::string& dev_eui, std::ostream& out,
                     std::ostream& err) -> int;
auto run_device_delete(const GlobalOptions& global, const std::string& dev_eui, std::ostream& out,
                       std::ostream& err) -> int;

}  // namespace hortillon::cli
