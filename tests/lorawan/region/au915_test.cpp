// AU915-928: data rates, payload sizes with and without the 400 ms dwell time, RX1 for every
// uplink channel, DR and offset, RX2 and class B, TX power, CFList. Expected values are restated
// from the RP002 AU915-928 tables (as TTN and ChirpStack carry them), not read from the region.

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <utility>

#include "lorawan/bytes.hpp"
#include "lorawan/region/cflist.hpp"
#include "lorawan/region/region.hpp"

using namespace hortillon::lorawan;
using namespace hortillon::lorawan::region;

namespace {

// RX1 DR by uplink DR0..DR7 and RX1DROffset 0..5.
constexpr std::array<std::array<std::uint8_t, 6>, 8> au915_rx1_expected{{
    {8, 8, 8, 8, 8, 8},
    {9, 8, 8, 8, 8, 8},
    {10, 9, 8, 8, 8, 8},
    {11, 10, 9, 8, 8, 8},
    {12, 11, 10, 9, 8, 8},
    {13, 12, 11, 10, 9, 8},
    {13, 13, 12, 11, 10, 9},
    {9, 8, 8, 8, 8, 8},
}};

auto au915_uplink_frequency(std::uint32_t channel) -> std::uint32_t {
    return channel < 64 ? 915'200'000 + 200'000 * channel
                        : 915'900'000 + 1'600'000 * (channel - 64);
}

}  // namespace

