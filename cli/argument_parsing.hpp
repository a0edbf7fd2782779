#pragma once
// Parsing of command-line values (and CSV fields, which use the same forms), with messages that
// name the option and the expected form: "--dev-eui: expected 16 hex digits, got 'xyz'".
//
// EUIs, DevAddrs and keys are big-endian hex as printed, any case in, lowercase out. A bad key is
// never echoed back: the message gives its length or the position of the bad character, since
// a mistyped key is still mostly a key.

#include <chrono>
#include <string>
#include <string_view>

#include "lorawan/identifiers.hpp"
#include "lorawan/mac_version.hpp"
#include "lorawan/result.hpp"
#include "storage/dev_addr_prefix.hpp"
#include "storage/records.hpp"

namespace hortillon::cli {

// A value the operator gave that cannot be used. At this edge the message is the product: it is
// printed as is, after "error: ", and the command exits with status 2.
struct ArgumentError {
    std::string message;
};

template <class T>
using ArgumentResult = Result<T, ArgumentError>;

// `option` is how the value is named in messages: "--dev-eui" or a CSV column "dev_eui".
auto parse_eui_argument(std::string_view option, std::string_view text)
    -> ArgumentResult<lorawan::Eui64>;
auto parse_dev_addr_argument(std::string_view option, std::string_view text)
    -> ArgumentResult<lorawan::DevAddr>;
auto parse_key_argument(std::string_view option, std::string_view text)
    -> ArgumentResult<lorawan::AesKey>;
// "26011000/20".
auto parse_dev_addr_prefix_argument(std::string_view option, std::string_view text)
    -> ArgumentResult<storage::DevAddrPrefix>;
// "LAT,LON" in degrees, latitude -90..90, longitude -180..180.
auto parse_location_argument(std::string_view option, std::string_view text)
    -> ArgumentResult<storage::GatewayLocation>;
// A region id known to lorawan/region, any case; returns its canonical spelling ("EU868").
auto parse_region_argument(std::string_view option, std::string_view text)
    -> ArgumentResult<std::string>;
auto parse_mac_version_argument(std::string_view option, std::string_view text)
    -> ArgumentResult<lorawan::MacVersion>;
// "A" or "C", any case.
auto parse_device_class_argument(std::string_view option, std::string_view text)
    -> ArgumentResult<storage::DeviceClass>;
// Whole seconds, 1..15.
auto parse_rx1_delay_argument(std::string_view option, std::string_view text)
    -> ArgumentResult<std::chrono::seconds>;
// A whole number from `min` to `max` (data rates, offsets, intervals...).
auto parse_bounded_argument(std::string_view option, std::string_view text, std::uint32_t min,
                            std::uint32_t max) -> ArgumentResult<std::uint32_t>;
// A number of dB from `min` to `max`, e.g. "10" or "7.5".
auto parse_decibel_argument(std::string_view option, std::string_view text, double min, double max)
    -> ArgumentResult<double>;
// A non-empty text.
auto require_non_empty(std::string_view option, std::string_view text)
    -> ArgumentResult<std::string>;

}  // namespace hortillon::cli
