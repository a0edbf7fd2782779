// IN865-867: data rates, payload sizes, RX1 for every default channel, uplink DR and offset
// (including the negative offsets 6 and 7), RX2, class B, TX power, CFList. Expected values are
// restated from the RP002 IN865-867 tables as ChirpStack and TTN carry them (see in865.cpp for
// the cells the implementations disagree on).

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/region/cflist.hpp"
#include "lorawan/region/region.hpp"

using namespace hortillon::lorawan;
using namespace hortillon::lorawan::region;

namespace {

constexpr std::array<std::uint32_t, 3> in865_default_frequencies{865'062'500, 865'402'500,
                                                                 865'985'000};

// RX1 DR by uplink DR (DR0..DR5, DR7; DR6 is RFU) and RX1DROffset 0..7; 0xff: refused, the
// sources' cell is the RFU DR6.
constexpr std::array<std::pair<std::uint8_t, std::array<std::uint8_t, 8>>, 7> in865_rx1_expected{{
    {0, {0, 0, 0, 0, 0, 0, 1, 2}},
    {1, {1, 0, 0, 0, 0, 0, 2, 3}},
    {2, {2, 1, 0, 0, 0, 0, 3, 4}},
    {3, {3, 2, 1, 0, 0, 0, 4, 5}},
    {4, {4, 3, 2, 1, 0, 0, 5, 5}},
    {5, {5, 4, 3, 2, 1, 0, 5, 5}},
    {7, {7, 0xff, 5, 4, 3, 2, 7, 7}},
}};

}  // namespace

TEST_CASE("IN865 data rates: DR0-DR5 LoRa, DR6 RFU, DR7 FSK") {
    CHECK(data_rate_index(in865, LoraModulation{12, 125'000}) == 0);
    CHECK(data_rate_index(in865, LoraModulation{7, 125'000}) == 5);
    CHECK(data_rate_index(in865, FskModulation{50'000}) == 7);
    CHECK_FALSE(data_rate_index(in865, LoraModulation{7, 250'000}));
    CHECK(data_rate(in865, 6).error() == RegionError::unknown_data_rate);
    CHECK(data_rate_index(in865, FskModulation{50'000}, Direction::downlink) == 7);
}

TEST_CASE("IN865 max payload size per DR") {
    const std::array<std::pair<std::uint8_t, PayloadSize>, 7> expected{{{0, {59, 51}},
                                                                        {1, {59, 51}},
                                                                        {2, {59, 51}},
                                                                        {3, {123, 115}},
                                                                        {4, {250, 242}},
                                                                        {5, {250, 242}},
                                                                        {7, {250, 242}}}};
    for (const auto& [dr, size] : expected) {
        INFO("DR" << int(dr));
        CHECK(*max_payload_size(in865, dr, false) == size);
        CHECK(*max_payload_size(in865, dr, true) == size);  // no dwell-time limit in IN865
    }
    CHECK(max_payload_size(in865, 6, false).error() == RegionError::unknown_data_rate);
}

TEST_CASE("IN865 RX1 data rate for every uplink DR and offset 0..7") {
    for (const auto& [dr, row] : in865_rx1_expected) {
        for (std::uint8_t offset = 0; offset < 8; ++offset) {
            INFO("DR" << int(dr) << " offset " << int(offset));
            const auto rx1 = rx1_data_rate(in865, dr, offset);
            if (row[offset] == 0xff) {
                CHECK(rx1.error() == RegionError::rx1_dr_offset_out_of_range);
                continue;
            }
            REQUIRE(rx1);
            CHECK(*rx1 == row[offset]);
        }
        CHECK(rx1_data_rate(in865, dr, 8).error() == RegionError::rx1_dr_offset_out_of_range);
    }
    CHECK(rx1_data_rate(in865, 6, 0).error() == RegionError::unknown_data_rate);
    // Offsets 6 and 7 raise the RX1 rate: DR0 answers at DR1 and DR2.
    CHECK(*rx1_data_rate(in865, 0, 6) == 1);
    CHECK(*rx1_data_rate(in865, 0, 7) == 2);
}

TEST_CASE("IN865 RX1 uses the uplink frequency on every default channel") {
    for (std::uint8_t channel = 0; channel < in865_default_frequencies.size(); ++channel) {
        const std::uint32_t frequency = in865_default_frequencies[channel];
        INFO("channel " << int(channel));
        CHECK(uplink_channel_index(in865, frequency).value() == channel);
        CHECK(rx1_frequency(in865, frequency).value() == frequency);
    }
    CHECK(rx1_frequency(in865, 866'200'000).value() == 866'200'000U);  // a CFList channel
    CHECK(uplink_channel_index(in865, 865'062'600).error() == RegionError::frequency_outside_plan);
    CHECK(rx1_frequency(in865, 868'100'000).error() == RegionError::frequency_outside_plan);
}

TEST_CASE("IN865 RX2, class B, TX power and plan settings") {
    CHECK(in865.rx2_default.frequency_hz == 866'550'000U);
    CHECK(in865.rx2_default.dr == 2);
    CHECK(in865.beacon.frequency_hz == 866'550'000U);
    CHECK(in865.beacon.dr == 4);
    CHECK(in865.ping_slot.frequency_hz == 866'550'000U);
    CHECK(*tx_power_eirp(in865, 0, in865.default_max_eirp_dbm) == Approx(30));
    CHECK(*tx_power_eirp(in865, 10, in865.default_max_eirp_dbm) == Approx(10));
    CHECK(tx_power_eirp(in865, 11, 30).error() == RegionError::tx_power_out_of_range);
    CHECK(in865.max_channels == 16);
    CHECK_FALSE(in865.implements_tx_param_setup);
    CHECK(duty_cycle_band(in865, 865'062'500) == nullptr);
}

TEST_CASE("IN865 type 0 CFList with five extra channels") {
    const std::array<std::uint32_t, 5> extra{865'200'000, 865'600'000, 866'000'000, 866'200'000,
                                             866'400'000};
    const auto built = build_cflist(in865, extra);
    REQUIRE(built);
    // 865.2 MHz = 8652000 x 100 Hz = 0x8404E0, LE24 "e00484"; and so on; CFListType 0.
    CHECK(to_hex(*built) == "e00484801484202484f02b84c0338400");
    CHECK(std::get<CfListFrequencies>(*parse_cflist(in865, *built)).frequencies_hz == extra);
}
