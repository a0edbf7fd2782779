#pragma once
// One spdlog logger per component, tagged in every line: "[gw]" (gateway bridge), "[ns]"
// (network server), "[as]" (application server), "[store]". This header keeps spdlog out of its
// includers: .cpp files that write log lines include <spdlog/spdlog.h> themselves.
//
// Line format: 2024-05-01 12:00:00.123 [gw] [warning] unknown gateway aa555a0000000000 ...
// fmt 9 cannot format an enum class: log the to_string() of enums, never the enum itself.

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

namespace spdlog {
class logger;
}

namespace hortillon::telemetry {

using Logger = std::shared_ptr<spdlog::logger>;

// The spdlog levels, in increasing severity; `off` silences the logger.
enum class LogLevel : std::uint8_t { trace, debug, info, warn, error, critical, off };

// "trace", "debug", "info", "warn", "error", "critical", "off".
auto to_string(LogLevel level) -> std::string_view;
// The texts above ("warning" is accepted for warn); nullopt for anything else.
auto parse_log_level(std::string_view text) -> std::optional<LogLevel>;

// A logger named `component` writing to stderr at `level` and above. Every call makes a new,
// unregistered logger (spdlog's global registry is not used), so tests can make as many as they
// like. Never returns null.
auto make_logger(std::string_view component, LogLevel level) -> Logger;

}  // namespace hortillon::telemetry
