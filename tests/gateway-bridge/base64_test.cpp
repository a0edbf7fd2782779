#include <catch2/catch.hpp>

#include "gateway-bridge/base64.hpp"

using namespace hortillon::gateway_bridge;
using hortillon::lorawan::Bytes;

namespace {
auto bytes(std::string_view text) -> Bytes {
    return Bytes(text.begin(), text.end());
}
}  // namespace

TEST_CASE("base64: RFC 4648 section 10 vectors, padded on output") {
    const std::pair<const char*, const char*> vectors[] = {
        {"", ""},
        {"f", "Zg=="},
        {"fo", "Zm8="},
        {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="},
        {"fooba", "Zm9vYmE="},
        {"foobar", "Zm9vYmFy"},
    };
    for (auto [plain, encoded] : vectors) {
        INFO(plain);
        CHECK(encode_base64(bytes(plain)) == encoded);
        CHECK(decode_base64(encoded) == bytes(plain));
    }
}

TEST_CASE("base64: missing padding accepted, anything else refused") {
    CHECK(decode_base64("Zg") == bytes("f"));
    CHECK(decode_base64("Zm8") == bytes("fo"));
    CHECK(decode_base64("Zm8=") == bytes("fo"));
    // The protocol document's own example: 43 characters, 32 bytes.
    CHECK(decode_base64("ysgRl452xNLep9S1NTIg2lomKDxUgn3DJ7DE+b00Ass")->size() == 32);
    CHECK_FALSE(decode_base64("-DS4CGaDCdG+48eJNM3Vai-zDpsR71Pn9CPA9uCON84"));  // '-' is URL-safe
    CHECK_FALSE(decode_base64("Zm9v_mFy"));
    CHECK_FALSE(decode_base64("Z"));             // no encoding has this length
    CHECK(decode_base64("Zh==") == bytes("f"));  // non-zero unused bits are ignored
    CHECK(decode_base64("Zm9=") == bytes("fo"));
    CHECK(decode_base64("Zm9") == bytes("fo"));
    CHECK_FALSE(decode_base64("===="));
    CHECK_FALSE(decode_base64("Zg=a"));
    CHECK_FALSE(decode_base64("Zg==Zg=="));  // data after the padding
    CHECK_FALSE(decode_base64("Zm 9v"));
    CHECK_FALSE(decode_base64(std::string_view{"Zm\0v", 4}));
    CHECK_FALSE(decode_base64("Zm9v===="));  // a quantum of padding only
    CHECK_FALSE(decode_base64("Zm=vZm9v"));  // padding inside an early quantum
    CHECK_FALSE(decode_base64("Zm9vZ"));
    CHECK(decode_base64("Zm9vYmFyZm9vYmE") == bytes("foobarfooba"));  // several quanta, unpadded
    CHECK(decode_base64("Zm9vYmFyZm9vYh") == bytes("foobarfoob"));
}
