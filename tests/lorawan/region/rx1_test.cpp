// RX1 data rate and frequency for every uplink DR, offset and channel, checked against the
// tables restated from the Regional Parameters (not against the region data itself).

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>

#include "lorawan/region/region.hpp"

using namespace hortillon::lorawan::region;

namespace {

// EU868 RX1 DR table (RP002 / LoRaWAN 1.0.1 §7.1.7), rows DR0..DR11, offsets 0..5.
constexpr std::array<std::array<std::uint8_t, 6>, 12> eu868_expected{{
    {0, 0, 0, 0, 0, 0},
    {1, 0, 0, 0, 0, 0},
    {2, 1, 0, 0, 0, 0},
    {3, 2, 1, 0, 0, 0},
    {4, 3, 2, 1, 0, 0},
    {5, 4, 3, 2, 1, 0},
    {6, 5, 4, 3, 2, 1},
    {7, 6, 5, 4, 3, 2},
    {1, 0, 0, 0, 0, 0},
    {2, 1, 0, 0, 0, 0},
    {1, 0, 0, 0, 0, 0},
    {2, 1, 0, 0, 0, 0},
}};

// US915 RX1 DR table (RP 1.0.3revA Table 17 plus the RP002 LR-FHSS rows), DR0..DR6.
constexpr std::array<std::array<std::uint8_t, 4>, 7> us915_expected{{
    {10, 9, 8, 8},
    {11, 10, 9, 8},
    {12, 11, 10, 9},
    {13, 12, 11, 10},
    {13, 13, 12, 11},
    {10, 9, 8, 8},
    {11, 10, 9, 8},
}};

// AS923 (RP002-1.0.5 §3.10.7): offsets 6, 7 act as -1, -2;
// RX1 DR = min(7, max(min_dr, up - offset)), min_dr = 2 with DownlinkDwellTime = 1.
auto as923_expected(int uplink_dr, int offset, bool dwell) -> std::uint8_t {
    const int effective = offset <= 5 ? offset : 5 - offset;
    const int min_dr = dwell ? 2 : 0;
    return static_cast<std::uint8_t>(std::min(7, std::max(min_dr, uplink_dr - effective)));
}

}  // namespace

TEST_CASE("EU868 RX1 data rate for every uplink DR and offset") {
    for (std::uint8_t dr = 0; dr < eu868_expected.size(); ++dr) {
        for (std::uint8_t offset = 0; offset < 6; ++offset) {
            INFO("DR" << int(dr) << " offset " << int(offset));
            const auto rx1 = rx1_data_rate(eu868, dr, offset);
            REQUIRE(rx1);
            CHECK(*rx1 == eu868_expected[dr][offset]);
        }
        CHECK(rx1_data_rate(eu868, dr, 6).error() == RegionError::rx1_dr_offset_out_of_range);
        CHECK(rx1_data_rate(eu868, dr, 7).error() == RegionError::rx1_dr_offset_out_of_range);
    }
    CHECK(rx1_data_rate(eu868, 12, 0).error() == RegionError::unknown_data_rate);
    CHECK(rx1_data_rate(eu868, 15, 0).error() == RegionError::unknown_data_rate);
}

TEST_CASE("US915 RX1 data rate for every uplink DR and offset") {
    for (std::uint8_t dr = 0; dr < us915_expected.size(); ++dr) {
        for (std::uint8_t offset = 0; offset < 4; ++offset) {
            INFO("DR" << int(dr) << " offset " << int(offset));
            const auto rx1 = rx1_data_rate(us915, dr, offset);
            REQUIRE(rx1);
            CHECK(*rx1 == us915_expected[dr][offset]);
        }
        for (std::uint8_t offset = 4; offset < 8; ++offset) {
            CHECK(rx1_data_rate(us915, dr, offset).error() ==
                  RegionError::rx1_dr_offset_out_of_range);
        }
    }
    // DR7 is RFU and DR8..DR13 are downlink-only.
    for (std::uint8_t dr = 7; dr < 16; ++dr) {
        CHECK(rx1_data_rate(us915, dr, 0).error() == RegionError::unknown_data_rate);
    }
}

