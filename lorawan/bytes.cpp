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

auto uuid_v4_text(std::array<std::uint8_t, 16> random) -> std::string {
    random[6] = static_cast<std::uint8_t>((random[6] & 0x0f) | 0x40);  // version 4
    random[8] = static_cast<std::uint8_t>((random[8] & 0x3f) | 0x80);  // variant 10xx
    std::string text;
    text.reserve(36);
    for (std::size_t i = 0; i < random.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            text.push_back('-');
        text.push_back(lowercase_hex_digits[random[i] >> 4]);
        text.push_back(lowercase_hex_digits[random[i] & 0x0f]);
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
