#pragma once
// `hortillon serve`: every role in one process. Settings come from, in decreasing precedence:
// the command line, the environment (HORTILLON_DB, HORTILLON_KEY_FILE), the configuration file
// (--config), the defaults.

#include <iosfwd>
#include <optional>
#include <string>

#include "cli/command_support.hpp"
#include "cli/config.hpp"

namespace hortillon::cli {

struct ServeOptions {
    std::optional<std::string> config_file{};
    std::optional<std::string> udp{};   // HOST:PORT
    std::optional<std::string> mqtt{};  // URI, kept in config.mqtt.uri
    std::optional<std::string> log_level{};
};

// The configuration `serve` would run with. Fails with exit_usage for a bad log level and
// exit_failure for a configuration file that does not load.
auto resolve_serve_config(const GlobalOptions& global, const ServeOptions& options)
    -> CommandResult<ServerConfig>;

// Runs until SIGINT or SIGTERM.
auto run_serve(const GlobalOptions& global, const ServeOptions& options, std::ostream& err) -> int;

}  // namespace hortillon::cli
