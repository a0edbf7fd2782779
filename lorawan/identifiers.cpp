#include "lorawan/identifiers.hpp"

#include <algorithm>
#include <string_view>

namespace hortillon::lorawan {

namespace {
// Parses exactly `digits` hex digits into an unsigned integer.
auto parse_hex_number(std::string_view text, std::size_t digits) -> std::optional<std::uint64_t> {
    if (text.size() != digits)
        return std::nullopt;
    auto bytes = from_hex(text);
    if (!bytes)
        return std::nullopt;
    std::uint64_t value = 0;
    for (auto b : *bytes)
        value = (value << 8) | b;
    return value;
}

// The lowest `digits` hex digits of `value`, most significant first, lowercase.
template <std::size_t digits>
auto hex_digits_of(std::uint64_t value) -> std::array<char, digits> {
    std::array<char, digits> text{};
    for (std::size_t i = 0; i < digits; ++i)
        text[digits - 1 - i] = lowercase_hex_digits[(value >> (4 * i)) & 0x0f];
    return text;
}

template <std::size_t digits>
auto to_hex_number(std::uint64_t value) -> std::string {
    const auto text = hex_digits_of<digits>(value);
    return {text.data(), text.size()};
}
}  // namespace

auto Eui64::from_le_bytes(ByteView eight) -> Eui64 {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < 8; ++i)
        value |= static_cast<std::uint64_t>(eight[i]) << (8 * i);
    return Eui64{value};
}

auto Eui64::from_be_bytes(ByteView eight) -> Eui64 {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < 8; ++i)
        value = (value << 8) | eight[i];
    return Eui64{value};
}

auto Eui64::parse(std::string_view text) -> std::optional<Eui64> {
    auto value = parse_hex_number(text, 16);
    if (!value)
        return std::nullopt;
    return Eui64{*value};
}

auto Eui64::to_le_bytes() const -> std::array<std::uint8_t, 8> {
    std::array<std::uint8_t, 8> out{};
    for (std::size_t i = 0; i < 8; ++i)
        out[i] = static_cast<std::uint8_t>(value >> (8 * i));
    return out;
}

auto Eui64::to_be_bytes() const -> std::array<std::uint8_t, 8> {
    auto out = to_le_bytes();
    std::reverse(out.begin(), out.end());
    return out;
}

auto Eui64::to_text() const -> EuiText {
    return EuiText{hex_digits_of<16>(value)};
}

auto Eui64::to_string() const -> std::string {
    return to_hex_number<16>(value);
}

auto DevAddr::parse(std::string_view text) -> std::optional<DevAddr> {
    auto value = parse_hex_number(text, 8);
    if (!value)
        return std::nullopt;
    return DevAddr{static_cast<std::uint32_t>(*value)};
}

auto DevAddr::to_le_bytes() const -> std::array<std::uint8_t, 4> {
    return {static_cast<std::uint8_t>(value), static_cast<std::uint8_t>(value >> 8),
            static_cast<std::uint8_t>(value >> 16), static_cast<std::uint8_t>(value >> 24)};
}

auto DevAddr::to_string() const -> std::string {
    return to_hex_number<8>(value);
}

auto NetId::parse(std::string_view text) -> std::optional<NetId> {
    auto value = parse_hex_number(text, 6);
    if (!value)
        return std::nullopt;
    return NetId{static_cast<std::uint32_t>(*value)};
}

auto NetId::to_le_bytes() const -> std::array<std::uint8_t, 3> {
    return {static_cast<std::uint8_t>(value), static_cast<std::uint8_t>(value >> 8),
            static_cast<std::uint8_t>(value >> 16)};
}

auto NetId::to_string() const -> std::string {
    return to_hex_number<6>(value);
}

auto AesKey::parse(std::string_view text) -> std::optional<AesKey> {
    if (text.size() != 32)
        return std::nullopt;
    auto bytes = from_hex(text);
    if (!bytes)
        return std::nullopt;
    return from_bytes(*bytes);
}

auto AesKey::from_bytes(ByteView sixteen) -> AesKey {
    AesKey key;
    std::copy_n(sixteen.begin(), key.bytes.size(), key.bytes.begin());
    return key;
}

auto AesKey::to_hex_secret() const -> std::string {
    return to_hex(bytes);
}

}  // namespace hortillon::lorawan
