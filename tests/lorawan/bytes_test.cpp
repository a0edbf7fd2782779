#include <catch2/catch.hpp>

#include "lorawan/bytes.hpp"
#include "lorawan/identifiers.hpp"

using namespace hortillon::lorawan;

TEST_CASE("hex round trip and refusals") {
    auto bytes = from_hex("00ABff10");
    REQUIRE(bytes);
    CHECK(*bytes == Bytes{0x00, 0xab, 0xff, 0x10});
    CHECK(to_hex(*bytes) == "00abff10");
    CHECK_FALSE(from_hex("abc"));
    CHECK_FALSE(from_hex("zz"));
    CHECK(from_hex("")->empty());
}

TEST_CASE("little-endian readers and writers agree") {
    Bytes out;
    append_u16_le(out, 0x1234);
    append_u24_le(out, 0x567890);
    append_u32_le(out, 0xdeadbeef);
    CHECK(to_hex(out) == "3412907856efbeadde");
    CHECK(read_u16_le(out, 0) == 0x1234);
    CHECK(read_u24_le(out, 2) == 0x567890);
    CHECK(read_u32_le(out, 5) == 0xdeadbeef);
}

TEST_CASE("EUIs and DevAddrs print big-endian and travel little-endian") {
    auto eui = Eui64::parse("0102030405060708");
    REQUIRE(eui);
    CHECK(to_hex(eui->to_le_bytes()) == "0807060504030201");
    CHECK(Eui64::from_le_bytes(eui->to_le_bytes()) == *eui);
    CHECK(Eui64::parse("AA555A0000000000")->to_string() == "aa555a0000000000");
    CHECK(Eui64{0xfedcba9876543210}.to_text().view() == "fedcba9876543210");
    CHECK(Eui64{0x0102}.to_string() == "0000000000000102");
    CHECK_FALSE(Eui64::parse("01020304050607"));
    CHECK_FALSE(Eui64::parse("010203040506070g"));

    auto addr = DevAddr::parse("01020304");
    REQUIRE(addr);
    CHECK(to_hex(addr->to_le_bytes()) == "04030201");
    CHECK(DevAddr::from_le_bytes(addr->to_le_bytes()) == *addr);
    CHECK(addr->to_string() == "01020304");
    CHECK(DevAddr{0xfe00ab}.to_string() == "00fe00ab");
    CHECK_FALSE(DevAddr::parse("0102030"));

    auto net_id = NetId::parse("60000D");
    REQUIRE(net_id);
    CHECK(net_id->type() == 3);
    CHECK(net_id->to_string() == "60000d");

    auto key = AesKey::parse("000102030405060708090A0B0C0D0E0F");
    REQUIRE(key);
    CHECK(key->to_hex_secret() == "000102030405060708090a0b0c0d0e0f");
    CHECK_FALSE(AesKey::parse("0001"));
}

TEST_CASE("a UUID v4 from random bytes has its version and variant bits, in 8-4-4-4-12") {
    std::array<std::uint8_t, 16> all_ones{};
    all_ones.fill(0xff);
    CHECK(uuid_v4_text(all_ones) == "ffffffff-ffff-4fff-bfff-ffffffffffff");
    CHECK(uuid_v4_text(std::array<std::uint8_t, 16>{}) == "00000000-0000-4000-8000-000000000000");
    CHECK(uuid_v4_text({0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x01, 0x23, 0x45, 0x67,
                        0x89, 0xab, 0xcd, 0xef}) == "01234567-89ab-4def-8123-456789abcdef");
}
