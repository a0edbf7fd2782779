#pragma once
// Why the gateway bridge refused a datagram, or one packet inside it. Every value has one row in
// a single table (datagram_error.cpp) giving its log message, its counter name and a hint for the
// operator, so that each drop produces exactly one log line and one counter increment.

#include <cstdint>
#include <span>
#include <string_view>

namespace hortillon::gateway_bridge {

enum class DatagramError : std::uint8_t {
    too_short,              // shorter than its identifier requires (4, 12 or 13 bytes)
    unsupported_version,    // byte 0 is neither 2 nor 1
    unknown_identifier,     // byte 3 is not 0..5
    unexpected_identifier,  // a valid identifier where another one was required
    bad_json,               // the body is not a JSON object
    bad_base64,             // `data` (or `etime`) is not base64
    missing_field,          // a mandatory JSON field is absent or null
    bad_field,              // a JSON field has the wrong type or is out of range
    bad_data_rate,          // `modu`/`datr`/`codr` do not describe a known modulation
    bad_time,               // `time` is not an ISO 8601 UTC time
    size_mismatch,          // `size` differs from the length of the decoded `data`
    crc_bad,                // rxpk `stat` -1: the radio CRC failed
    crc_absent,             // rxpk `stat` 0: the packet had no CRC
};

struct DatagramErrorInfo {
    DatagramError error;
    std::string_view name;     // the enumerator, for tests and structured logs
    std::string_view counter;  // metric name, e.g. "gw_datagram_bad_json"
    std::string_view message;  // one log line
    std::string_view hint;     // what the operator can check
};

// Every row, in enumerator order.
auto datagram_errors() -> std::span<const DatagramErrorInfo>;

auto describe(DatagramError error) -> std::string_view;
auto counter_name(DatagramError error) -> std::string_view;
auto operator_hint(DatagramError error) -> std::string_view;

}  // namespace hortillon::gateway_bridge
