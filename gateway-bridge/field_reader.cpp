#include "gateway-bridge/field_reader.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

namespace hortillon::gateway_bridge {

using nlohmann::json;

namespace {

// Integral doubles up to 2^53 convert exactly; beyond that a float is not a trustworthy integer.
constexpr double max_exact_integer = 9007199254740992.0;

auto integral_value(const json& value) -> std::optional<std::int64_t> {
    if (value.is_number_unsigned()) {
        auto v = value.get<std::uint64_t>();
        if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return std::nullopt;
        }
        return static_cast<std::int64_t>(v);
    }
    if (value.is_number_integer())
        return value.get<std::int64_t>();
    if (value.is_number_float()) {
        auto v = value.get<double>();
        if (!std::isfinite(v) || std::trunc(v) != v || std::fabs(v) > max_exact_integer) {
            return std::nullopt;
        }
        return static_cast<std::int64_t>(v);
    }
    return std::nullopt;
}

}  // namespace

auto parse_json_object(lorawan::ByteView body) -> Result<json, DatagramError> {
    while (!body.empty() && body.back() == 0)
        body = body.first(body.size() - 1);
    auto parsed = json::parse(body.begin(), body.end(), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object())
        return Unexpected{DatagramError::bad_json};
    return parsed;
}

auto FieldReader::member(std::string_view key) const -> const json* {
    auto found = object_->find(key);
    if (found == object_->end() || found->is_null())
        return nullptr;
    return &*found;
}

auto FieldReader::is_string(std::string_view key) const -> bool {
    const auto* value = member(key);
    return value != nullptr && value->is_string();
}

auto FieldReader::optional_integer(std::string_view key, std::int64_t min, std::int64_t max)
    -> std::optional<std::int64_t> {
    const auto* value = member(key);
    if (error_ || value == nullptr)
        return std::nullopt;
    auto integer = integral_value(*value);
    if (!integer || *integer < min || *integer > max) {
        fail(DatagramError::bad_field);
        return std::nullopt;
    }
    return integer;
}

auto FieldReader::optional_number(std::string_view key) -> std::optional<double> {
    const auto* value = member(key);
    if (error_ || value == nullptr)
        return std::nullopt;
    if (!value->is_number() || !std::isfinite(value->get<double>())) {
        fail(DatagramError::bad_field);
        return std::nullopt;
    }
    return value->get<double>();
}

auto FieldReader::optional_string(std::string_view key) -> std::optional<std::string> {
    const auto* value = member(key);
    if (error_ || value == nullptr)
        return std::nullopt;
    if (!value->is_string()) {
        fail(DatagramError::bad_field);
        return std::nullopt;
    }
    return value->get<std::string>();
}

auto FieldReader::optional_bool(std::string_view key) -> std::optional<bool> {
    const auto* value = member(key);
    if (error_ || value == nullptr)
        return std::nullopt;
    if (!value->is_boolean()) {
        fail(DatagramError::bad_field);
        return std::nullopt;
    }
    return value->get<bool>();
}

auto FieldReader::required_number(std::string_view key) -> double {
    return require(key, optional_number(key)).value_or(0.0);
}

auto FieldReader::required_string(std::string_view key) -> std::string {
    return require(key, optional_string(key)).value_or(std::string{});
}

void FieldReader::fail(DatagramError error) {
    if (!error_)
        error_ = error;
}

}  // namespace hortillon::gateway_bridge
