// EU433: data rates, payload sizes, RX1 for every default channel, uplink DR and offset, RX2,
// class B, TX power, duty cycle, CFList. Expected values restated from the RP002 EU433 tables (as
// TTN, ChirpStack and LoRaMac-node carry them).

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/region/cflist.hpp"
#include "lorawan/region/region.hpp"

using namespace hortillon::lorawan;
using namespace hortillon::lorawan::region;

TEST_CASE("EU433 data rates as EU868 DR0-DR7, without LR-FHSS") {
    CHECK(data_rate_index(eu433, LoraModulation{12, 125'000}) == 0);
    CHECK(data_rate_index(eu433, LoraModulation{7, 250'000}) == 6);
    CHECK(data_rate_index(eu433, FskModulation{50'000}) == 7);
    CHECK_FALSE(data_rate_index(eu433, LrFhssModulation{137'000, LrFhssCodingRate::cr_1_3}));
    CHECK(data_rate(eu433, 8).error() == RegionError::unknown_data_rate);
}

TEST_CASE("EU433 max payload size per DR") {
    const std::array<PayloadSize, 8> expected{
        {{59, 51}, {59, 51}, {59, 51}, {123, 115}, {250, 242}, {250, 242}, {250, 242}, {250, 242}}};
    for (std::uint8_t dr = 0; dr < expected.size(); ++dr) {
        INFO("DR" << int(dr));
        CHECK(*max_payload_size(eu433, dr, false) == expected[dr]);
    }
}

TEST_CASE("EU433 RX1 on the uplink channel, DR = max(0, DR - offset), offsets 0..5") {
    const std::array<std::uint32_t, 3> defaults{433'175'000, 433'375'000, 433'575'000};
    for (std::uint8_t channel = 0; channel < defaults.size(); ++channel) {
        CHECK(uplink_channel_index(eu433, defaults[channel]).value() == channel);
        CHECK(rx1_frequency(eu433, defaults[channel]).value() == defaults[channel]);
    }
    for (std::uint8_t dr = 0; dr < 8; ++dr) {
        for (std::uint8_t offset = 0; offset < 6; ++offset) {
            INFO("DR" << int(dr) << " offset " << int(offset));
            CHECK(rx1_data_rate(eu433, dr, offset).value() == std::max(0, dr - offset));
        }
        CHECK(rx1_data_rate(eu433, dr, 6).error() == RegionError::rx1_dr_offset_out_of_range);
    }
    CHECK(rx1_data_rate(eu433, 8, 0).error() == RegionError::unknown_data_rate);
    CHECK(rx1_frequency(eu433, 868'100'000).error() == RegionError::frequency_outside_plan);
}

TEST_CASE("EU433 RX2, class B, TX power, duty cycle") {
    CHECK(eu433.rx2_default.frequency_hz == 434'665'000U);
    CHECK(eu433.rx2_default.dr == 0);
    CHECK(eu433.beacon.frequency_hz == 434'665'000U);
    CHECK(eu433.beacon.dr == 3);
    CHECK(eu433.ping_slot.frequency_hz == 434'665'000U);
    CHECK(*tx_power_eirp(eu433, 0, eu433.default_max_eirp_dbm) == Approx(12.15));
    CHECK(*tx_power_eirp(eu433, 5, eu433.default_max_eirp_dbm) == Approx(2.15));
    CHECK(tx_power_eirp(eu433, 6, 12.15).error() == RegionError::tx_power_out_of_range);
    const DutyCycleBand* band = duty_cycle_band(eu433, 433'175'000);
    REQUIRE(band != nullptr);
    CHECK(band->duty_cycle == Approx(0.1));
    CHECK(duty_cycle_band(eu433, 434'790'000) == nullptr);
}

TEST_CASE("EU433 type 0 CFList with five extra channels") {
    const std::array<std::uint32_t, 5> extra{433'775'000, 433'975'000, 434'175'000, 434'375'000,
                                             434'575'000};
    const auto built = build_cflist(eu433, extra);
    REQUIRE(built);
    CHECK(to_hex(*built) == "563042263842f63f42c64742964f4200");
    CHECK(std::get<CfListFrequencies>(*parse_cflist(eu433, *built)).frequencies_hz == extra);
}
