// Region tables and lookups: ids, data rates, payload sizes, RX2 and class B defaults, TX power,
// duty-cycle bands. Expected values are restated from the Regional Parameters.

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <string_view>

#include "lorawan/region/region.hpp"

using namespace hortillon::lorawan;
using namespace hortillon::lorawan::region;
using namespace std::chrono_literals;

TEST_CASE("every listed region id is found, unknown ids are not") {
    REQUIRE(region_ids().size() == 12);
    for (const std::string_view id : region_ids()) {
        const Region* region = find_region(id);
        REQUIRE(region != nullptr);
        CHECK(region->id == id);
    }
    CHECK(find_region("EU868") == &eu868);
    CHECK(find_region("US915") == &us915);
    CHECK(find_region("AU915") == &au915);
    CHECK(find_region("AS923-1") == &as923_1);
    CHECK(find_region("AS923") == &as923_1);  // ChirpStack's name for group 1
    CHECK(find_region("AS923-2") == &as923_2);
    CHECK(find_region("AS923-3") == &as923_3);
    CHECK(find_region("AS923-4") == &as923_4);
    CHECK(find_region("IN865") == &in865);
    CHECK(find_region("KR920") == &kr920);
    CHECK(find_region("EU433") == &eu433);
    CHECK(find_region("CN470") == &cn470);
    CHECK(find_region("RU864") == &ru864);
    CHECK(find_region("eu868") == nullptr);
    CHECK(find_region("CN779") == nullptr);
    CHECK(find_region("AS923-5") == nullptr);
    CHECK(find_region("") == nullptr);
}

TEST_CASE("every region's tables are consistent") {
    for (const std::string_view id : region_ids()) {
        const Region& region = *find_region(id);
        INFO(id);
        CHECK(region.frequency_range.min_hz < region.frequency_range.max_hz);
        CHECK(region.rx2_default.frequency_hz >= region.frequency_range.min_hz);
        CHECK(region.rx2_default.frequency_hz <= region.frequency_range.max_hz);
        CHECK(data_rate_definition(region, region.rx2_default.dr) != nullptr);
        CHECK(data_rate_definition(region, region.rx2_default.dr)->downlink);
        for (const DataRateDefinition& definition : region.data_rates) {
            CHECK(definition.max_payload.n + 8 == definition.max_payload.m);
            if (definition.uplink) {
                CHECK(rx1_data_rate(region, definition.dr, 0).has_value());
            }
        }
        for (const Rx1DataRateRow& row : region.rx1_data_rates.rows) {
            for (std::uint8_t offset = 0; offset < region.rx1_data_rates.offset_count; ++offset) {
                // A cell is a DR the region defines for downlinks, or refused.
                if (const auto dr = rx1_data_rate(region, row.uplink_dr, offset)) {
                    CHECK(data_rate_definition(region, *dr) != nullptr);
                    CHECK(data_rate_definition(region, *dr)->downlink);
                }
            }
        }
        for (const ChannelBlock& block : region.default_channels) {
            CHECK(block.first_index + block.count <= region.max_channels);
        }
        CHECK(region.cflist_type.has_value());
        CHECK(region.tx_power_offsets_db.front() == 0);
    }
}

