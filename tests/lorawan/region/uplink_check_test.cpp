// Rejecting uplinks that do not belong to a device's region: frequency, DR, and the DR range of
// the channel the frequency falls on.

#include <catch2/catch.hpp>

#include <cstdint>
#include <string_view>

#include "lorawan/region/region.hpp"

using namespace hortillon::lorawan::region;

TEST_CASE("fixed plans accept only their uplink channel grid") {
    CHECK(is_uplink_frequency(us915, 902'300'000));
    CHECK(is_uplink_frequency(us915, 914'200'000));  // channel 71
    CHECK_FALSE(is_uplink_frequency(us915, 902'400'000));
    CHECK_FALSE(is_uplink_frequency(us915, 923'300'000));  // a downlink channel
    CHECK(is_uplink_frequency(au915, 915'200'000));
    CHECK(is_uplink_frequency(au915, 927'100'000));  // channel 71
    CHECK_FALSE(is_uplink_frequency(au915, 902'300'000));
    CHECK(is_uplink_frequency(cn470, 470'300'000));
    CHECK(is_uplink_frequency(cn470, 489'300'000));
    CHECK_FALSE(is_uplink_frequency(cn470, 500'300'000));
}

TEST_CASE("dynamic plans accept any frequency in their band") {
    CHECK(is_uplink_frequency(eu868, 867'100'000));  // a CFList channel
    CHECK_FALSE(is_uplink_frequency(eu868, 902'300'000));
    CHECK(is_uplink_frequency(in865, 865'062'500));
    CHECK_FALSE(is_uplink_frequency(in865, 868'100'000));
    CHECK(is_uplink_frequency(kr920, 922'100'000));
    CHECK_FALSE(is_uplink_frequency(kr920, 923'400'000));
    CHECK(is_uplink_frequency(eu433, 433'175'000));
    CHECK_FALSE(is_uplink_frequency(eu433, 868'100'000));
    CHECK(is_uplink_frequency(ru864, 864'100'000));
    CHECK_FALSE(is_uplink_frequency(ru864, 863'900'000));
    CHECK(is_uplink_frequency(as923_2, 921'400'000));
    CHECK_FALSE(is_uplink_frequency(as923_1, 868'100'000));
}

TEST_CASE("uplink data rates per region") {
    CHECK(is_uplink_data_rate(us915, 4));
    CHECK(is_uplink_data_rate(us915, 6));
    CHECK_FALSE(is_uplink_data_rate(us915, 7));
    CHECK_FALSE(is_uplink_data_rate(us915, 8));  // downlink only
    CHECK(is_uplink_data_rate(au915, 6));
    CHECK(is_uplink_data_rate(au915, 7));
    CHECK_FALSE(is_uplink_data_rate(au915, 8));
    CHECK_FALSE(is_uplink_data_rate(in865, 6));  // RFU
    CHECK(is_uplink_data_rate(in865, 7));
    CHECK_FALSE(is_uplink_data_rate(kr920, 6));
    CHECK_FALSE(is_uplink_data_rate(cn470, 6));
    CHECK(is_uplink_data_rate(eu868, 11));
    CHECK_FALSE(is_uplink_data_rate(eu433, 8));
}

TEST_CASE("check_uplink matches frequency and DR against the channel") {
    CHECK(check_uplink(us915, 902'300'000, 0).has_value());
    CHECK(check_uplink(us915, 903'000'000, 4).has_value());
    CHECK(check_uplink(us915, 902'300'000, 4).error() ==
          RegionError::data_rate_not_allowed_on_channel);
    CHECK(check_uplink(us915, 903'000'000, 0).error() ==
          RegionError::data_rate_not_allowed_on_channel);
    CHECK(check_uplink(au915, 915'200'000, 5).has_value());
    CHECK(check_uplink(au915, 915'900'000, 6).has_value());
    CHECK(check_uplink(au915, 915'200'000, 6).error() ==
          RegionError::data_rate_not_allowed_on_channel);
    CHECK(check_uplink(au915, 915'200'000, 8).error() == RegionError::unknown_data_rate);
    CHECK(check_uplink(eu868, 868'100'000, 5).has_value());
    CHECK(check_uplink(eu868, 868'100'000, 6).error() ==
          RegionError::data_rate_not_allowed_on_channel);
    CHECK(check_uplink(eu868, 867'100'000, 6).has_value());  // not a default channel
    CHECK(check_uplink(eu868, 902'300'000, 0).error() == RegionError::frequency_outside_plan);
    CHECK(check_uplink(eu868, 868'100'000, 12).error() == RegionError::unknown_data_rate);
    CHECK(check_uplink(cn470, 470'300'000, 6).error() == RegionError::unknown_data_rate);
}

TEST_CASE("every default channel of every region accepts its whole DR range") {
    for (const std::string_view id : region_ids()) {
        const Region& region = *find_region(id);
        for (const ChannelBlock& block : region.default_channels) {
            for (std::uint32_t i = 0; i < block.count; ++i) {
                const std::uint32_t frequency = block.first_frequency_hz + i * block.step_hz;
                for (std::uint8_t dr = block.min_dr; dr <= block.max_dr; ++dr) {
                    INFO(id << " " << frequency << " DR" << int(dr));
                    CHECK(check_uplink(region, frequency, dr).has_value());
                }
                CHECK(uplink_channel_index(region, frequency).value() == block.first_index + i);
            }
        }
    }
}
