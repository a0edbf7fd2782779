// Keyed AES contexts found again by their key: each encrypts exactly as one keyed afresh.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "lorawan/crypto/aes128_cache.hpp"

using namespace hortillon::lorawan;

namespace {
auto key_of(std::uint8_t fill) -> AesKey {
    AesKey key;
    key.bytes.fill(fill);
    key.bytes[15] = static_cast<std::uint8_t>(fill ^ 0x5a);
    return key;
}
}  // namespace

TEST_CASE("a kept AES context encrypts under its own key, also after the cache refilled") {
    Aes128Cache cache(2);  // the third key empties it
    const AesBlock block{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
                         0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10};
    for (int round = 0; round < 2; ++round) {
        for (std::uint8_t fill : {0x11, 0x22, 0x33, 0x11}) {
            const AesBlock expected = Aes128(key_of(fill)).encrypt_block(block);
            CHECK(cache.for_key(key_of(fill)).encrypt_block(block) == expected);
        }
    }
    const AesBlock first = cache.for_key(key_of(0x11)).encrypt_block(block);
    CHECK(cache.for_key(key_of(0x22)).encrypt_block(block) != first);
    // Kept contexts only encrypt (a data frame's keystream); decrypting is refused, not wrong.
    CHECK_THROWS_AS(cache.for_key(key_of(0x11)).decrypt_block(block), std::logic_error);
}
