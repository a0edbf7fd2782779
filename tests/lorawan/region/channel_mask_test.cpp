// LinkADRReq channel-mask blocks: US915 sub-band examples in both forms, round trips through
// apply_channel_mask_blocks, the 16-channel plans, and every error.

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "lorawan/region/channel_mask.hpp"

using namespace hortillon::lorawan::region;

namespace {

auto all_channels(const Region& region) -> ChannelMask {
    ChannelMask mask;
    for (std::size_t channel = 0; channel < region.max_channels; ++channel) {
        mask.set(channel);
    }
    return mask;
}

auto blocks_for(const ChannelMask& enabled, ChannelMaskForm form) -> std::vector<ChannelMaskBlock> {
    const auto blocks = link_adr_channel_mask_blocks(us915, enabled, form);
    REQUIRE(blocks);
    return *blocks;
}

}  // namespace

TEST_CASE("US915 sub-band channel sets") {
    const auto fsb2 = sub_band_channels(us915, 2);
    REQUIRE(fsb2);
    CHECK(fsb2->count() == 9);
    for (std::size_t channel = 8; channel < 16; ++channel) {
        CHECK(fsb2->test(channel));
    }
    CHECK(fsb2->test(65));
    CHECK(sub_band_channels(us915, 8)->test(71));
    CHECK(sub_band_channels(us915, 8)->test(63));
}

// The multitech forum examples quoting RP 1.0.3: FSB1 "0300010071 & 0300ff0001",
// FSB2 "0300020071 & 030000ff01", FSB3 "0300040071 & 0300ff0011"; ChMaskCntl 5 form
// "0300010051", "0300020051". ChMask is LE16, ChMaskCntl is Redundancy bits 6:4.
TEST_CASE("US915 single sub-band as ChMaskCntl 7 plus one 16-channel block") {
    CHECK(blocks_for(*sub_band_channels(us915, 1), ChannelMaskForm::channel_blocks) ==
          std::vector<ChannelMaskBlock>{{0x0001, 7}, {0x00ff, 0}});
    CHECK(blocks_for(*sub_band_channels(us915, 2), ChannelMaskForm::channel_blocks) ==
          std::vector<ChannelMaskBlock>{{0x0002, 7}, {0xff00, 0}});
    CHECK(blocks_for(*sub_band_channels(us915, 3), ChannelMaskForm::channel_blocks) ==
          std::vector<ChannelMaskBlock>{{0x0004, 7}, {0x00ff, 1}});
    CHECK(blocks_for(*sub_band_channels(us915, 8), ChannelMaskForm::channel_blocks) ==
          std::vector<ChannelMaskBlock>{{0x0080, 7}, {0xff00, 3}});
}

TEST_CASE("US915 single sub-band as ChMaskCntl 5") {
    CHECK(blocks_for(*sub_band_channels(us915, 1), ChannelMaskForm::sub_bands) ==
          std::vector<ChannelMaskBlock>{{0x0001, 5}});
    CHECK(blocks_for(*sub_band_channels(us915, 2), ChannelMaskForm::sub_bands) ==
          std::vector<ChannelMaskBlock>{{0x0002, 5}});
    const ChannelMask two = *sub_band_channels(us915, 1) | *sub_band_channels(us915, 2);
    CHECK(blocks_for(two, ChannelMaskForm::sub_bands) ==
          std::vector<ChannelMaskBlock>{{0x0003, 5}});
}

TEST_CASE("US915 all channels on and all off") {
    CHECK(blocks_for(all_channels(us915), ChannelMaskForm::channel_blocks) ==
          std::vector<ChannelMaskBlock>{{0x00ff, 6}});
    CHECK(blocks_for(ChannelMask{}, ChannelMaskForm::channel_blocks) ==
          std::vector<ChannelMaskBlock>{{0x0000, 7}});
    CHECK(blocks_for(all_channels(us915), ChannelMaskForm::sub_bands) ==
          std::vector<ChannelMaskBlock>{{0x00ff, 5}});
}

