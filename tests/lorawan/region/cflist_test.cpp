// CFList types 0 and 1: byte vectors both ways, then every error.

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <variant>

#include "lorawan/bytes.hpp"
#include "lorawan/region/cflist.hpp"

using namespace hortillon::lorawan;
using namespace hortillon::lorawan::region;

namespace {

auto hex(const CfList& cflist) -> std::string {
    return to_hex(cflist);
}

constexpr std::array<std::uint32_t, 5> eu868_extra{867'100'000, 867'300'000, 867'500'000,
                                                   867'700'000, 867'900'000};

}  // namespace

TEST_CASE("EU868 type 0 CFList 867.1..867.9 MHz round-trips") {
    // From the rust-lorawan join-accept vector with CFList.
    const std::string_view vector = "184f84e85684b85e84886684586e8400";
    const auto built = build_cflist(eu868, eu868_extra);
    REQUIRE(built);
    CHECK(hex(*built) == vector);

    const auto bytes = from_hex(vector);
    REQUIRE(bytes);
    const auto parsed = parse_cflist(eu868, *bytes);
    REQUIRE(parsed);
    REQUIRE(std::holds_alternative<CfListFrequencies>(*parsed));
    CHECK(std::get<CfListFrequencies>(*parsed).frequencies_hz == eu868_extra);
}

TEST_CASE("type 0 CFList with fewer channels pads with zero frequencies") {
    const std::array<std::uint32_t, 2> two{922'000'000, 922'200'000};
    const auto built = build_cflist(as923_1, two);
    REQUIRE(built);
    // 922.0 MHz = 9220000 = 0x8CAFA0, 922.2 MHz = 9222000 = 0x8CB770, LE24 each.
    CHECK(hex(*built) == "a0af8c70b78c00000000000000000000");
    const auto parsed = parse_cflist(as923_1, *built);
    REQUIRE(parsed);
    const auto& frequencies = std::get<CfListFrequencies>(*parsed).frequencies_hz;
    CHECK(frequencies == std::array<std::uint32_t, 5>{922'000'000, 922'200'000, 0, 0, 0});
    CHECK(hex(*build_cflist(eu868, std::span<const std::uint32_t>{})) ==
          "00000000000000000000000000000000");
}

TEST_CASE("US915 type 1 CFList for FSB2 (channels 8..15 and 65)") {
    ChannelMask fsb2;
    for (std::size_t channel = 8; channel < 16; ++channel) {
        fsb2.set(channel);
    }
    fsb2.set(65);
    const auto built = build_cflist(us915, fsb2);
    REQUIRE(built);
    CHECK(hex(*built) == "00ff0000000000000200000000000001");
    const auto parsed = parse_cflist(us915, *built);
    REQUIRE(parsed);
    REQUIRE(std::holds_alternative<ChannelMask>(*parsed));
    CHECK(std::get<ChannelMask>(*parsed) == fsb2);
}

TEST_CASE("US915 type 1 CFList with all 72 channels") {
    ChannelMask all;
    for (std::size_t channel = 0; channel < 72; ++channel) {
        all.set(channel);
    }
    const auto built = build_cflist(us915, all);
    REQUIRE(built);
    CHECK(hex(*built) == "ffffffffffffffffff00000000000001");
    CHECK(std::get<ChannelMask>(*parse_cflist(us915, *built)) == all);
}

TEST_CASE("building a CFList of the wrong type for the region is refused") {
    CHECK(build_cflist(us915, eu868_extra).error() == RegionError::cflist_not_supported);
    CHECK(build_cflist(eu868, ChannelMask{}).error() == RegionError::cflist_not_supported);
}

TEST_CASE("type 0 CFList build errors") {
    const std::array<std::uint32_t, 6> six{867'100'000, 867'300'000, 867'500'000,
                                           867'700'000, 867'900'000, 868'800'000};
    CHECK(build_cflist(eu868, six).error() == RegionError::too_many_cflist_channels);
    const std::array<std::uint32_t, 1> odd{867'100'050};
    CHECK(build_cflist(eu868, odd).error() == RegionError::frequency_not_encodable);
    const std::array<std::uint32_t, 1> huge{1'700'000'000};
    CHECK(build_cflist(eu868, huge).error() == RegionError::frequency_not_encodable);
    const std::array<std::uint32_t, 1> us{903'000'000};
    CHECK(build_cflist(eu868, us).error() == RegionError::frequency_outside_plan);
}

TEST_CASE("type 1 CFList with a channel beyond the plan is refused") {
    ChannelMask mask;
    mask.set(72);
    CHECK(build_cflist(us915, mask).error() == RegionError::channel_out_of_range);
}

TEST_CASE("CFList parse errors") {
    const auto good = *from_hex("184f84e85684b85e84886684586e8400");
    for (std::size_t length = 0; length < good.size(); ++length) {
        CHECK(parse_cflist(eu868, ByteView{good}.first(length)).error() ==
              RegionError::wrong_cflist_size);
    }
    Bytes longer = good;
    longer.push_back(0);
    CHECK(parse_cflist(eu868, longer).error() == RegionError::wrong_cflist_size);

    Bytes type2 = good;
    type2[15] = 0x02;
    CHECK(parse_cflist(eu868, type2).error() == RegionError::unknown_cflist_type);
    CHECK(parse_cflist(us915, good).error() == RegionError::cflist_not_supported);

    // 902.3 MHz (9023000 = 0x89AE18) is not in EU868.
    const auto us_frequency = *from_hex("18ae8900000000000000000000000000");
    CHECK(parse_cflist(eu868, us_frequency).error() == RegionError::frequency_outside_plan);

    auto rfu_bit = *from_hex("00000000000000000000010000000001");  // channel 80
    CHECK(parse_cflist(us915, rfu_bit).error() == RegionError::channel_out_of_range);
    auto bit_72 = *from_hex("00000000000000000001000000000001");  // channel 72
    CHECK(parse_cflist(us915, bit_72).error() == RegionError::channel_out_of_range);
}