TEST_CASE("AS923 RX1 data rate for every group, uplink DR, offset and dwell setting") {
    for (const Region* region : {&as923_1, &as923_2, &as923_3, &as923_4}) {
        for (const bool dwell : {false, true}) {
            for (std::uint8_t dr = 0; dr < 8; ++dr) {
                for (std::uint8_t offset = 0; offset < 8; ++offset) {
                    INFO(region->id << " dwell " << dwell << " DR" << int(dr) << " offset "
                                    << int(offset));
                    const auto rx1 = rx1_data_rate(*region, dr, offset, dwell);
                    REQUIRE(rx1);
                    CHECK(*rx1 == as923_expected(dr, offset, dwell));
                }
            }
            CHECK(rx1_data_rate(*region, 0, 8, dwell).error() ==
                  RegionError::rx1_dr_offset_out_of_range);
            CHECK(rx1_data_rate(*region, 8, 0, dwell).error() == RegionError::unknown_data_rate);
        }
    }
    // Spot checks straight from the spec text: DR5 with offset 6 needs DR6, DR2/7 gives DR4.
    CHECK(*rx1_data_rate(as923_1, 5, 6) == 6);
    CHECK(*rx1_data_rate(as923_1, 2, 7, true) == 4);
    CHECK(*rx1_data_rate(as923_1, 5, 5, true) == 2);
}

TEST_CASE("downlink dwell flag is ignored where the region has no dwell table") {
    CHECK(*rx1_data_rate(eu868, 5, 5, true) == 0);
    CHECK(*rx1_data_rate(us915, 0, 3, true) == 8);
}

TEST_CASE("EU868 RX1 frequency equals the uplink frequency on every default channel") {
    for (const std::uint32_t frequency : {868'100'000U, 868'300'000U, 868'500'000U}) {
        const auto rx1 = rx1_frequency(eu868, frequency);
        REQUIRE(rx1);
        CHECK(*rx1 == frequency);
    }
    // A CFList channel is also answered on its own frequency.
    CHECK(*rx1_frequency(eu868, 867'100'000) == 867'100'000U);
}

TEST_CASE("US915 RX1 frequency for all 72 uplink channels is downlink channel (ch mod 8)") {
    for (std::uint32_t channel = 0; channel < 72; ++channel) {
        const std::uint32_t uplink = channel < 64 ? 902'300'000 + 200'000 * channel
                                                  : 903'000'000 + 1'600'000 * (channel - 64);
        const std::uint32_t expected = 923'300'000 + 600'000 * (channel % 8);
        INFO("channel " << channel << " at " << uplink);
        const auto index = uplink_channel_index(us915, uplink);
        REQUIRE(index);
        CHECK(*index == channel);
        const auto rx1 = rx1_frequency(us915, uplink);
        REQUIRE(rx1);
        CHECK(*rx1 == expected);
    }
    CHECK(*rx1_frequency(us915, 914'900'000) == 927'500'000U);  // channel 63
    CHECK(*rx1_frequency(us915, 903'000'000) == 923'300'000U);  // channel 64
}

TEST_CASE("RX1 frequency outside the plan is refused") {
    CHECK(rx1_frequency(eu868, 915'000'000).error() == RegionError::frequency_outside_plan);
    CHECK(rx1_frequency(eu868, 862'999'999).error() == RegionError::frequency_outside_plan);
    CHECK(rx1_frequency(as923_1, 868'100'000).error() == RegionError::frequency_outside_plan);
    // In the US915 band but off the channel grid.
    CHECK(rx1_frequency(us915, 902'400'000).error() == RegionError::frequency_outside_plan);
    CHECK(rx1_frequency(us915, 923'300'000).error() == RegionError::frequency_outside_plan);
    CHECK(rx1_frequency(us915, 868'100'000).error() == RegionError::frequency_outside_plan);
}
