#pragma once
// Checked access to the fields of one parsed JSON object, for the decoders of this folder only.
//
// Reading never throws. Absent and `null` fields read as nullopt (real gateways send
// `"ackr":null`). A field of the wrong JSON type or out of range for its C++ type records
// bad_field, a missing required one records missing_field; the first recorded error is kept
// and later reads return empty values, so a decoder reads all its fields and checks `error()`
// once. Integers may arrive as integral floating-point numbers ("rssi":-58.0).

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <type_traits>

#include "gateway-bridge/datagram_error.hpp"
#include "gateway-bridge/json_document.hpp"
#include "lorawan/bytes.hpp"
#include "lorawan/result.hpp"

namespace hortillon::gateway_bridge {

// Parses a JSON body after removing trailing NUL bytes (some forwarders terminate the datagram
// with one). bad_json unless the result is a JSON object.
auto parse_json_object(lorawan::ByteView body) -> Result<JsonDocument, DatagramError>;

class FieldReader {
  public:
    // `object` must be a JSON object.
    explicit FieldReader(JsonValue object) : object_(object) {}

    // The field if present and not null, else nullopt.
    [[nodiscard]] auto member(std::string_view key) const -> std::optional<JsonValue>;
    [[nodiscard]] auto has(std::string_view key) const -> bool { return member(key).has_value(); }
    [[nodiscard]] auto is_string(std::string_view key) const -> bool;

    auto optional_integer(std::string_view key, std::int64_t min, std::int64_t max)
        -> std::optional<std::int64_t>;
    auto optional_number(std::string_view key) -> std::optional<double>;
    // Strings are views into the parsed document.
    auto optional_string(std::string_view key) -> std::optional<std::string_view>;
    auto optional_bool(std::string_view key) -> std::optional<bool>;

    template <class Integer>
    auto optional_int(std::string_view key) -> std::optional<Integer> {
        static_assert(sizeof(Integer) < sizeof(std::int64_t) || std::is_signed_v<Integer>,
                      "the range must fit in std::int64_t");
        auto value =
            optional_integer(key, std::numeric_limits<Integer>::min(),
                             static_cast<std::int64_t>(std::numeric_limits<Integer>::max()));
        if (!value)
            return std::nullopt;
        return static_cast<Integer>(*value);
    }
    template <class Integer>
    auto required_int(std::string_view key) -> Integer {
        return require(key, optional_int<Integer>(key)).value_or(Integer{});
    }
    auto required_number(std::string_view key) -> double;
    auto required_string(std::string_view key) -> std::string_view;

    // Records `error` unless an earlier one is recorded.
    void fail(DatagramError error);
    [[nodiscard]] auto error() const -> std::optional<DatagramError> { return error_; }

  private:
    // Records missing_field when the read found nothing and recorded no other error.
    template <class T>
    auto require(std::string_view key, std::optional<T> value) -> std::optional<T> {
        if (!value && !error_ && !has(key))
            fail(DatagramError::missing_field);
        return value;
    }

    JsonValue object_;
    std::optional<DatagramError> error_;
};

}  // namespace hortillon::gateway_bridge
