#include "cli/serve_command.hpp"

#include <ostream>

#include "cli/server.hpp"
#include "gateway-bridge/listen_address.hpp"
#include "telemetry/log.hpp"

namespace hortillon::cli {

auto resolve_serve_config(const GlobalOptions& global, const ServeOptions& options)
    -> CommandResult<ServerConfig> {
    ServerConfig config;
    if (options.config_file) {
        auto loaded = load_config(*options.config_file);
        if (!loaded)
            return Unexpected{CommandFailure{exit_failure, loaded.error()}};
        config = std::move(*loaded);
    }
    if (global.db)
        config.db = *global.db;
    if (global.key_file)
        config.key_file = *global.key_file;
    if (options.udp)
        config.udp = *options.udp;
    if (options.mqtt)
        config.mqtt.uri = *options.mqtt;
    if (options.log_level)
        config.log_level = *options.log_level;
    if (!gateway_bridge::parse_listen_address(config.udp))
        return usage_failure(
            std::string(options.udp ? "--udp" : "server.udp in the configuration") +
            ": expected HOST:PORT with a literal address, e.g. 0.0.0.0:1700 or "
            "[::]:1700, got '" +
            config.udp + "'");
    if (!telemetry::parse_log_level(config.log_level))
        return usage_failure(
            std::string(options.log_level ? "--log-level" : "log_level in the configuration") +
            ": expected trace, debug, info, warn, error, critical or off, got '" +
            config.log_level + "'");
    return config;
}

auto run_serve(const GlobalOptions& global, const ServeOptions& options, std::ostream& err) -> int {
    auto config = resolve_serve_config(global, options);
    if (!config)
        return report(err, config.error());
    ServerOptions server_options;
    server_options.log_level = *telemetry::parse_log_level(config->log_level);
    auto server = Server::start(*config, std::move(server_options));
    if (!server)
        return report(err, CommandFailure{exit_failure, server.error()});
    (*server)->run(true);
    return exit_success;
}

}  // namespace hortillon::cli
