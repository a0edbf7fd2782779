// KR920-923: data rates, payload sizes, RX1 for every default channel, uplink DR and offset,
// RX2, class B, TX power, CFList. Expected values restated from the RP002 KR920-923 tables (as
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

TEST_CASE("KR920 data rates: DR0-DR5 only") {
    CHECK(data_rate_index(kr920, LoraModulation{12, 125'000}) == 0);
    CHECK(data_rate_index(kr920, LoraModulation{7, 125'000}) == 5);
    CHECK_FALSE(data_rate_index(kr920, LoraModulation{7, 250'000}));
    CHECK_FALSE(data_rate_index(kr920, FskModulation{50'000}));
    CHECK(data_rate(kr920, 6).error() == RegionError::unknown_data_rate);
}

TEST_CASE("KR920 max payload size per DR") {
    const std::array<PayloadSize, 6> expected{
        {{59, 51}, {59, 51}, {59, 51}, {123, 115}, {250, 242}, {250, 242}}};
    for (std::uint8_t dr = 0; dr < expected.size(); ++dr) {
        INFO("DR" << int(dr));
        CHECK(*max_payload_size(kr920, dr, false) == expected[dr]);
    }
    CHECK(max_payload_size(kr920, 6, false).error() == RegionError::unknown_data_rate);
}

TEST_CASE("KR920 RX1 on the uplink channel, DR = max(0, DR - offset), offsets 0..5") {
    const std::array<std::uint32_t, 3> defaults{922'100'000, 922'300'000, 922'500'000};
    for (std::uint8_t channel = 0; channel < defaults.size(); ++channel) {
        CHECK(uplink_channel_index(kr920, defaults[channel]).value() == channel);
        CHECK(rx1_frequency(kr920, defaults[channel]).value() == defaults[channel]);
    }
    for (std::uint8_t dr = 0; dr < 6; ++dr) {
        for (std::uint8_t offset = 0; offset < 6; ++offset) {
            INFO("DR" << int(dr) << " offset " << int(offset));
            CHECK(rx1_data_rate(kr920, dr, offset).value() == std::max(0, dr - offset));
        }
        CHECK(rx1_data_rate(kr920, dr, 6).error() == RegionError::rx1_dr_offset_out_of_range);
    }
    CHECK(rx1_data_rate(kr920, 6, 0).error() == RegionError::unknown_data_rate);
    CHECK(rx1_frequency(kr920, 920'800'000).error() == RegionError::frequency_outside_plan);
}

TEST_CASE("KR920 RX2, class B, TX power and plan settings") {
    CHECK(kr920.rx2_default.frequency_hz == 921'900'000U);
    CHECK(kr920.rx2_default.dr == 0);
    CHECK(kr920.beacon.frequency_hz == 923'100'000U);
    CHECK(kr920.beacon.dr == 3);
    CHECK(kr920.ping_slot.frequency_hz == 923'100'000U);
    CHECK(*tx_power_eirp(kr920, 0, kr920.default_max_eirp_dbm) == Approx(14));
    CHECK(*tx_power_eirp(kr920, 7, kr920.default_max_eirp_dbm) == Approx(0));
    CHECK(tx_power_eirp(kr920, 8, 14).error() == RegionError::tx_power_out_of_range);
    CHECK(duty_cycle_band(kr920, 922'100'000) == nullptr);
}

TEST_CASE("KR920 type 0 CFList with five extra channels") {
    const std::array<std::uint32_t, 5> extra{922'700'000, 922'900'000, 923'100'000, 921'500'000,
                                             921'700'000};
    const auto built = build_cflist(kr920, extra);
    REQUIRE(built);
    CHECK(to_hex(*built) == "f8ca8cc8d28c98da8c189c8ce8a38c00");
    CHECK(std::get<CfListFrequencies>(*parse_cflist(kr920, *built)).frequencies_hz == extra);
    const std::array<std::uint32_t, 1> outside{923'500'000};
    CHECK(build_cflist(kr920, outside).error() == RegionError::frequency_outside_plan);
}
