#include "telemetry/log.hpp"

#include <array>
#include <string>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace hortillon::telemetry {

namespace {

struct LevelRow {
    LogLevel level;
    std::string_view text;
    spdlog::level::level_enum spdlog_level;
};

constexpr std::array<LevelRow, 7> levels{{
    {LogLevel::trace, "trace", spdlog::level::trace},
    {LogLevel::debug, "debug", spdlog::level::debug},
    {LogLevel::info, "info", spdlog::level::info},
    {LogLevel::warn, "warn", spdlog::level::warn},
    {LogLevel::error, "error", spdlog::level::err},
    {LogLevel::critical, "critical", spdlog::level::critical},
    {LogLevel::off, "off", spdlog::level::off},
}};

auto row(LogLevel level) -> const LevelRow& {
    auto index = static_cast<std::size_t>(level);
    return index < levels.size() ? levels[index] : levels.back();
}

}  // namespace

auto to_string(LogLevel level) -> std::string_view {
    return row(level).text;
}

auto parse_log_level(std::string_view text) -> std::optional<LogLevel> {
    if (text == "warning")
        return LogLevel::warn;
    for (const auto& candidate : levels) {
        if (candidate.text == text)
            return candidate.level;
    }
    return std::nullopt;
}

auto make_logger(std::string_view component, LogLevel level) -> Logger {
    // Uncoloured: the server usually runs under systemd or in CI, where escapes are noise.
    auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    auto logger = std::make_shared<spdlog::logger>(std::string(component), std::move(sink));
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e [%n] [%l] %v");
    logger->set_level(row(level).spdlog_level);
    // Warnings and worse reach stderr at once, even if the process dies right after.
    logger->flush_on(spdlog::level::warn);
    return logger;
}

}  // namespace hortillon::telemetry
