#include <catch2/catch.hpp>

#include <array>

#include "codecs/payload_reader.hpp"

namespace hortillon::codecs {
namespace {

TEST_CASE("payload reader: byte order in the name", "[codecs][payload_reader]") {
    const std::array<std::uint8_t, 4> bytes{0x12, 0x34, 0x56, 0x78};
    PayloadReader reader(bytes);
    CHECK(reader.u16_be(0) == 0x1234);
    CHECK(reader.u16_le(0) == 0x3412);
    CHECK(reader.u24_be(1) == 0x345678);
    CHECK(reader.u32_be(0) == 0x12345678U);
    CHECK(reader.u32_le(0) == 0x78563412U);
    CHECK_FALSE(reader.truncated());
    CHECK(reader.needed() == 4);
}

TEST_CASE("payload reader: signed values", "[codecs][payload_reader]") {
    const std::array<std::uint8_t, 4> bytes{0xFF, 0xFE, 0x80, 0x00};
    PayloadReader reader(bytes);
    CHECK(reader.s16_be(0) == -2);
    CHECK(reader.s16_le(0) == -257);
    CHECK(reader.s32_be(0) == -98304);
}

TEST_CASE("payload reader: past the end reads 0 and records the shortfall",
          "[codecs][payload_reader]") {
    const std::array<std::uint8_t, 3> bytes{0x03, 0x82, 0x44};
    PayloadReader reader(bytes);
    CHECK(reader.u16_le(2) == 0x44);  // as the vendor JavaScript: missing byte is 0
    CHECK(reader.truncated());
    CHECK(reader.needed() == 4);
    CHECK(reader.u32_be(100) == 0);
    CHECK(reader.needed() == 104);
}

TEST_CASE("payload reader: an empty payload", "[codecs][payload_reader]") {
    PayloadReader reader({});
    CHECK(reader.u8(0) == 0);
    CHECK(reader.truncated());
    PayloadReader declared({});
    declared.require(0);
    CHECK_FALSE(declared.truncated());
}

TEST_CASE("payload cursor: take is all or nothing", "[codecs][payload_reader]") {
    const std::array<std::uint8_t, 3> bytes{1, 2, 3};
    PayloadCursor cursor(bytes);
    CHECK_FALSE(cursor.take(4).has_value());
    CHECK(cursor.offset() == 0);
    const auto first = cursor.take(2);
    REQUIRE(first.has_value());
    CHECK((*first)[1] == 2);
    CHECK(cursor.remaining() == 1);
    CHECK(cursor.take_rest().size() == 1);
    CHECK(cursor.at_end());
    CHECK(cursor.take(0).has_value());
}

TEST_CASE("payload reader: truncation message", "[codecs][payload_reader]") {
    CHECK(truncation_error("0x46 data frame", 10, 5) ==
          "truncated frame: 0x46 data frame needs 10 bytes, got 5");
}

}  // namespace
}  // namespace hortillon::codecs
