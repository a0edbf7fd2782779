// LinkADRReq channel-mask blocks from and to channel sets, driven by region.ch_mask_cntl.

#include "lorawan/region/channel_mask.hpp"

#include <algorithm>
#include <optional>

namespace hortillon::lorawan::region {
namespace {

// The ChMaskCntl meanings with a 500 kHz mask and the sub-band control exist only in the
// 64 x 125 kHz + 8 x 500 kHz plans (US915, AU915), where these numbers are fixed by RP002.
constexpr std::size_t first_500khz_channel = 64;
constexpr std::size_t sub_band_count = 8;
constexpr std::size_t sub_band_width = 8;
constexpr std::size_t block_width = 16;

auto find_cntl(const Region& region, ChMaskCntlMeaning meaning, std::uint8_t first_channel = 0)
    -> std::optional<std::uint8_t> {
    for (std::uint8_t cntl = 0; cntl < region.ch_mask_cntl.size(); ++cntl) {
        const ChMaskCntlEntry& entry = region.ch_mask_cntl[cntl];
        if (entry.meaning == meaning &&
            (meaning != ChMaskCntlMeaning::channel_block || entry.first_channel == first_channel)) {
            return cntl;
        }
    }
    return std::nullopt;
}

auto mask_bits(const ChannelMask& channels, std::size_t first, std::size_t width) -> std::uint16_t {
    std::uint16_t mask = 0;
    for (std::size_t i = 0; i < width && first + i < channels.size(); ++i) {
        if (channels.test(first + i)) {
            mask = static_cast<std::uint16_t>(mask | (1U << i));
        }
    }
    return mask;
}

// Writes `width` bits of `mask` into channels first..; refuses bits past max_channels.
auto write_bits(const Region& region, ChannelMask& channels, std::size_t first, std::size_t width,
                std::uint16_t mask) -> bool {
    for (std::size_t i = 0; i < width; ++i) {
        const bool on = (mask >> i & 1U) != 0;
        if (first + i >= region.max_channels) {
            if (on) {
                return false;
            }
            continue;
        }
        channels.set(first + i, on);
    }
    return true;
}

// The 16-channel blocks (ChMaskCntl = block's channel_block entry) that write `enabled` over the
// channels below `end`, skipping blocks that already hold `assumed` (all on or all off).
auto blocks_differing_from(const Region& region, const ChannelMask& enabled, std::size_t end,
                           std::uint16_t assumed, std::vector<ChannelMaskBlock>& blocks) -> bool {
    for (std::size_t first = 0; first < end; first += block_width) {
        const std::size_t width = std::min(block_width, end - first);
        const std::uint16_t mask = mask_bits(enabled, first, width);
        const auto full = static_cast<std::uint16_t>((1U << width) - 1U);
        if (mask == (assumed & full)) {
            continue;
        }
        const auto cntl =
            find_cntl(region, ChMaskCntlMeaning::channel_block, static_cast<std::uint8_t>(first));
        if (!cntl) {
            return false;
        }
        blocks.push_back({mask, *cntl});
    }
    return true;
}

// The shorter of two sequences that both reach `enabled` from any device state (the planner does
// not know the device's current mask): `reset_off` (switches every channel below `end` off)
// followed by the non-empty blocks, or `reset_on` followed by the non-full blocks. Ties go to
// `reset_off`, the form ChirpStack and TTN send for a single sub-band.
auto shorter_plan(const Region& region, const ChannelMask& enabled, std::size_t end,
                  ChannelMaskBlock reset_off, std::optional<ChannelMaskBlock> reset_on)
    -> Result<std::vector<ChannelMaskBlock>, RegionError> {
    std::vector<ChannelMaskBlock> from_off{reset_off};
    if (!blocks_differing_from(region, enabled, end, 0x0000, from_off)) {
        return Unexpected{RegionError::channel_set_not_expressible};
    }
    if (reset_on) {
        std::vector<ChannelMaskBlock> from_on{*reset_on};
        if (blocks_differing_from(region, enabled, end, 0xffff, from_on) &&
            from_on.size() < from_off.size()) {
            return from_on;
        }
    }
    return from_off;
}

// US915 and AU915: ChMaskCntl 7 or 6 sets all 125 kHz channels off or on and carries the 500 kHz
// mask, then blocks 0..3 correct the 125 kHz channels.
auto fixed_plan_blocks(const Region& region, const ChannelMask& enabled, std::uint8_t off_cntl)
    -> Result<std::vector<ChannelMaskBlock>, RegionError> {
    const std::uint16_t mask_500 = mask_bits(enabled, first_500khz_channel, sub_band_count);
    const auto on_cntl = find_cntl(region, ChMaskCntlMeaning::all_125khz_on_mask_500);
    std::optional<ChannelMaskBlock> reset_on;
    if (on_cntl) {
        reset_on = ChannelMaskBlock{mask_500, *on_cntl};
    }
    return shorter_plan(region, enabled, first_500khz_channel, ChannelMaskBlock{mask_500, off_cntl},
                        reset_on);
}

// Plans addressed only by 16-channel blocks (CN470's 96 channels; EU868-like plans have a single
// block): every block, or "all channels on" followed by the blocks that are not full.
auto channel_block_plan(const Region& region, const ChannelMask& enabled)
    -> Result<std::vector<ChannelMaskBlock>, RegionError> {
    std::optional<ChannelMaskBlock> reset_on;
    // In 16-channel plans "all on" means all *defined* channels, which the planner does not know,
    // and a single ChMaskCntl 0 block is never longer anyway.
    if (region.max_channels > block_width) {
        if (const auto cntl = find_cntl(region, ChMaskCntlMeaning::all_channels_on)) {
            reset_on = ChannelMaskBlock{0x0000, *cntl};
        }
    }
    // Without a reset every block is sent, even an empty one: its channels' state is unknown.
    std::vector<ChannelMaskBlock> every;
    for (std::size_t first = 0; first < region.max_channels; first += block_width) {
        const std::size_t width = std::min<std::size_t>(block_width, region.max_channels - first);
        const auto cntl =
            find_cntl(region, ChMaskCntlMeaning::channel_block, static_cast<std::uint8_t>(first));
        if (!cntl) {
            return Unexpected{RegionError::channel_set_not_expressible};
        }
        every.push_back({mask_bits(enabled, first, width), *cntl});
    }
    if (reset_on) {
        std::vector<ChannelMaskBlock> from_on{*reset_on};
        if (blocks_differing_from(region, enabled, region.max_channels, 0xffff, from_on) &&
            from_on.size() < every.size()) {
            return from_on;
        }
    }
    return every;
}

auto sub_band_blocks(const Region& region, const ChannelMask& enabled)
    -> Result<std::vector<ChannelMaskBlock>, RegionError> {
    const auto cntl = find_cntl(region, ChMaskCntlMeaning::sub_band_mask);
    if (!cntl) {
        return Unexpected{RegionError::channel_set_not_expressible};
    }
    std::uint16_t mask = 0;
    for (std::size_t band = 0; band < sub_band_count; ++band) {
        const std::uint16_t narrow = mask_bits(enabled, band * sub_band_width, sub_band_width);
        const bool wide = enabled.test(first_500khz_channel + band);
        if (narrow == 0xff && wide) {
            mask = static_cast<std::uint16_t>(mask | (1U << band));
        } else if (narrow != 0 || wide) {
            return Unexpected{RegionError::channel_set_not_expressible};
        }
    }
    return std::vector<ChannelMaskBlock>{{mask, *cntl}};
}

// The region's default channels: all channels of a fixed plan, the mandatory ones otherwise.
auto default_channel_set(const Region& region) -> ChannelMask {
    ChannelMask channels;
    for (const ChannelBlock& block : region.default_channels) {
        for (std::size_t i = 0; i < block.count; ++i) {
            channels.set(block.first_index + i);
        }
    }
    return channels;
}

// Applies one block; false if it enables a channel the region does not have.
auto apply_block(const Region& region, const ChMaskCntlEntry& entry, std::uint16_t ch_mask,
                 const ChannelMask& defined, ChannelMask& channels) -> bool {
    switch (entry.meaning) {
        case ChMaskCntlMeaning::rfu:
            return false;
        case ChMaskCntlMeaning::channel_block:
            return write_bits(region, channels, entry.first_channel, block_width, ch_mask);
        case ChMaskCntlMeaning::all_channels_on:
            channels |= defined | default_channel_set(region);
            return true;
        case ChMaskCntlMeaning::all_125khz_on_mask_500:
        case ChMaskCntlMeaning::all_125khz_off_mask_500: {
            const bool on = entry.meaning == ChMaskCntlMeaning::all_125khz_on_mask_500;
            for (std::size_t i = 0; i < first_500khz_channel; ++i) {
                channels.set(i, on);
            }
            return write_bits(region, channels, first_500khz_channel, block_width, ch_mask);
        }
        case ChMaskCntlMeaning::sub_band_mask:
            for (std::size_t band = 0; band < sub_band_count; ++band) {
                const bool on = (ch_mask >> band & 1U) != 0;
                for (std::size_t i = 0; i < sub_band_width; ++i) {
                    channels.set(band * sub_band_width + i, on);
                }
                channels.set(first_500khz_channel + band, on);
            }
            return (ch_mask >> sub_band_count) == 0;  // bits 8..15 RFU (RP002-1.0.4 erratum)
    }
    return false;
}

}  // namespace

auto link_adr_channel_mask_blocks(const Region& region, const ChannelMask& enabled,
                                  ChannelMaskForm form)
    -> Result<std::vector<ChannelMaskBlock>, RegionError> {
    if ((enabled >> region.max_channels).any()) {
        return Unexpected{RegionError::channel_out_of_range};
    }
    if (form == ChannelMaskForm::sub_bands) {
        return sub_band_blocks(region, enabled);
    }
    if (const auto off_cntl = find_cntl(region, ChMaskCntlMeaning::all_125khz_off_mask_500)) {
        return fixed_plan_blocks(region, enabled, *off_cntl);
    }
    return channel_block_plan(region, enabled);
}

auto apply_channel_mask_blocks(const Region& region, const ChannelMask& current,
                               std::span<const ChannelMaskBlock> blocks, const ChannelMask& defined)
    -> Result<ChannelMask, RegionError> {
    ChannelMask channels = current;
    for (const ChannelMaskBlock& block : blocks) {
        if (block.ch_mask_cntl >= region.ch_mask_cntl.size() ||
            region.ch_mask_cntl[block.ch_mask_cntl].meaning == ChMaskCntlMeaning::rfu) {
            return Unexpected{RegionError::ch_mask_cntl_rfu};
        }
        const ChMaskCntlEntry& entry = region.ch_mask_cntl[block.ch_mask_cntl];
        if (!apply_block(region, entry, block.ch_mask, defined, channels)) {
            return Unexpected{RegionError::channel_out_of_range};
        }
    }
    return channels;
}

auto sub_band_channels(const Region& region, std::uint8_t sub_band)
    -> Result<ChannelMask, RegionError> {
    if (!find_cntl(region, ChMaskCntlMeaning::sub_band_mask)) {
        return Unexpected{RegionError::no_sub_bands};
    }
    if (sub_band < 1 || sub_band > sub_band_count) {
        return Unexpected{RegionError::channel_out_of_range};
    }
    ChannelMask channels;
    const std::size_t band = sub_band - 1U;
    for (std::size_t i = 0; i < sub_band_width; ++i) {
        channels.set(band * sub_band_width + i);
    }
    channels.set(first_500khz_channel + band);
    return channels;
}

}  // namespace hortillon::lorawan::region
