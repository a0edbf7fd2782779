#pragma once
// The two UTC time formats of the Semtech UDP protocol. These parse given strings; nothing here
// reads a clock.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hortillon::gateway_bridge {

using UtcTime = std::chrono::system_clock::time_point;

// ISO 8601 "compact", as `rxpk.time`: "2013-03-31T16:21:17.528002Z". The fraction may have 0 to 9
// digits; the zone must be "Z" or "+00:00"; years 1970..2200. nullopt for anything else,
// including invalid dates.
auto parse_compact_time(std::string_view text) -> std::optional<UtcTime>;

// ISO 8601 "expanded", as `stat.time`: "2014-01-12 08:59:28 GMT" (strftime "%F %T %Z"; " UTC" is
// accepted too). Compact times are also accepted here, since some forwarders send them.
auto parse_expanded_time(std::string_view text) -> std::optional<UtcTime>;

// The compact form with microseconds, e.g. for logs and tests: "2013-03-31T16:21:17.528002Z".
auto format_compact_time(UtcTime time) -> std::string;

}  // namespace hortillon::gateway_bridge
