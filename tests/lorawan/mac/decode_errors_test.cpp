// Kinds (b) and (c): every named reason decoding stops, and a truncation loop over valid runs.
// Bad cases first, as they are what reaches a network server from a broken device.

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <set>
#include <vector>

#include "mac_test_support.hpp"

using namespace hortillon::lorawan;
using hortillon::lorawan::mac_test::bytes_of;

namespace {

auto decode_hex(std::string_view hex, Direction direction) -> MacCommands {
    return decode_mac_commands(bytes_of(hex), direction);
}

}  // namespace

TEST_CASE("an unknown CID stops parsing and keeps the rest raw") {
    const auto decoded = decode_hex("02000305", Direction::uplink);
    CHECK(decoded.stopped_by == MacError::unknown_cid);
    REQUIRE(decoded.commands.size() == 1);
    CHECK(std::holds_alternative<LinkCheckReq>(decoded.commands[0]));
    CHECK(to_hex(decoded.unparsed) == "000305");

    const std::array<std::uint8_t, 5> never_defined{0x00, 0x14, 0x1f, 0x21, 0x7f};
    for (const std::uint8_t cid : never_defined) {
        for (const auto direction : {Direction::uplink, Direction::downlink}) {
            INFO("cid " << int{cid});
            const Bytes bytes{cid, 0x01, 0x02};
            const auto result = decode_mac_commands(bytes, direction);
            CHECK(result.commands.empty());
            CHECK(result.stopped_by == MacError::unknown_cid);
            CHECK(result.unparsed == bytes);
        }
    }
}

TEST_CASE("a CID defined only for the other direction is RFU here") {
    // ForceRejoinReq exists only downlink; its answer is a Rejoin-request, not a MAC command.
    const auto decoded = decode_hex("0d0e251a", Direction::uplink);
    CHECK(decoded.stopped_by == MacError::rfu_in_direction);
    REQUIRE(decoded.commands.size() == 1);
    CHECK(std::holds_alternative<DeviceTimeReq>(decoded.commands[0]));
    CHECK(to_hex(decoded.unparsed) == "0e251a");

    CHECK_FALSE(decode_hex("0e251a", Direction::downlink).stopped_by);
}

TEST_CASE("a proprietary CID stops parsing because its length is unknown") {
    const auto decoded = decode_hex("0680aabb", Direction::downlink);
    CHECK(decoded.stopped_by == MacError::proprietary_cid);
    REQUIRE(decoded.commands.size() == 1);
    CHECK(std::holds_alternative<DevStatusReq>(decoded.commands[0]));
    CHECK(to_hex(decoded.unparsed) == "80aabb");

    CHECK(decode_hex("ff", Direction::uplink).stopped_by == MacError::proprietary_cid);
}

TEST_CASE("a command cut short stops parsing with truncated") {
    // DevStatusAns needs two payload bytes; only one follows its CID.
    const auto decoded = decode_hex("020673", Direction::uplink);
    CHECK(decoded.stopped_by == MacError::truncated);
    REQUIRE(decoded.commands.size() == 1);
    CHECK(std::holds_alternative<LinkCheckReq>(decoded.commands[0]));
    CHECK(to_hex(decoded.unparsed) == "0673");

    CHECK(to_hex(decode_hex("0206", Direction::uplink).unparsed) == "06");
    CHECK(decode_hex("03000100", Direction::downlink).stopped_by == MacError::truncated);
}

TEST_CASE("empty input decodes to nothing and no error") {
    const auto decoded = decode_mac_commands(ByteView{}, Direction::uplink);
    CHECK(decoded.commands.empty());
    CHECK(decoded.unparsed.empty());
    CHECK_FALSE(decoded.stopped_by);
}

TEST_CASE("each error has its own one-line description") {
    std::set<std::string_view> seen;
    for (const auto error : {MacError::unknown_cid, MacError::rfu_in_direction,
                             MacError::proprietary_cid, MacError::truncated}) {
        const auto text = describe(error);
        CHECK_FALSE(text.empty());
        CHECK(text.find('\n') == std::string_view::npos);
        seen.insert(text);
    }
    CHECK(seen.size() == 4);
}

TEST_CASE("every prefix of a valid run decodes, and reports truncated exactly at a cut") {
    const std::vector<std::pair<Direction, std::string_view>> runs{
        {Direction::uplink, "0203050673070b011007120d0f012002"},
        {Direction::downlink, "03000100510300ff00010513d2ad840db0ade843800e251a11d2ad840306"},
    };
    for (const auto& [direction, hex] : runs) {
        const auto bytes = bytes_of(hex);
        const auto whole = decode_mac_commands(bytes, direction);
        REQUIRE_FALSE(whole.stopped_by);

        // Offsets where a command ends; a prefix of any other length cuts a command.
        std::set<std::size_t> boundaries{0};
        std::size_t end = 0;
        for (const auto& command : whole.commands) {
            end += encoded_size(command);
            boundaries.insert(end);
        }
        REQUIRE(end == bytes.size());

        for (std::size_t length = 0; length <= bytes.size(); ++length) {
            INFO("prefix of " << length << " bytes of " << hex);
            const auto prefix = ByteView(bytes).first(length);
            const auto decoded = decode_mac_commands(prefix, direction);
            const bool at_boundary = boundaries.count(length) == 1;
            CHECK(decoded.stopped_by.has_value() == !at_boundary);
            if (!at_boundary) {
                CHECK(decoded.stopped_by == MacError::truncated);
            }
            // What was read plus what was kept is the prefix, byte for byte.
            auto rebuilt = encode_mac_commands(decoded.commands);
            append(rebuilt, decoded.unparsed);
            CHECK(rebuilt == Bytes(prefix.begin(), prefix.end()));
        }
    }
}
