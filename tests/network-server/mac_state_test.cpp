#include <catch2/catch.hpp>

#include "lorawan/region/channel_mask.hpp"
#include "network-server/mac/mac_state.hpp"

using namespace hortillon;
using namespace hortillon::network_server;
using namespace std::chrono_literals;
namespace region = lorawan::region;

namespace {

auto mask_of(std::initializer_list<unsigned> channels) -> region::ChannelMask {
    region::ChannelMask mask;
    for (auto c : channels) {
        mask.set(c);
    }
    return mask;
}

}  // namespace

TEST_CASE("EU868 defaults: channels 0..2, DR0, maximum power, RX2 869.525 MHz DR0, 1 s") {
    const auto state = default_mac_state(region::eu868);
    CHECK(state.enabled_channels == mask_of({0, 1, 2}));
    CHECK(state.dr == 0);
    CHECK(state.tx_power_index == 0);
    CHECK(state.nb_trans == 1);
    CHECK(state.rx1_dr_offset == 0);
    CHECK(state.rx2_dr == 0);
    CHECK(state.rx2_frequency_hz == 869'525'000);
    CHECK(state.rx1_delay == 1s);
    CHECK(state.max_duty_cycle == 0);
    CHECK(state.pending.empty());
    CHECK(state.adr_history.empty());
    CHECK(max_region_tx_power_index(region::eu868) == 7);
}

TEST_CASE("US915 defaults: all 72 channels on, RX2 923.3 MHz DR8, 15 power steps") {
    const auto state = default_mac_state(region::us915);
    CHECK(state.enabled_channels.count() == 72);
    CHECK(state.enabled_channels.test(71));
    CHECK_FALSE(state.enabled_channels.test(72));
    CHECK(state.rx2_dr == 8);
    CHECK(state.rx2_frequency_hz == 923'300'000);
    CHECK(max_region_tx_power_index(region::us915) == 14);
}

TEST_CASE("after a join: DLSettings, RxDelay and a type 0 CFList define channels 3..7") {
    region::CfListFrequencies frequencies{
        {867'100'000, 867'300'000, 867'500'000, 867'700'000, 867'900'000}};
    const auto state = mac_state_after_join(region::eu868, JoinMacSettings{.rx1_dr_offset = 1,
                                                                           .rx2_dr = 3,
                                                                           .rx2_frequency_hz = 0,
                                                                           .rx1_delay = 5s,
                                                                           .cflist = frequencies,
                                                                           .join_request_dr = 2});
    CHECK(state.dr == 2);
    CHECK(state.rx1_dr_offset == 1);
    CHECK(state.rx2_dr == 3);
    CHECK(state.rx2_frequency_hz == 869'525'000);  // 0: the region's
    CHECK(state.rx1_delay == 5s);
    CHECK(state.enabled_channels == mask_of({0, 1, 2, 3, 4, 5, 6, 7}));
    REQUIRE(state.extra_channels.size() == 5);
    CHECK(state.extra_channels[0] == ChannelDefinition{3, 867'100'000, 0, 5});
    CHECK(state.extra_channels[4] == ChannelDefinition{7, 867'900'000, 0, 5});
    CHECK(defined_channels(region::eu868, state) == mask_of({0, 1, 2, 3, 4, 5, 6, 7}));
    CHECK(channel_dr_range(region::eu868, state, 7) == std::pair<std::uint8_t, std::uint8_t>{0, 5});
    CHECK_FALSE(channel_dr_range(region::eu868, state, 8));
}

TEST_CASE("a type 0 CFList with unused slots defines only the given channels") {
    region::CfListFrequencies frequencies{{867'100'000, 0, 0, 0, 0}};
    const auto state = mac_state_after_join(region::eu868, JoinMacSettings{.cflist = frequencies});
    CHECK(state.enabled_channels == mask_of({0, 1, 2, 3}));
    CHECK(state.extra_channels.size() == 1);
}

TEST_CASE("after a US915 join with a type 1 CFList: the mask is the CFList's") {
    auto fsb2 = region::sub_band_channels(region::us915, 2);
    REQUIRE(fsb2);
    const auto state = mac_state_after_join(
        region::us915, JoinMacSettings{.rx2_dr = 8, .cflist = *fsb2, .join_request_dr = 0});
    CHECK(state.enabled_channels == mask_of({8, 9, 10, 11, 12, 13, 14, 15, 65}));
    CHECK(state.extra_channels.empty());
}

TEST_CASE("which enabled channels allow which DR (US915: DR4 only on the 500 kHz channels)") {
    const auto state = default_mac_state(region::us915);
    CHECK(mask_allows_dr(region::us915, state, mask_of({8, 65}), 4));
    CHECK(mask_allows_dr(region::us915, state, mask_of({8, 65}), 3));
    CHECK_FALSE(mask_allows_dr(region::us915, state, mask_of({8, 9}), 4));
    CHECK_FALSE(mask_allows_dr(region::us915, state, mask_of({65}), 0));
    CHECK_FALSE(mask_allows_dr(region::eu868, default_mac_state(region::eu868), mask_of({}), 0));
}

TEST_CASE("command CIDs") {
    CHECK(command_cid(lorawan::LinkAdrReq{}) == lorawan::Cid::link_adr);
    CHECK(command_cid(lorawan::DevStatusAns{}) == lorawan::Cid::dev_status);
    CHECK_FALSE(command_cid(lorawan::ProprietaryMacCommand{}));
}
