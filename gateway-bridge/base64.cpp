#include "gateway-bridge/base64.hpp"

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

// Clears the unused low bits of the last character before the padding (the protocol document's
// own txpk example ends in "...p8v", whose last two bits are set). RFC 4648 section 3.5 lets a
// decoder accept such non-canonical encodings; libsodium refuses them, so canonicalise first.
void clear_trailing_bits(std::string& padded) {
    auto padding = padded.size() - padded.find_last_not_of('=') - 1;
    if (padding == 0 || padding > 2 || padding == padded.size())
        return;
    auto& last = padded[padded.size() - padding - 1];
    auto index = alphabet.find(last);
    if (index == std::string_view::npos)
        return;  // libsodium reports the bad character
    auto unused_mask = padding == 1 ? 0x03U : 0x0fU;
    last = alphabet[index & ~unused_mask];
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
    // Complete missing padding and canonicalise the trailing bits, then let libsodium check the
    // alphabet and the padding strictly.
    std::string padded{text};
    if (padded.size() % 4 == 1)
        return std::nullopt;
    while (padded.size() % 4 != 0)
        padded.push_back('=');
    clear_trailing_bits(padded);

    lorawan::Bytes out(padded.size() / 4 * 3);
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), padded.data(), padded.size(), nullptr, &length,
                          &end, variant) != 0 ||
        end != padded.data() + padded.size()) {
        return std::nullopt;
    }
    out.resize(length);
    return out;
}

}  // namespace hortillon::gateway_bridge