TEST_CASE("AU915 data rates in both directions") {
    CHECK(data_rate_index(au915, LoraModulation{12, 125'000}) == 0);
    CHECK(data_rate_index(au915, LoraModulation{7, 125'000}) == 5);
    CHECK(data_rate_index(au915, LoraModulation{8, 500'000}) == 6);
    CHECK(data_rate_index(au915, LrFhssModulation{1'523'000, LrFhssCodingRate::cr_1_3}) == 7);
    CHECK_FALSE(data_rate_index(au915, LrFhssModulation{1'523'000, LrFhssCodingRate::cr_2_3}));
    CHECK(data_rate_index(au915, LoraModulation{12, 500'000}, Direction::downlink) == 8);
    CHECK(data_rate_index(au915, LoraModulation{8, 500'000}, Direction::downlink) == 12);
    CHECK(data_rate_index(au915, LoraModulation{7, 500'000}, Direction::downlink) == 13);
    CHECK_FALSE(data_rate_index(au915, LoraModulation{12, 125'000}, Direction::downlink));
    CHECK(data_rate(au915, 14).error() == RegionError::unknown_data_rate);
}

TEST_CASE("AU915 max payload size per DR, UplinkDwellTime 0 and 1") {
    using Row = std::tuple<std::uint8_t, PayloadSize, std::optional<PayloadSize>>;
    const std::array<Row, 14> expected{{
        {0, {59, 51}, std::nullopt},
        {1, {59, 51}, std::nullopt},
        {2, {59, 51}, PayloadSize{19, 11}},
        {3, {123, 115}, PayloadSize{61, 53}},
        {4, {250, 242}, PayloadSize{133, 125}},
        {5, {250, 242}, PayloadSize{250, 242}},
        {6, {250, 242}, PayloadSize{250, 242}},
        {7, {58, 50}, PayloadSize{58, 50}},
        {8, {61, 53}, PayloadSize{61, 53}},
        {9, {137, 129}, PayloadSize{137, 129}},
        {10, {250, 242}, PayloadSize{250, 242}},
        {11, {250, 242}, PayloadSize{250, 242}},
        {12, {250, 242}, PayloadSize{250, 242}},
        {13, {250, 242}, PayloadSize{250, 242}},
    }};
    for (const auto& [dr, no_dwell, dwell] : expected) {
        INFO("DR" << int(dr));
        CHECK(*max_payload_size(au915, dr, false) == no_dwell);
        if (dwell) {
            CHECK(*max_payload_size(au915, dr, true) == *dwell);
        } else {
            CHECK(max_payload_size(au915, dr, true).error() ==
                  RegionError::data_rate_not_allowed_with_dwell_time);
        }
    }
    CHECK(max_payload_size(au915, 14, false).error() == RegionError::unknown_data_rate);
    CHECK(au915.dwell_time_limits);
    CHECK(au915.implements_tx_param_setup);
}

TEST_CASE("AU915 RX1 data rate for every uplink DR and offset") {
    for (std::uint8_t dr = 0; dr < au915_rx1_expected.size(); ++dr) {
        for (std::uint8_t offset = 0; offset < 6; ++offset) {
            INFO("DR" << int(dr) << " offset " << int(offset));
            const auto rx1 = rx1_data_rate(au915, dr, offset);
            REQUIRE(rx1);
            CHECK(*rx1 == au915_rx1_expected[dr][offset]);
        }
        CHECK(rx1_data_rate(au915, dr, 6).error() == RegionError::rx1_dr_offset_out_of_range);
        CHECK(rx1_data_rate(au915, dr, 7).error() == RegionError::rx1_dr_offset_out_of_range);
    }
    for (std::uint8_t dr = 8; dr < 16; ++dr) {
        CHECK(rx1_data_rate(au915, dr, 0).error() == RegionError::unknown_data_rate);
    }
}

TEST_CASE("AU915 RX1 frequency for all 72 uplink channels is downlink channel (ch mod 8)") {
    for (std::uint32_t channel = 0; channel < 72; ++channel) {
        const std::uint32_t uplink = au915_uplink_frequency(channel);
        INFO("channel " << channel << " at " << uplink);
        CHECK(uplink_channel_index(au915, uplink).value() == channel);
        CHECK(rx1_frequency(au915, uplink).value() == 923'300'000 + 600'000 * (channel % 8));
    }
    CHECK(au915_uplink_frequency(63) == 927'800'000U);  // ChirpStack au915 test_uplink_channels
    CHECK(au915_uplink_frequency(71) == 927'100'000U);
    CHECK(rx1_frequency(au915, 915'300'000).error() == RegionError::frequency_outside_plan);
    CHECK(rx1_frequency(au915, 902'300'000).error() == RegionError::frequency_outside_plan);
}

TEST_CASE("AU915 RX2, class B, TX power and plan settings") {
    CHECK(au915.rx2_default.frequency_hz == 923'300'000U);
    CHECK(au915.rx2_default.dr == 8);
    CHECK_FALSE(au915.beacon.frequency_hz);
    CHECK(au915.beacon.dr == 8);
    REQUIRE(au915.beacon.hopping_channels.size() == 1);
    CHECK(au915.beacon.hopping_channels[0].first_frequency_hz == 923'300'000U);
    CHECK(au915.beacon.hopping_channels[0].step_hz == 600'000U);
    CHECK(au915.beacon.hopping_channels[0].count == 8);
    CHECK(au915.max_channels == 72);
    CHECK(au915.default_max_eirp_dbm == Approx(30));
    CHECK(*tx_power_eirp(au915, 0, au915.default_max_eirp_dbm) == Approx(30));
    CHECK(*tx_power_eirp(au915, 14, au915.default_max_eirp_dbm) == Approx(2));
    CHECK(tx_power_eirp(au915, 15, 30).error() == RegionError::tx_power_out_of_range);
    CHECK(duty_cycle_band(au915, 916'000'000) == nullptr);
}

TEST_CASE("AU915 type 1 CFList for sub-band 2 and for channels 8..15 alone") {
    ChannelMask fsb2;
    for (std::size_t channel = 8; channel < 16; ++channel) {
        fsb2.set(channel);
    }
    // ChirpStack au915 test_cf_list: ChMask0 = channels 8..15, ChMask1..4 empty.
    CHECK(to_hex(*build_cflist(au915, fsb2)) == "00ff0000000000000000000000000001");
    fsb2.set(65);
    const auto built = build_cflist(au915, fsb2);
    REQUIRE(built);
    CHECK(to_hex(*built) == "00ff0000000000000200000000000001");
    CHECK(std::get<ChannelMask>(*parse_cflist(au915, *built)) == fsb2);
    const std::array<std::uint32_t, 1> frequencies{916'000'000};
    CHECK(build_cflist(au915, frequencies).error() == RegionError::cflist_not_supported);
}
