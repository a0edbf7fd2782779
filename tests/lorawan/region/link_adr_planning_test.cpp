// LinkADRReq channel-mask planning for US915/AU915 sub-bands 1..8 and "all channels", CN470 and
// the 16-channel plans: exact blocks and LinkADRReq bytes from published examples, and round
// trips through the device side (apply_channel_mask_blocks) from any starting mask.

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/link_adr.hpp"
#include "lorawan/region/channel_mask.hpp"

using namespace hortillon::lorawan;
using namespace hortillon::lorawan::region;

namespace {

auto first_channels(std::size_t count) -> ChannelMask {
    ChannelMask mask;
    for (std::size_t channel = 0; channel < count; ++channel) {
        mask.set(channel);
    }
    return mask;
}

auto plan(const Region& region, const ChannelMask& enabled,
          ChannelMaskForm form = ChannelMaskForm::channel_blocks) -> std::vector<ChannelMaskBlock> {
    const auto blocks = link_adr_channel_mask_blocks(region, enabled, form);
    REQUIRE(blocks);
    return *blocks;
}

// CID + LinkADRReq payload per block, DR0, TXPower 0, NbTrans 1, as hex.
auto link_adr_hex(const std::vector<ChannelMaskBlock>& blocks) -> std::vector<std::string> {
    std::vector<std::string> out;
    for (const ChannelMaskBlock& block : blocks) {
        Bytes bytes{0x03};
        LinkAdrReq{.ch_mask = block.ch_mask, .ch_mask_cntl = block.ch_mask_cntl, .nb_trans = 1}
            .encode(bytes);
        out.push_back(to_hex(bytes));
    }
    return out;
}

// Applies the blocks to a device that had every channel on, and to one that had none.
void check_round_trip(const Region& region, const ChannelMask& wanted,
                      const std::vector<ChannelMaskBlock>& blocks) {
    const ChannelMask every = first_channels(region.max_channels);
    for (const ChannelMask& before : {every, ChannelMask{}}) {
        const auto applied = apply_channel_mask_blocks(region, before, blocks, ChannelMask{});
        REQUIRE(applied);
        CHECK(*applied == wanted);
    }
}

}  // namespace

TEST_CASE("US915 and AU915 single sub-bands 1..8: ChMaskCntl 7 + one block, and ChMaskCntl 5") {
    for (const Region* region : {&us915, &au915}) {
        for (std::uint8_t sub_band = 1; sub_band <= 8; ++sub_band) {
            INFO(region->id << " FSB" << int(sub_band));
            const ChannelMask wanted = *sub_band_channels(*region, sub_band);
            const auto band_bit = static_cast<std::uint16_t>(1U << (sub_band - 1));
            const auto half = static_cast<std::uint16_t>(sub_band % 2 == 1 ? 0x00ff : 0xff00);
            const auto block_cntl = static_cast<std::uint8_t>((sub_band - 1) / 2);
            const auto blocks = plan(*region, wanted);
            CHECK(blocks == std::vector<ChannelMaskBlock>{{band_bit, 7}, {half, block_cntl}});
            check_round_trip(*region, wanted, blocks);
            const auto compact = plan(*region, wanted, ChannelMaskForm::sub_bands);
            CHECK(compact == std::vector<ChannelMaskBlock>{{band_bit, 5}});
            check_round_trip(*region, wanted, compact);
        }
    }
}

// Multitech forum post quoting RP 1.0.3 for US915: FSB1 "0300010071 & 0300ff0001", FSB2
// "0300020071 & 030000ff01", ChMaskCntl 5 form "0300010051". AU915 shares the ChMaskCntl table.
TEST_CASE("US915 and AU915 sub-bands 1 and 2 as LinkADRReq bytes") {
    for (const Region* region : {&us915, &au915}) {
        INFO(region->id);
        CHECK(link_adr_hex(plan(*region, *sub_band_channels(*region, 1))) ==
              std::vector<std::string>{"0300010071", "0300ff0001"});
        CHECK(link_adr_hex(plan(*region, *sub_band_channels(*region, 2))) ==
              std::vector<std::string>{"0300020071", "030000ff01"});
        CHECK(link_adr_hex(
                  plan(*region, *sub_band_channels(*region, 1), ChannelMaskForm::sub_bands)) ==
              std::vector<std::string>{"0300010051"});
    }
}

// ChirpStack au915 test_get_link_adr_req_payloads: 0..7 + 64, and 0..15 + 64, 65.
TEST_CASE("AU915 ChirpStack examples") {
    ChannelMask fsb1 = first_channels(8);
    fsb1.set(64);
    CHECK(plan(au915, fsb1) == std::vector<ChannelMaskBlock>{{0x0001, 7}, {0x00ff, 0}});
    ChannelMask fsb12 = first_channels(16);
    fsb12.set(64).set(65);
    CHECK(plan(au915, fsb12) == std::vector<ChannelMaskBlock>{{0x0003, 7}, {0xffff, 0}});
    check_round_trip(au915, fsb12, plan(au915, fsb12));
}

