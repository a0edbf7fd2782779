#include "gateway-bridge/base64.hpp"

#include <array>

#include <sodium.h>

namespace hortillon::gateway_bridge {

namespace {

// sodium_init is idempotent and thread-safe; the base64 helpers need no other set-up.
void ensure_sodium() {
    [[maybe_unused]] static const int initialised = sodium_init();
}

constexpr int variant = sodium_base64_VARIANT_ORIGINAL;
constexpr std::string_view alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Clears the unused low bits of the last character before the padding of the final quantum
// (the protocol document's own txpk example ends in "...p8v", whose last two bits are set).
// RFC 4648 section 3.5 lets a decoder accept such non-canonical encodings; libsodium refuses
// them, so canonicalise first.
void clear_trailing_bits(std::array<char, 4>& quantum) {
    std::size_t padding = 0;
    while (padding < quantum.size() && quantum[quantum.size() - 1 - padding] == '=')
        ++padding;
    if (padding == 0 || padding > 2)
        return;
    auto& last = quantum[quantum.size() - padding - 1];
    auto index = alphabet.find(last);
    if (index == std::string_view::npos)
        return;  // libsodium reports the bad character
    auto unused_mask = padding == 1 ? 0x03U : 0x0fU;
    last = alphabet[index & ~unused_mask];
}

// Strict libsodium decoding of all of `text` into `out`; the decoded length, or nullopt.
auto decode_strictly(std::string_view text, int variant_used, std::uint8_t* out,
                     std::size_t capacity) -> std::optional<std::size_t> {
    std::size_t length = 0;
    if (sodium_base642bin(out, capacity, text.data(), text.size(), nullptr, &length, nullptr,
                          variant_used) != 0) {
        return std::nullopt;
    }
    return length;
}

}  // namespace

auto encode_base64(lorawan::ByteView bytes) -> std::string {
    ensure_sodium();
    std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), variant);
    out.resize(out.size() - 1);  // the encoded length counts the terminating NUL
    return out;
}

auto decode_base64(std::string_view text) -> std::optional<lorawan::Bytes> {
    ensure_sodium();
    if (text.size() % 4 == 1)
        return std::nullopt;
    if (text.empty())
        return lorawan::Bytes{};
    // All quanta but the last hold four alphabet characters: libsodium decodes them in place,
    // refusing any padding. The last one, completed with its missing padding and canonicalised
    // in a local copy, is decoded with strict padding.
    auto head_size = (text.size() - 1) / 4 * 4;
    std::array<char, 4> last{'=', '=', '=', '='};
    text.copy(last.data(), text.size() - head_size, head_size);
    clear_trailing_bits(last);

    lorawan::Bytes out((head_size / 4 + 1) * 3);
    auto head = decode_strictly(text.substr(0, head_size),
                                sodium_base64_VARIANT_ORIGINAL_NO_PADDING, out.data(), out.size());
    if (!head)
        return std::nullopt;
    auto tail = decode_strictly({last.data(), last.size()}, variant, out.data() + *head,
                                out.size() - *head);
    if (!tail)
        return std::nullopt;
    out.resize(*head + *tail);
    return out;
}

}  // namespace hortillon::gateway_bridge