TEST_CASE("US915 blocks applied by a device give back the channel set") {
    ChannelMask scattered;
    for (const std::size_t channel : {0U, 17U, 18U, 40U, 63U, 64U, 70U}) {
        scattered.set(channel);
    }
    const ChannelMask every = all_channels(us915);
    for (const ChannelMask& wanted :
         {scattered, *sub_band_channels(us915, 2), every, ChannelMask{}}) {
        const auto blocks = blocks_for(wanted, ChannelMaskForm::channel_blocks);
        const auto applied = apply_channel_mask_blocks(us915, every, blocks, every);
        REQUIRE(applied);
        CHECK(*applied == wanted);
    }
    const auto fsb2 = blocks_for(*sub_band_channels(us915, 2), ChannelMaskForm::sub_bands);
    CHECK(*apply_channel_mask_blocks(us915, every, fsb2, every) == *sub_band_channels(us915, 2));
}

TEST_CASE("EU868 uses one ChMaskCntl 0 block, and ChMaskCntl 6 turns defined channels on") {
    ChannelMask defaults;
    defaults.set(0).set(1).set(2);
    const auto blocks = link_adr_channel_mask_blocks(eu868, defaults);
    REQUIRE(blocks);
    CHECK(*blocks == std::vector<ChannelMaskBlock>{{0x0007, 0}});

    ChannelMask defined = defaults;
    defined.set(3).set(4);
    const std::vector<ChannelMaskBlock> all_on{{0x0000, 6}};
    CHECK(*apply_channel_mask_blocks(eu868, defaults, all_on, defined) == defined);
    CHECK(*apply_channel_mask_blocks(eu868, defined, *blocks, defined) == defaults);
}

TEST_CASE("channel-mask errors") {
    ChannelMask beyond;
    beyond.set(72);
    CHECK(link_adr_channel_mask_blocks(us915, beyond).error() == RegionError::channel_out_of_range);
    ChannelMask channel_16;
    channel_16.set(16);
    CHECK(link_adr_channel_mask_blocks(eu868, channel_16).error() ==
          RegionError::channel_out_of_range);

    ChannelMask partial = *sub_band_channels(us915, 2);
    partial.reset(65);
    CHECK(link_adr_channel_mask_blocks(us915, partial, ChannelMaskForm::sub_bands).error() ==
          RegionError::channel_set_not_expressible);
    CHECK(link_adr_channel_mask_blocks(eu868, ChannelMask{}, ChannelMaskForm::sub_bands).error() ==
          RegionError::channel_set_not_expressible);

    CHECK(sub_band_channels(eu868, 1).error() == RegionError::no_sub_bands);
    CHECK(sub_band_channels(us915, 0).error() == RegionError::channel_out_of_range);
    CHECK(sub_band_channels(us915, 9).error() == RegionError::channel_out_of_range);

    const ChannelMask none;
    const std::vector<ChannelMaskBlock> rfu{{0x0001, 1}};
    CHECK(apply_channel_mask_blocks(eu868, none, rfu, none).error() ==
          RegionError::ch_mask_cntl_rfu);
    const std::vector<ChannelMaskBlock> above_7{{0x0001, 8}};
    CHECK(apply_channel_mask_blocks(us915, none, above_7, none).error() ==
          RegionError::ch_mask_cntl_rfu);
    const std::vector<ChannelMaskBlock> channel_72{{0x0100, 4}};
    CHECK(apply_channel_mask_blocks(us915, none, channel_72, none).error() ==
          RegionError::channel_out_of_range);
    const std::vector<ChannelMaskBlock> sub_band_bit_8{{0x0100, 5}};
    CHECK(apply_channel_mask_blocks(us915, none, sub_band_bit_8, none).error() ==
          RegionError::channel_out_of_range);
}
