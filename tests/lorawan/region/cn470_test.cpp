// CN470-510, classic plan: data rates, payload sizes, RX1 for all 96 uplink channels, every
// uplink DR and offset, RX2, class B, TX power, CFList type 1. Expected values restated from the
// RP 1.0.3revA / RP002-1.0.0 CN470-510 tables (as TTN and ChirpStack carry them).

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/region/cflist.hpp"
#include "lorawan/region/region.hpp"

using namespace hortillon::lorawan;
using namespace hortillon::lorawan::region;

TEST_CASE("CN470 data rates: DR0-DR5 in both directions") {
    for (std::uint8_t dr = 0; dr < 6; ++dr) {
        const LoraModulation modulation{static_cast<std::uint8_t>(12 - dr), 125'000};
        CHECK(data_rate_index(cn470, modulation) == dr);
        CHECK(data_rate_index(cn470, modulation, Direction::downlink) == dr);
    }
    CHECK_FALSE(data_rate_index(cn470, LoraModulation{7, 500'000}));  // RP002-1.0.1 plans only
    CHECK(data_rate(cn470, 6).error() == RegionError::unknown_data_rate);
}

TEST_CASE("CN470 max payload size per DR") {
    const std::array<PayloadSize, 6> expected{
        {{59, 51}, {59, 51}, {59, 51}, {123, 115}, {250, 242}, {250, 242}}};
    for (std::uint8_t dr = 0; dr < expected.size(); ++dr) {
        INFO("DR" << int(dr));
        CHECK(*max_payload_size(cn470, dr, false) == expected[dr]);
    }
}

TEST_CASE("CN470 RX1 data rate = max(0, DR - offset) for every uplink DR and offset") {
    for (std::uint8_t dr = 0; dr < 6; ++dr) {
        for (std::uint8_t offset = 0; offset < 6; ++offset) {
            INFO("DR" << int(dr) << " offset " << int(offset));
            CHECK(rx1_data_rate(cn470, dr, offset).value() == std::max(0, dr - offset));
        }
        CHECK(rx1_data_rate(cn470, dr, 6).error() == RegionError::rx1_dr_offset_out_of_range);
    }
    CHECK(rx1_data_rate(cn470, 6, 0).error() == RegionError::unknown_data_rate);
}

TEST_CASE("CN470 RX1 frequency for all 96 uplink channels is downlink channel (ch mod 48)") {
    for (std::uint32_t channel = 0; channel < 96; ++channel) {
        const std::uint32_t uplink = 470'300'000 + 200'000 * channel;
        INFO("channel " << channel << " at " << uplink);
        CHECK(uplink_channel_index(cn470, uplink).value() == channel);
        CHECK(rx1_frequency(cn470, uplink).value() == 500'300'000 + 200'000 * (channel % 48));
    }
    // ChirpStack cn470 test_downlink_channels: channel 95 (489.3 MHz) answers on 509.7 MHz.
    CHECK(rx1_frequency(cn470, 489'300'000).value() == 509'700'000U);
    CHECK(rx1_frequency(cn470, 489'500'000).error() == RegionError::frequency_outside_plan);
    CHECK(rx1_frequency(cn470, 470'400'000).error() == RegionError::frequency_outside_plan);
}

TEST_CASE("CN470 RX2, class B, TX power and plan settings") {
    CHECK(cn470.rx2_default.frequency_hz == 505'300'000U);
    CHECK(cn470.rx2_default.dr == 0);
    CHECK_FALSE(cn470.beacon.frequency_hz);
    CHECK(cn470.beacon.dr == 2);
    REQUIRE(cn470.beacon.hopping_channels.size() == 1);
    CHECK(cn470.beacon.hopping_channels[0].first_frequency_hz == 508'300'000U);
    CHECK(cn470.beacon.hopping_channels[0].count == 8);  // 508.3 .. 509.7 MHz
    CHECK(cn470.max_channels == 96);
    CHECK(*tx_power_eirp(cn470, 0, cn470.default_max_eirp_dbm) == Approx(19.15));
    CHECK(*tx_power_eirp(cn470, 7, cn470.default_max_eirp_dbm) == Approx(5.15));
    CHECK(tx_power_eirp(cn470, 8, 19.15).error() == RegionError::tx_power_out_of_range);
}

TEST_CASE("CN470 type 1 CFList covers 96 channels in ChMask0..ChMask5") {
    ChannelMask channels;
    for (std::size_t channel = 0; channel < 8; ++channel) {
        channels.set(channel);
    }
    for (std::size_t channel = 90; channel < 96; ++channel) {
        channels.set(channel);
    }
    const auto built = build_cflist(cn470, channels);
    REQUIRE(built);
    // Channels 0..7 = octet 0; channels 90..95 = bits 2..7 of octet 11; CFListType 1.
    CHECK(to_hex(*built) == "ff00000000000000000000fc00000001");
    CHECK(std::get<ChannelMask>(*parse_cflist(cn470, *built)) == channels);
    const auto beyond = *from_hex("00000000000000000000000001000001");  // channel 96
    CHECK(parse_cflist(cn470, beyond).error() == RegionError::channel_out_of_range);
}
