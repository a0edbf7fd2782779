#include "codecs/javascript_format.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string_view>
#include <system_error>

#include <nlohmann/json.hpp>

namespace hortillon::codecs {

namespace {

// Adds one unit in the last place to a string of decimal digits (and an optional '.').
void increment_decimal(std::string& digits) {
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (*it == '.')
            continue;
        if (*it != '9') {
            ++*it;
            return;
        }
        *it = '0';
    }
    digits.insert(digits.begin(), '1');
}

// Two decimal digits, zero padded.
auto two_digits(unsigned value) -> std::string {
    std::string out(2, '0');
    out[0] = static_cast<char>('0' + (value / 10) % 10);
    out[1] = static_cast<char>('0' + value % 10);
    return out;
}

struct CivilTime {
    std::int64_t year = 1970;
    unsigned month = 1;
    unsigned day = 1;
    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;
};

// Howard Hinnant's days_from_civil inverse, valid for the whole proleptic Gregorian calendar.
auto civil_from_unix_seconds(std::int64_t unix_seconds) -> CivilTime {
    constexpr std::int64_t seconds_per_day = 86'400;
    std::int64_t days = unix_seconds / seconds_per_day;
    std::int64_t rest = unix_seconds % seconds_per_day;
    if (rest < 0) {
        rest += seconds_per_day;
        --days;
    }
    const std::int64_t z = days + 719'468;
    const std::int64_t era = (z >= 0 ? z : z - 146'096) / 146'097;
    const auto day_of_era = static_cast<unsigned>(z - era * 146'097);
    const unsigned year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36'524 - day_of_era / 146'096) / 365;
    const unsigned day_of_year =
        day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const unsigned shifted_month = (5 * day_of_year + 2) / 153;
    CivilTime t;
    t.day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    t.month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
    t.year = static_cast<std::int64_t>(year_of_era) + era * 400 + (t.month <= 2 ? 1 : 0);
    t.hour = static_cast<unsigned>(rest / 3600);
    t.minute = static_cast<unsigned>(rest % 3600 / 60);
    t.second = static_cast<unsigned>(rest % 60);
    return t;
}

auto date_part(const CivilTime& t) -> std::string {
    return std::to_string(t.year) + '-' + two_digits(t.month) + '-' + two_digits(t.day);
}

auto time_part(const CivilTime& t) -> std::string {
    return two_digits(t.hour) + ':' + two_digits(t.minute) + ':' + two_digits(t.second);
}

}  // namespace

auto javascript_to_fixed(double value, int digits) -> std::string {
    if (std::isnan(value) || std::fabs(value) >= 1e21)
        return javascript_number_to_string(value);
    // The exact decimal expansion of any double fits in 1,100 fraction digits (2^-1074 has
    // 1,074), so this prints without rounding; the rounding below is toFixed's own.
    std::array<char, 1200> buffer{};
    const int length = std::snprintf(buffer.data(), buffer.size(), "%.1100f", std::fabs(value));
    if (length <= 0)
        return "NaN";
    const std::string_view exact(buffer.data(), static_cast<std::size_t>(length));
    const std::size_t point = exact.find('.');
    const std::size_t keep = point + (digits > 0 ? static_cast<std::size_t>(digits) + 1 : 0);
    std::string out(exact.substr(0, keep));
    if (exact[point + static_cast<std::size_t>(digits) + 1] >= '5')
        increment_decimal(out);
    return value < 0 ? '-' + out : out;
}

auto to_fixed_number(double value, int digits) -> double {
    const std::string text = javascript_to_fixed(value, digits);
    return std::strtod(text.c_str(), nullptr);
}

auto javascript_number_to_string(double value) -> std::string {
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value < 0 ? "-Infinity" : "Infinity";
    if (value == 0)
        return "0";
    std::array<char, 64> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                         std::chars_format::scientific);
    if (ec != std::errc{})
        return "NaN";
    const std::string_view text(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
    const std::size_t e = text.find('e');
    const bool negative = text.front() == '-';
    std::string digits;
    for (char c : text.substr(negative ? 1 : 0, e - (negative ? 1 : 0))) {
        if (c != '.')
            digits.push_back(c);
    }
    const int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
    const int k = static_cast<int>(digits.size());
    const int n = exponent + 1;
    std::string out = negative ? "-" : "";
    if (k <= n && n <= 21) {
        out += digits + std::string(static_cast<std::size_t>(n - k), '0');
    } else if (0 < n && n <= 21) {
        out += digits.substr(0, static_cast<std::size_t>(n)) + '.' +
               digits.substr(static_cast<std::size_t>(n));
    } else if (-6 < n && n <= 0) {
        out += "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
    } else {
        out += digits.substr(0, 1);
        if (k > 1)
            out += '.' + digits.substr(1);
        out += (n - 1 < 0 ? "e-" : "e+") + std::to_string(std::abs(n - 1));
    }
    return out;
}

auto json_number(double value) -> nlohmann::json {
    if (!std::isfinite(value))
        return nullptr;
    constexpr double exact_limit = 9007199254740992.0;  // 2^53
    if (value == std::trunc(value) && std::fabs(value) <= exact_limit)
        return static_cast<std::int64_t>(value);
    return value;
}

auto hex_upper(ByteView bytes) -> std::string {
    constexpr std::string_view hex_digits = "0123456789ABCDEF";
    std::string text;
    text.reserve(bytes.size() * 2);
    for (const auto b : bytes) {
        text.push_back(hex_digits[b >> 4]);
        text.push_back(hex_digits[b & 0x0f]);
    }
    return text;
}

auto latin1_to_utf8(ByteView bytes) -> std::string {
    std::string text;
    text.reserve(bytes.size());
    for (const auto b : bytes) {
        if (b < 0x80) {
            text.push_back(static_cast<char>(b));
        } else {
            text.push_back(static_cast<char>(0xC0 | (b >> 6)));
            text.push_back(static_cast<char>(0x80 | (b & 0x3F)));
        }
    }
    return text;
}

auto format_date_time_utc(std::int64_t unix_seconds) -> std::string {
    const CivilTime t = civil_from_unix_seconds(unix_seconds);
    return date_part(t) + ' ' + time_part(t);
}

auto format_iso8601_utc_without_zone(std::int64_t unix_seconds) -> std::string {
    const CivilTime t = civil_from_unix_seconds(unix_seconds);
    return date_part(t) + 'T' + time_part(t) + ".000";
}

}  // namespace hortillon::codecs