TEST_CASE("US915 and AU915 all channels, none, and near-full sets") {
    for (const Region* region : {&us915, &au915}) {
        INFO(region->id);
        const ChannelMask every = first_channels(72);
        CHECK(plan(*region, every) == std::vector<ChannelMaskBlock>{{0x00ff, 6}});
        CHECK(link_adr_hex(plan(*region, every)) == std::vector<std::string>{"0300ff0061"});
        CHECK(plan(*region, ChannelMask{}) == std::vector<ChannelMaskBlock>{{0x0000, 7}});
        CHECK(plan(*region, first_channels(64)) == std::vector<ChannelMaskBlock>{{0x0000, 6}});
        // All but channel 19: "all on" then one correcting block beats five blocks.
        ChannelMask without_19 = every;
        without_19.reset(19);
        const auto blocks = plan(*region, without_19);
        CHECK(blocks == std::vector<ChannelMaskBlock>{{0x00ff, 6}, {0xfff7, 1}});
        check_round_trip(*region, without_19, blocks);
        for (const ChannelMask& wanted : {every, ChannelMask{}, first_channels(64)}) {
            check_round_trip(*region, wanted, plan(*region, wanted));
        }
    }
}

TEST_CASE("US915 and AU915 every pair of sub-bands round-trips in at most three blocks") {
    for (const Region* region : {&us915, &au915}) {
        for (std::uint8_t a = 1; a <= 8; ++a) {
            for (std::uint8_t b = a; b <= 8; ++b) {
                INFO(region->id << " FSB" << int(a) << "+" << int(b));
                const ChannelMask wanted =
                    *sub_band_channels(*region, a) | *sub_band_channels(*region, b);
                const auto blocks = plan(*region, wanted);
                CHECK(blocks.size() <= 3);
                check_round_trip(*region, wanted, blocks);
            }
        }
    }
}

TEST_CASE("CN470 plans: all on, all but a few, a single block") {
    const ChannelMask every = first_channels(96);
    CHECK(plan(cn470, every) == std::vector<ChannelMaskBlock>{{0x0000, 6}});
    ChannelMask gaps = every;  // ChirpStack cn470 test: channels 6, 38 and 45 off
    gaps.reset(6).reset(38).reset(45);
    const auto gap_blocks = plan(cn470, gaps);
    CHECK(gap_blocks == std::vector<ChannelMaskBlock>{{0x0000, 6}, {0xffbf, 0}, {0xdfbf, 2}});
    check_round_trip(cn470, gaps, gap_blocks);
    // Eight channels: every block must be sent, since the device's other blocks are unknown.
    const auto eight = plan(cn470, first_channels(8));
    CHECK(eight ==
          std::vector<ChannelMaskBlock>{{0x00ff, 0}, {0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}});
    check_round_trip(cn470, first_channels(8), eight);
    check_round_trip(cn470, ChannelMask{}, plan(cn470, ChannelMask{}));
    check_round_trip(cn470, every, plan(cn470, every));
}

TEST_CASE("CN470 channel-mask errors") {
    const std::vector<ChannelMaskBlock> past_95{{0x0001, 6}, {0x0000, 5}};
    CHECK(apply_channel_mask_blocks(cn470, ChannelMask{}, past_95, ChannelMask{}).has_value());
    CHECK(link_adr_channel_mask_blocks(cn470, ChannelMask{}, ChannelMaskForm::sub_bands).error() ==
          RegionError::channel_set_not_expressible);
    CHECK(sub_band_channels(cn470, 1).error() == RegionError::no_sub_bands);
    const std::vector<ChannelMaskBlock> rfu{{0x0001, 7}};
    CHECK(apply_channel_mask_blocks(cn470, ChannelMask{}, rfu, ChannelMask{}).error() ==
          RegionError::ch_mask_cntl_rfu);
}

TEST_CASE("16-channel plans use one ChMaskCntl 0 block; 6 turns defined channels on") {
    for (const Region* region :
         {&eu868, &as923_1, &as923_2, &as923_3, &as923_4, &in865, &kr920, &eu433, &ru864}) {
        INFO(region->id);
        ChannelMask wanted = first_channels(3);
        wanted.set(7);
        CHECK(plan(*region, wanted) == std::vector<ChannelMaskBlock>{{0x0087, 0}});
        CHECK(link_adr_hex(plan(*region, wanted)) == std::vector<std::string>{"0300870001"});
        ChannelMask defined = first_channels(8);
        CHECK(*apply_channel_mask_blocks(*region, defined, plan(*region, wanted), defined) ==
              wanted);
        const std::vector<ChannelMaskBlock> all_on{{0x0000, 6}};
        CHECK(*apply_channel_mask_blocks(*region, ChannelMask{}, all_on, defined) == defined);
        const std::vector<ChannelMaskBlock> rfu{{0x0001, 1}};
        CHECK(apply_channel_mask_blocks(*region, defined, rfu, defined).error() ==
              RegionError::ch_mask_cntl_rfu);
        CHECK(sub_band_channels(*region, 1).error() == RegionError::no_sub_bands);
    }
}
