#include "cli/argument_parsing.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <system_error>

#include "lorawan/region/region.hpp"

namespace hortillon::cli {

namespace {
auto failure(std::string_view option, std::string_view expected, std::string_view got)
    -> Unexpected<ArgumentError> {
    return Unexpected{ArgumentError{std::string(option) + ": expected " + std::string(expected) +
                                    ", got " + std::string(got)}};
}

auto quoted(std::string_view text) -> std::string {
    // Appended piece by piece: g++ 12 warns wrongly (-Wrestrict) about "'" + std::string.
    std::string result;
    result.reserve(text.size() + 2);
    result += '\'';
    result += text;
    result += '\'';
    return result;
}

auto is_hex_digit(char c) -> bool {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

auto upper(std::string_view text) -> std::string {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return result;
}

auto parse_double(std::string_view text) -> std::optional<double> {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() ||
        !std::isfinite(value))
        return std::nullopt;
    return value;
}
}  // namespace

auto parse_eui_argument(std::string_view option, std::string_view text)
    -> ArgumentResult<lorawan::Eui64> {
    if (auto eui = lorawan::Eui64::parse(text))
        return *eui;
    return failure(option, "16 hex digits", quoted(text));
}

auto parse_dev_addr_argument(std::string_view option, std::string_view text)
    -> ArgumentResult<lorawan::DevAddr> {
    if (auto address = lorawan::DevAddr::parse(text))
        return *address;
    return failure(option, "8 hex digits", quoted(text));
}

auto parse_key_argument(std::string_view option, std::string_view text)
    -> ArgumentResult<lorawan::AesKey> {
    if (auto key = lorawan::AesKey::parse(text))
        return *key;
    // Say what is wrong without repeating the (secret) text.
    if (text.size() != 32)
        return failure(option, "32 hex digits", std::to_string(text.size()) + " characters");
    const auto bad = std::find_if_not(text.begin(), text.end(), is_hex_digit);
    return failure(
        option, "32 hex digits",
        "a character that is not hex at position " + std::to_string(bad - text.begin() + 1));
}

auto parse_dev_addr_prefix_argument(std::string_view option, std::string_view text)
    -> ArgumentResult<storage::DevAddrPrefix> {
    if (auto prefix = storage::DevAddrPrefix::parse(text))
        return *prefix;
    return failure(option,
                   "HEX/BITS such as 26011000/20 (8 hex digits, a slash, 0 to 32 prefix bits, "
                   "the bits after the prefix zero)",
                   quoted(text));
}

auto parse_location_argument(std::string_view option, std::string_view text)
    -> ArgumentResult<storage::GatewayLocation> {
    const auto comma = text.find(',');
    constexpr std::string_view expected =
        "LAT,LON in decimal degrees such as 50.8503,4.3517 (latitude -90 to 90, longitude -180 "
        "to 180)";
    if (comma == std::string_view::npos)
        return failure(option, expected, quoted(text));
    const auto latitude = parse_double(text.substr(0, comma));
    const auto longitude = parse_double(text.substr(comma + 1));
    if (!latitude || !longitude || *latitude < -90 || *latitude > 90 || *longitude < -180 ||
        *longitude > 180)
        return failure(option, expected, quoted(text));
    return storage::GatewayLocation{*latitude, *longitude, std::nullopt};
}

auto parse_region_argument(std::string_view option, std::string_view text)
    -> ArgumentResult<std::string> {
    const std::string id = upper(text);
    if (lorawan::region::find_region(id) != nullptr)
        return id;
    std::string known;
    for (const std::string_view region : lorawan::region::region_ids())
        known += (known.empty() ? "" : ", ") + std::string(region);
    return failure(option, "one of " + known, quoted(text));
}

auto parse_mac_version_argument(std::string_view option, std::string_view text)
    -> ArgumentResult<lorawan::MacVersion> {
    if (auto version = lorawan::parse_mac_version(text))
        return *version;
    return failure(option, "a LoRaWAN version: 1.0.0, 1.0.1, 1.0.2, 1.0.3, 1.0.4 or 1.1.0",
                   quoted(text));
}

auto parse_device_class_argument(std::string_view option, std::string_view text)
    -> ArgumentResult<storage::DeviceClass> {
    if (auto device_class = storage::parse_device_class(text))
        return *device_class;
    return failure(option, "A or C (class B is not offered)", quoted(text));
}

auto parse_rx1_delay_argument(std::string_view option, std::string_view text)
    -> ArgumentResult<std::chrono::seconds> {
    int seconds = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() || seconds < 1 ||
        seconds > 15)
        return failure(option, "whole seconds from 1 to 15", quoted(text));
    return std::chrono::seconds{seconds};
}

auto parse_bounded_argument(std::string_view option, std::string_view text, std::uint32_t min,
                            std::uint32_t max) -> ArgumentResult<std::uint32_t> {
    std::uint32_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < min ||
        value > max) {
        return failure(option,
                       "a whole number from " + std::to_string(min) + " to " + std::to_string(max),
                       quoted(text));
    }
    return value;
}

auto parse_decibel_argument(std::string_view option, std::string_view text, double min, double max)
    -> ArgumentResult<double> {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < min ||
        value > max) {
        return failure(option,
                       "dB from " + std::to_string(static_cast<int>(min)) + " to " +
                           std::to_string(static_cast<int>(max)),
                       quoted(text));
    }
    return value;
}

auto require_non_empty(std::string_view option, std::string_view text)
    -> ArgumentResult<std::string> {
    if (text.empty())
        return Unexpected{ArgumentError{std::string(option) + ": must not be empty"}};
    return std::string(text);
}

}  // namespace hortillon::cli
