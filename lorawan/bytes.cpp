#include "lorawan/bytes.hpp"

namespace hortillon::lorawan {

namespace {

auto hex_value(char c) -> int {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
}  // namespace

auto to_hex(ByteView bytes) -> std::string {
    std::string text;
    text.reserve(bytes.size() * 2);
    for (auto b : bytes) {
        text.push_back(lowercase_hex_digits[b >> 4]);
        text.push_back(lowercase_hex_digits[b & 0x0f]);
    }
    return text;
}

auto from_hex(std::string_view text) -> std::optional<Bytes> {
    if (text.size() % 2 != 0)
        return std::nullopt;
    Bytes bytes;
    bytes.reserve(text.size() / 2);
    for (std::size_t i = 0; i < text.size(); i += 2) {
        const int high = hex_value(text[i]);
        const int low = hex_value(text[i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        bytes.push_back(static_cast<std::uint8_t>((high << 4) | low));
    }
    return bytes;
}

}  // namespace hortillon::lorawan
