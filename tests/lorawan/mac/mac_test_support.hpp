#pragma once
// Test helpers for the MAC command codecs: readable failure messages and hex input.

#include <catch2/catch.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/mac_commands.hpp"

namespace hortillon::lorawan::mac_test {

// Hex text to bytes; a malformed literal fails the test that uses it.
inline auto bytes_of(std::string_view hex) -> Bytes {
    auto bytes = from_hex(hex);
    REQUIRE(bytes);
    return *bytes;
}

// The wire form of one command, as lowercase hex.
inline auto hex_of(const MacCommand& command) -> std::string {
    return to_hex(encode_mac_commands(std::span<const MacCommand>(&command, 1)));
}

inline auto direction_name(Direction direction) -> std::string_view {
    return direction == Direction::uplink ? "uplink" : "downlink";
}

}  // namespace hortillon::lorawan::mac_test

namespace Catch {

template <>
struct StringMaker<hortillon::lorawan::MacCommand> {
    static auto convert(const hortillon::lorawan::MacCommand& command) -> std::string {
        return std::string(hortillon::lorawan::mac_command_name(command)) + " " +
               hortillon::lorawan::mac_test::hex_of(command);
    }
};

template <>
struct StringMaker<hortillon::lorawan::MacError> {
    static auto convert(hortillon::lorawan::MacError error) -> std::string {
        return std::string(hortillon::lorawan::describe(error));
    }
};

template <>
struct StringMaker<std::optional<hortillon::lorawan::MacError>> {
    static auto convert(const std::optional<hortillon::lorawan::MacError>& error) -> std::string {
        return error ? std::string(hortillon::lorawan::describe(*error)) : "no error";
    }
};

}  // namespace Catch
