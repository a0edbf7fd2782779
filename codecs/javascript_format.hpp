#pragma once
// Number and text formatting with the exact semantics of the JavaScript the vendors' codecs are
// written in, so that a native codec produces the same doubles and strings:
// Number.prototype.toFixed, Number.prototype.toString, JSON's number rendering, and the Date
// formatting the codecs build by hand.

#include <cstdint>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "codecs/payload_reader.hpp"

namespace hortillon::codecs {

// `value.toFixed(digits)` (ECMA-262 Number.prototype.toFixed): rounds the exact binary value
// half away from zero, "-" for any negative value (so (-0.01).toFixed(1) is "-0.0"), and falls
// back to toString for |value| >= 1e21. digits in [0, 100].
auto javascript_to_fixed(double value, int digits) -> std::string;

// `parseFloat(value.toFixed(digits))`, the vendors' usual way of rounding.
auto to_fixed_number(double value, int digits) -> double;

// `String(value)`: the shortest round-trip digits, exponent form outside [1e-7, 1e21).
auto javascript_number_to_string(double value) -> std::string;

// A JSON number the way JSON.stringify writes a JavaScript number: integral values in the
// exactly representable range become integers, -0 becomes 0, NaN and infinities become null.
auto json_number(double value) -> nlohmann::json;

// Upper-case hex, no separators ("040B01").
auto hex_upper(ByteView bytes) -> std::string;

// String.fromCharCode for each byte (Latin-1), encoded as UTF-8.
auto latin1_to_utf8(ByteView bytes) -> std::string;

// "YYYY-MM-DD hh:mm:ss" in UTC for seconds since the Unix epoch (may be negative).
auto format_date_time_utc(std::int64_t unix_seconds) -> std::string;

// Date.prototype.toJSON without the trailing "Z": "YYYY-MM-DDThh:mm:ss.000".
auto format_iso8601_utc_without_zone(std::int64_t unix_seconds) -> std::string;

}  // namespace hortillon::codecs
