#pragma once
// Identifiers and keys. Display and parse forms are fixed here and nowhere else: EUIs, DevAddrs
// and NetIDs print as lowercase big-endian hex, as ChirpStack and TTN print them; on air they
// travel little-endian.

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lorawan/bytes.hpp"

namespace hortillon::lorawan {

// The 16 lowercase hex digits of an EUI, held inline: 16 characters are past std::string's inline
// buffer, so hot paths that only append or bind the text use this instead of to_string().
struct EuiText {
    std::array<char, 16> digits{};
    [[nodiscard]] auto view() const -> std::string_view { return {digits.data(), digits.size()}; }
};

// A 64-bit EUI (DevEUI, JoinEUI, gateway EUI). Holds the value as a number.
struct Eui64 {
    std::uint64_t value = 0;

    static auto from_le_bytes(ByteView eight) -> Eui64;
    static auto from_be_bytes(ByteView eight) -> Eui64;
    // 16 hex digits, any case.
    static auto parse(std::string_view text) -> std::optional<Eui64>;

    [[nodiscard]] auto to_le_bytes() const -> std::array<std::uint8_t, 8>;
    [[nodiscard]] auto to_be_bytes() const -> std::array<std::uint8_t, 8>;
    // 16 lowercase hex digits, most significant first, without allocating.
    [[nodiscard]] auto to_text() const -> EuiText;
    [[nodiscard]] auto to_string() const -> std::string;

    auto operator<=>(const Eui64&) const = default;
};

// A device address, printed big-endian (01020304 is 04 03 02 01 on air).
struct DevAddr {
    std::uint32_t value = 0;

    static auto from_le_bytes(ByteView four) -> DevAddr { return DevAddr{read_u32_le(four, 0)}; }
    // 8 hex digits, any case.
    static auto parse(std::string_view text) -> std::optional<DevAddr>;

    [[nodiscard]] auto to_le_bytes() const -> std::array<std::uint8_t, 4>;
    [[nodiscard]] auto to_string() const -> std::string;

    auto operator<=>(const DevAddr&) const = default;
};

// A 24-bit network identifier.
struct NetId {
    std::uint32_t value = 0;

    static auto from_le_bytes(ByteView three) -> NetId { return NetId{read_u24_le(three, 0)}; }
    // 6 hex digits, any case.
    static auto parse(std::string_view text) -> std::optional<NetId>;

    [[nodiscard]] auto to_le_bytes() const -> std::array<std::uint8_t, 3>;
    [[nodiscard]] auto to_string() const -> std::string;
    // NetID type, bits 23..21.
    [[nodiscard]] auto type() const -> unsigned { return (value >> 21) & 0x07; }

    auto operator<=>(const NetId&) const = default;
};

// A join-request counter (1.0.4 and 1.1) or random value (older), 16 bits on air.
struct DevNonce {
    std::uint16_t value = 0;
    auto operator<=>(const DevNonce&) const = default;
};

// JoinNonce (AppNonce before 1.1): 24 bits on air.
struct JoinNonce {
    std::uint32_t value = 0;
    auto operator<=>(const JoinNonce&) const = default;
};

// An AES-128 key. It has no stream operator and no formatter on purpose: keys never reach a log.
struct AesKey {
    std::array<std::uint8_t, 16> bytes{};

    // 32 hex digits, any case.
    static auto parse(std::string_view text) -> std::optional<AesKey>;
    static auto from_bytes(ByteView sixteen) -> AesKey;
    // Hex for storage and the operator's own `device show`; never for logs.
    [[nodiscard]] auto to_hex_secret() const -> std::string;

    auto operator==(const AesKey&) const -> bool = default;
};

// A 4-byte message integrity code. Compare MICs with `mic_equal` (constant time), never `==`.
using Mic = std::array<std::uint8_t, 4>;

}  // namespace hortillon::lorawan
