#pragma once
// A workspace with one tenant ("Namur"), one application ("bins"), a LoRaWAN 1.0.3 profile
// ("v103") and a 1.1 profile ("v11"); another tenant ("Liège") with its own profile ("other").

#include <catch2/catch.hpp>

#include "cli/device_profile_commands.hpp"
#include "cli/tenant_commands.hpp"
#include "command_fixture.hpp"

namespace hortillon::cli::testing {

inline constexpr const char* key_a = "000102030405060708090A0B0C0D0E0F";
inline constexpr const char* key_b = "F0E0D0C0B0A090807060504030201000";

struct DeviceWorkspace : Workspace {
    DeviceWorkspace() {
        const auto ok = [](const CommandOutput& output) {
            INFO(output.err);
            REQUIRE(output.status == exit_success);
        };
        for (const char* tenant : {"Namur", "Liège"})
            ok(capture([&](auto& out, auto& err) {
                return run_tenant_create(global(), {.name = tenant}, out, err);
            }));
        ok(capture([&](auto& out, auto& err) {
            return run_application_create(global(), {"Namur", "bins"}, out, err);
        }));
        const auto profile = [&](const char* tenant, const char* name, const char* version) {
            ok(capture([&](auto& out, auto& err) {
                return run_device_profile_create(
                    global(), {.tenant = tenant, .name = name, .mac_version = version}, out, err);
            }));
        };
        profile("Namur", "v103", "1.0.3");
        profile("Namur", "v11", "1.1.0");
        profile("Liège", "other", "1.0.3");
    }
};

inline auto contains(const std::string& text, const std::string& part) -> bool {
    return text.find(part) != std::string::npos;
}

// The value of `field` in `device show` output: the rest of the line that starts with it.
inline auto shown_field(const std::string& output, const std::string& field) -> std::string {
    std::size_t start = 0;
    while (start < output.size()) {
        const std::size_t end = output.find('\n', start);
        const std::string line = output.substr(start, end - start);
        if (line.starts_with(field + " ")) {
            const std::size_t value = line.find_first_not_of(' ', field.size());
            return value == std::string::npos ? std::string() : line.substr(value);
        }
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return "<no field " + field + ">";
}

}  // namespace hortillon::cli::testing
