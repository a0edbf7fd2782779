#include "gateway-bridge/field_reader.hpp"

#include <cmath>

namespace hortillon::gateway_bridge {

namespace {

// Integral doubles up to 2^53 convert exactly; beyond that a float is not a trustworthy integer.
constexpr double max_exact_integer = 9007199254740992.0;

auto integral_value(JsonValue value) -> std::optional<std::int64_t> {
    switch (value.type()) {
        case JsonType::unsigned_integer: {
            auto v = value.as_unsigned();
            if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                return std::nullopt;
            return static_cast<std::int64_t>(v);
        }
        case JsonType::integer:
            return value.as_integer();
        case JsonType::floating: {
            auto v = value.as_floating();
            if (!std::isfinite(v) || std::trunc(v) != v || std::fabs(v) > max_exact_integer)
                return std::nullopt;
            return static_cast<std::int64_t>(v);
        }
        default:
            return std::nullopt;
    }
}

}  // namespace

auto parse_json_object(lorawan::ByteView body) -> Result<JsonDocument, DatagramError> {
    while (!body.empty() && body.back() == 0)
        body = body.first(body.size() - 1);
    auto parsed = parse_json(body);
    if (!parsed || !parsed->root().is_object())
        return Unexpected{DatagramError::bad_json};
    return std::move(*parsed);
}

auto FieldReader::member(std::string_view key) const -> std::optional<JsonValue> {
    auto found = object_.find(key);
    if (!found || found->is_null())
        return std::nullopt;
    return found;
}

auto FieldReader::is_string(std::string_view key) const -> bool {
    auto value = member(key);
    return value && value->is_string();
}

auto FieldReader::optional_integer(std::string_view key, std::int64_t min, std::int64_t max)
    -> std::optional<std::int64_t> {
    auto value = member(key);
    if (error_ || !value)
        return std::nullopt;
    auto integer = integral_value(*value);
    if (!integer || *integer < min || *integer > max) {
        fail(DatagramError::bad_field);
        return std::nullopt;
    }
    return integer;
}

auto FieldReader::optional_number(std::string_view key) -> std::optional<double> {
    auto value = member(key);
    if (error_ || !value)
        return std::nullopt;
    if (!value->is_number() || !std::isfinite(value->as_double())) {
        fail(DatagramError::bad_field);
        return std::nullopt;
    }
    return value->as_double();
}

auto FieldReader::optional_string(std::string_view key) -> std::optional<std::string_view> {
    auto value = member(key);
    if (error_ || !value)
        return std::nullopt;
    if (!value->is_string()) {
        fail(DatagramError::bad_field);
        return std::nullopt;
    }
    return value->as_string();
}

auto FieldReader::optional_bool(std::string_view key) -> std::optional<bool> {
    auto value = member(key);
    if (error_ || !value)
        return std::nullopt;
    if (!value->is_boolean()) {
        fail(DatagramError::bad_field);
        return std::nullopt;
    }
    return value->as_bool();
}

auto FieldReader::required_number(std::string_view key) -> double {
    return require(key, optional_number(key)).value_or(0.0);
}

auto FieldReader::required_string(std::string_view key) -> std::string_view {
    return require(key, optional_string(key)).value_or(std::string_view{});
}

void FieldReader::fail(DatagramError error) {
    if (!error_)
        error_ = error;
}

}  // namespace hortillon::gateway_bridge
