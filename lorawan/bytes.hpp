#pragma once
// Byte helpers with the byte order in their names. LoRaWAN puts every multi-octet field on air
// little-endian; humans print EUIs and DevAddrs big-endian.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hortillon::lorawan {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// Readers take the whole span and an offset; callers check the length first.
constexpr auto read_u16_le(ByteView b, std::size_t at) -> std::uint16_t {
    return static_cast<std::uint16_t>(b[at] | (b[at + 1] << 8));
}
constexpr auto read_u24_le(ByteView b, std::size_t at) -> std::uint32_t {
    return static_cast<std::uint32_t>(b[at]) | (static_cast<std::uint32_t>(b[at + 1]) << 8) |
           (static_cast<std::uint32_t>(b[at + 2]) << 16);
}
constexpr auto read_u32_le(ByteView b, std::size_t at) -> std::uint32_t {
    return read_u24_le(b, at) | (static_cast<std::uint32_t>(b[at + 3]) << 24);
}

inline void append_u16_le(Bytes& out, std::uint16_t v) {
    out.push_back(static_cast<std::uint8_t>(v));
    out.push_back(static_cast<std::uint8_t>(v >> 8));
}
inline void append_u24_le(Bytes& out, std::uint32_t v) {
    append_u16_le(out, static_cast<std::uint16_t>(v));
    out.push_back(static_cast<std::uint8_t>(v >> 16));
}
inline void append_u32_le(Bytes& out, std::uint32_t v) {
    append_u16_le(out, static_cast<std::uint16_t>(v));
    append_u16_le(out, static_cast<std::uint16_t>(v >> 16));
}
inline void append(Bytes& out, ByteView more) {
    out.insert(out.end(), more.begin(), more.end());
}

inline constexpr std::string_view lowercase_hex_digits = "0123456789abcdef";

// Lowercase hex, no separators.
auto to_hex(ByteView bytes) -> std::string;
// Accepts upper or lower case; nullopt for odd length or a non-hex digit.
auto from_hex(std::string_view text) -> std::optional<Bytes>;

// A UUID version 4 (RFC 4122 section 4.4) from 16 random bytes: sets the version and variant
// bits and writes lowercase 8-4-4-4-12. The caller draws the bytes: this core reads no
// randomness.
auto uuid_v4_text(std::array<std::uint8_t, 16> random) -> std::string;

}  // namespace hortillon::lorawan
