// RU864-870: data rates, payload sizes, RX1 for every default channel, uplink DR and offset, RX2,
// class B, TX power, duty cycle, CFList. Expected values restated from the RP002 RU864-870 tables
// (as TTN, ChirpStack and LoRaMac-node carry them).

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/region/cflist.hpp"
#include "lorawan/region/region.hpp"

using namespace hortillon::lorawan;
using namespace hortillon::lorawan::region;

TEST_CASE("RU864 data rates as EU868 DR0-DR7") {
    CHECK(data_rate_index(ru864, LoraModulation{12, 125'000}) == 0);
    CHECK(data_rate_index(ru864, LoraModulation{7, 250'000}) == 6);
    CHECK(data_rate_index(ru864, FskModulation{50'000}) == 7);
    CHECK(data_rate(ru864, 8).error() == RegionError::unknown_data_rate);
}

TEST_CASE("RU864 max payload size per DR") {
    const std::array<PayloadSize, 8> expected{
        {{59, 51}, {59, 51}, {59, 51}, {123, 115}, {250, 242}, {250, 242}, {250, 242}, {250, 242}}};
    for (std::uint8_t dr = 0; dr < expected.size(); ++dr) {
        INFO("DR" << int(dr));
        CHECK(*max_payload_size(ru864, dr, false) == expected[dr]);
    }
}

TEST_CASE("RU864 RX1 on the uplink channel, DR = max(0, DR - offset), offsets 0..5") {
    const std::array<std::uint32_t, 2> defaults{868'900'000, 869'100'000};
    for (std::uint8_t channel = 0; channel < defaults.size(); ++channel) {
        CHECK(uplink_channel_index(ru864, defaults[channel]).value() == channel);
        CHECK(rx1_frequency(ru864, defaults[channel]).value() == defaults[channel]);
    }
    for (std::uint8_t dr = 0; dr < 8; ++dr) {
        for (std::uint8_t offset = 0; offset < 6; ++offset) {
            INFO("DR" << int(dr) << " offset " << int(offset));
            CHECK(rx1_data_rate(ru864, dr, offset).value() == std::max(0, dr - offset));
        }
        CHECK(rx1_data_rate(ru864, dr, 7).error() == RegionError::rx1_dr_offset_out_of_range);
    }
    CHECK(rx1_frequency(ru864, 870'100'000).error() == RegionError::frequency_outside_plan);
}

TEST_CASE("RU864 RX2, class B, TX power, duty cycle") {
    CHECK(ru864.rx2_default.frequency_hz == 869'100'000U);
    CHECK(ru864.rx2_default.dr == 0);
    CHECK(ru864.beacon.frequency_hz == 869'100'000U);
    CHECK(ru864.beacon.dr == 3);
    CHECK(ru864.ping_slot.frequency_hz == 868'900'000U);
    CHECK(ru864.ping_slot.dr == 3);
    CHECK(*tx_power_eirp(ru864, 0, ru864.default_max_eirp_dbm) == Approx(16));
    CHECK(*tx_power_eirp(ru864, 7, ru864.default_max_eirp_dbm) == Approx(2));
    CHECK(tx_power_eirp(ru864, 8, 16).error() == RegionError::tx_power_out_of_range);
    CHECK(duty_cycle_band(ru864, 868'900'000)->duty_cycle == Approx(0.01));
}

TEST_CASE("RU864 type 0 CFList with five extra channels 2..6") {
    const std::array<std::uint32_t, 5> extra{864'100'000, 864'300'000, 864'500'000, 864'700'000,
                                             864'900'000};
    const auto built = build_cflist(ru864, extra);
    REQUIRE(built);
    CHECK(to_hex(*built) == "e8d983b8e18388e98358f18328f98300");
    CHECK(ru864.cflist_first_channel == 2);
    CHECK(std::get<CfListFrequencies>(*parse_cflist(ru864, *built)).frequencies_hz == extra);
}
