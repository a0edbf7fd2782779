// LinkADRReq channel-mask blocks from and to channel sets, driven by region.ch_mask_cntl.

#include "lorawan/region/channel_mask.hpp"

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

auto count_in(const ChannelMask& channels, std::size_t first, std::size_t width) -> std::size_t {
    std::size_t count = 0;
    for (std::size_t i = first; i < first + width && i < channels.size(); ++i) {
        count += channels.test(i) ? 1 : 0;
    }
    return count;
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

auto fixed_plan_blocks(const Region& region, const ChannelMask& enabled, std::uint8_t off_cntl)
    -> Result<std::vector<ChannelMaskBlock>, RegionError> {
    const std::uint16_t mask_500 = mask_bits(enabled, first_500khz_channel, sub_band_count);
    const auto on_cntl = find_cntl(region, ChMaskCntlMeaning::all_125khz_on_mask_500);
    if (on_cntl && count_in(enabled, 0, first_500khz_channel) == first_500khz_channel) {
        return std::vector<ChannelMaskBlock>{{mask_500, *on_cntl}};
    }
    std::vector<ChannelMaskBlock> blocks{{mask_500, off_cntl}};
    for (std::size_t first = 0; first < first_500khz_channel; first += block_width) {
        const std::uint16_t mask = mask_bits(enabled, first, block_width);
        if (mask == 0) {
            continue;
        }
        const auto cntl =
            find_cntl(region, ChMaskCntlMeaning::channel_block, static_cast<std::uint8_t>(first));
        if (!cntl) {
            return Unexpected{RegionError::channel_set_not_expressible};
        }
        blocks.push_back({mask, *cntl});
    }
    return blocks;
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

// Applies one block; false if it enables a channel the region does not have.
auto apply_block(const Region& region, const ChMaskCntlEntry& entry, std::uint16_t ch_mask,
                 const ChannelMask& defined, ChannelMask& channels) -> bool {
    switch (entry.meaning) {
        case ChMaskCntlMeaning::rfu:
            return false;
        case ChMaskCntlMeaning::channel_block:
            return write_bits(region, channels, entry.first_channel, block_width, ch_mask);
        case ChMaskCntlMeaning::all_channels_on:
            channels |= defined;
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
    const auto cntl = find_cntl(region, ChMaskCntlMeaning::channel_block, 0);
    if (!cntl || region.max_channels > block_width) {
        return Unexpected{RegionError::channel_set_not_expressible};
    }
    return std::vector<ChannelMaskBlock>{{mask_bits(enabled, 0, block_width), *cntl}};
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