TEST_CASE("received modulations map to uplink data rates") {
    CHECK(data_rate_index(eu868, LoraModulation{7, 125'000}) == 5);
    CHECK(data_rate_index(eu868, LoraModulation{12, 125'000}) == 0);
    CHECK(data_rate_index(eu868, LoraModulation{7, 250'000}) == 6);
    CHECK(data_rate_index(eu868, FskModulation{50'000}) == 7);
    CHECK(data_rate_index(eu868, LrFhssModulation{336'000, LrFhssCodingRate::cr_2_3}) == 11);
    CHECK(data_rate_index(us915, LoraModulation{8, 500'000}) == 4);
    CHECK(data_rate_index(us915, LoraModulation{10, 125'000}) == 0);
    CHECK(data_rate_index(us915, LrFhssModulation{1'523'000, LrFhssCodingRate::cr_1_3}) == 5);
    CHECK(data_rate_index(as923_3, LoraModulation{10, 125'000}) == 2);
}

TEST_CASE("downlink direction selects the downlink data rates") {
    CHECK(data_rate_index(us915, LoraModulation{8, 500'000}, Direction::downlink) == 12);
    CHECK(data_rate_index(us915, LoraModulation{12, 500'000}, Direction::downlink) == 8);
    CHECK(data_rate_index(eu868, LoraModulation{9, 125'000}, Direction::downlink) == 3);
    // LR-FHSS is uplink only; SF12/500 is downlink only in US915.
    CHECK_FALSE(data_rate_index(eu868, LrFhssModulation{137'000, LrFhssCodingRate::cr_1_3},
                                Direction::downlink));
    CHECK_FALSE(data_rate_index(us915, LoraModulation{12, 500'000}));
}

TEST_CASE("unknown modulations have no data rate") {
    CHECK_FALSE(data_rate_index(eu868, LoraModulation{7, 500'000}));
    CHECK_FALSE(data_rate_index(eu868, LoraModulation{6, 125'000}));  // RP002-1.0.5 only
    CHECK_FALSE(data_rate_index(us915, LoraModulation{12, 125'000}));
    CHECK_FALSE(data_rate_index(us915, FskModulation{50'000}));
}

TEST_CASE("data_rate is the inverse of data_rate_index") {
    for (const std::string_view id : region_ids()) {
        const Region* region = find_region(id);
        for (const DataRateDefinition& definition : region->data_rates) {
            const auto modulation = data_rate(*region, definition.dr);
            REQUIRE(modulation);
            const Direction direction = definition.uplink ? Direction::uplink : Direction::downlink;
            CHECK(data_rate_index(*region, *modulation, direction) == definition.dr);
        }
    }
    CHECK(*data_rate(eu868, 5) == DataRate{LoraModulation{7, 125'000}});
    CHECK(data_rate(eu868, 12).error() == RegionError::unknown_data_rate);
    CHECK(data_rate(us915, 7).error() == RegionError::unknown_data_rate);
    CHECK(data_rate(as923_1, 8).error() == RegionError::unknown_data_rate);
}

TEST_CASE("EU868 max payload size per DR (not repeater compatible)") {
    constexpr std::array<PayloadSize, 12> expected{{{59, 51},
                                                    {59, 51},
                                                    {59, 51},
                                                    {123, 115},
                                                    {250, 242},
                                                    {250, 242},
                                                    {250, 242},
                                                    {250, 242},
                                                    {58, 50},
                                                    {123, 115},
                                                    {58, 50},
                                                    {123, 115}}};
    for (std::uint8_t dr = 0; dr < expected.size(); ++dr) {
        INFO("DR" << int(dr));
        CHECK(*max_payload_size(eu868, dr, false) == expected[dr]);
        CHECK(*max_payload_size(eu868, dr, true) == expected[dr]);  // no dwell limit in EU868
    }
    CHECK(max_payload_size(eu868, 12, false).error() == RegionError::unknown_data_rate);
}

TEST_CASE("US915 max payload size per DR") {
    const std::array<std::pair<std::uint8_t, PayloadSize>, 13> expected{{{0, {19, 11}},
                                                                         {1, {61, 53}},
                                                                         {2, {133, 125}},
                                                                         {3, {250, 242}},
                                                                         {4, {250, 242}},
                                                                         {5, {58, 50}},
                                                                         {6, {133, 125}},
                                                                         {8, {61, 53}},
                                                                         {9, {137, 129}},
                                                                         {10, {250, 242}},
                                                                         {11, {250, 242}},
                                                                         {12, {250, 242}},
                                                                         {13, {250, 242}}}};
    for (const auto& [dr, size] : expected) {
        INFO("DR" << int(dr));
        CHECK(*max_payload_size(us915, dr, false) == size);
    }
    CHECK(max_payload_size(us915, 7, false).error() == RegionError::unknown_data_rate);
    CHECK(max_payload_size(us915, 14, false).error() == RegionError::unknown_data_rate);
}

TEST_CASE("AS923 max payload size per DR with and without the 400 ms dwell time") {
    const std::array<PayloadSize, 8> no_dwell{{{59, 51},
                                               {59, 51},
                                               {123, 115},
                                               {123, 115},
                                               {250, 242},
                                               {250, 242},
                                               {250, 242},
                                               {250, 242}}};
    const std::array<PayloadSize, 6> dwell{
        {{19, 11}, {61, 53}, {133, 125}, {250, 242}, {250, 242}, {250, 242}}};
    for (std::uint8_t dr = 0; dr < 8; ++dr) {
        INFO("DR" << int(dr));
        CHECK(*max_payload_size(as923_2, dr, false) == no_dwell[dr]);
        if (dr >= 2) {
            CHECK(*max_payload_size(as923_2, dr, true) == dwell[dr - 2]);
        }
    }
    CHECK(max_payload_size(as923_1, 0, true).error() ==
          RegionError::data_rate_not_allowed_with_dwell_time);
    CHECK(max_payload_size(as923_4, 1, true).error() ==
          RegionError::data_rate_not_allowed_with_dwell_time);
    CHECK(max_payload_size(as923_1, 8, false).error() == RegionError::unknown_data_rate);
}

TEST_CASE("RX2 defaults") {
    CHECK(eu868.rx2_default.frequency_hz == 869'525'000U);
    CHECK(eu868.rx2_default.dr == 0);
    CHECK(us915.rx2_default.frequency_hz == 923'300'000U);
    CHECK(us915.rx2_default.dr == 8);
    CHECK(as923_1.rx2_default.frequency_hz == 923'200'000U);
    CHECK(as923_2.rx2_default.frequency_hz == 921'400'000U);
    CHECK(as923_3.rx2_default.frequency_hz == 916'600'000U);
    CHECK(as923_4.rx2_default.frequency_hz == 917'300'000U);
    for (const Region* region : {&as923_1, &as923_2, &as923_3, &as923_4}) {
        CHECK(region->rx2_default.dr == 2);
    }
}

TEST_CASE("class B beacon and ping-slot channels") {
    CHECK(eu868.beacon.frequency_hz == 869'525'000U);
    CHECK(eu868.beacon.dr == 3);
    CHECK(eu868.ping_slot.frequency_hz == 869'525'000U);
    CHECK_FALSE(us915.beacon.frequency_hz);  // hops over the downlink channels
    CHECK(us915.beacon.dr == 8);
    CHECK(as923_1.beacon.frequency_hz == 923'400'000U);
    CHECK(as923_2.ping_slot.frequency_hz == 921'600'000U);
    CHECK(as923_3.beacon.frequency_hz == 916'800'000U);
    CHECK(as923_4.beacon.frequency_hz == 917'500'000U);
    CHECK(as923_4.beacon.dr == 3);
}

TEST_CASE("default channels and their indices") {
    CHECK(*uplink_channel_index(eu868, 868'100'000) == 0);
    CHECK(*uplink_channel_index(eu868, 868'500'000) == 2);
    CHECK(uplink_channel_index(eu868, 868'700'000).error() == RegionError::frequency_outside_plan);
    CHECK(uplink_channel_index(eu868, 867'100'000).error() == RegionError::frequency_outside_plan);
    CHECK(*uplink_channel_index(as923_2, 921'600'000) == 1);
    CHECK(uplink_channel_index(as923_2, 923'200'000).error() ==
          RegionError::frequency_outside_plan);
    CHECK(uplink_channel_index(us915, 914'200'000).value() == 71);
    CHECK(uplink_channel_index(us915, 915'800'000).error() == RegionError::frequency_outside_plan);
}

TEST_CASE("TX power is max EIRP minus 2 dB per step") {
    CHECK(*tx_power_eirp(eu868, 0, eu868.default_max_eirp_dbm) == Approx(16));
    CHECK(*tx_power_eirp(eu868, 7, eu868.default_max_eirp_dbm) == Approx(2));
    CHECK(tx_power_eirp(eu868, 8, 16).error() == RegionError::tx_power_out_of_range);
    CHECK(tx_power_eirp(eu868, 15, 16).error() == RegionError::tx_power_out_of_range);
    CHECK(*tx_power_eirp(us915, 14, us915.default_max_eirp_dbm) == Approx(2));
    CHECK(tx_power_eirp(us915, 15, 30).error() == RegionError::tx_power_out_of_range);
    CHECK(*tx_power_eirp(as923_1, 3, 14) == Approx(8));  // device-reported max EIRP
}

TEST_CASE("EU868 duty-cycle bands K to R") {
    CHECK(duty_cycle_band(eu868, 863'000'000)->name == "K");
    CHECK(duty_cycle_band(eu868, 867'100'000)->name == "L");
    const DutyCycleBand* m = duty_cycle_band(eu868, 868'100'000);
    REQUIRE(m != nullptr);
    CHECK(m->name == "M");
    CHECK(m->duty_cycle == Approx(0.01));
    CHECK(duty_cycle_band(eu868, 868'800'000)->duty_cycle == Approx(0.001));
    const DutyCycleBand* p = duty_cycle_band(eu868, 869'525'000);
    REQUIRE(p != nullptr);
    CHECK(p->name == "P");
    CHECK(p->duty_cycle == Approx(0.1));
    CHECK(duty_cycle_band(eu868, 869'850'000)->name == "R");
    CHECK(duty_cycle_band(eu868, 868'650'000) == nullptr);  // band O is not used
    CHECK(duty_cycle_band(eu868, 870'000'000) == nullptr);
    CHECK(duty_cycle_band(us915, 902'300'000) == nullptr);
    CHECK(duty_cycle_band(as923_1, 923'200'000)->duty_cycle == Approx(0.01));
}

TEST_CASE("plan-wide settings") {
    CHECK(eu868.max_channels == 16);
    CHECK(us915.max_channels == 72);
    CHECK(as923_1.max_channels == 16);
    CHECK_FALSE(eu868.implements_tx_param_setup);
    CHECK_FALSE(us915.implements_tx_param_setup);
    CHECK(as923_3.implements_tx_param_setup);
    CHECK(eu868.cflist_type == CfListType::frequencies);
    CHECK(us915.cflist_type == CfListType::channel_mask);
    CHECK(as923_1.cflist_type == CfListType::frequencies);
    for (const std::string_view id : region_ids()) {
        const Region& region = *find_region(id);
        CHECK(region.defaults.receive_delay1 == 1s);
        CHECK(region.defaults.receive_delay2 == region.defaults.receive_delay1 + 1s);
        CHECK(region.defaults.join_accept_delay1 == 5s);
        CHECK(region.defaults.join_accept_delay2 == 6s);
        CHECK(region.defaults.adr_ack_limit == 64);
        CHECK(region.defaults.adr_ack_delay == 32);
    }
}

TEST_CASE("every error has a distinct name") {
    CHECK(to_string(RegionError::unknown_data_rate) == "unknown_data_rate");
    CHECK(to_string(RegionError::no_sub_bands) == "no_sub_bands");
    CHECK(to_string(RegionError::frequency_outside_plan) == "frequency_outside_plan");
}
