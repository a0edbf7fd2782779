#pragma once
// Channel sets as LinkADRReq channel-mask blocks. The values are structured (ChMask, ChMaskCntl),
// not bytes: the LinkADRReq codec in lorawan/mac encodes them. A network server sends the
// blocks as one contiguous run of LinkADRReq commands, in the order returned (TS001 §5.3).

#include <cstdint>
#include <span>
#include <vector>

#include "lorawan/region/cflist.hpp"
#include "lorawan/region/region.hpp"

namespace hortillon::lorawan::region {

struct ChannelMaskBlock {
    std::uint16_t ch_mask = 0;      // bit i = channel (block start + i)
    std::uint8_t ch_mask_cntl = 0;  // 0..7, meaning per region.ch_mask_cntl
    friend auto operator==(const ChannelMaskBlock&, const ChannelMaskBlock&) -> bool = default;
};

enum class ChannelMaskForm : std::uint8_t {
    // Any RP version; the fewest blocks that reach the set whatever the device held before.
    // US915/AU915: ChMaskCntl 7 (all 125 kHz off) or 6 (all on), each carrying the 500 kHz mask,
    // followed by the 16-channel blocks that differ from that; 7 wins ties (one sub-band is
    // ChMaskCntl 7 + one block, as ChirpStack and TTN send it).
    // CN470: all six blocks, or ChMaskCntl 6 (all on) followed by the blocks not fully on.
    // 16-channel plans (EU868, AS923, IN865, KR920, EU433, RU864): one ChMaskCntl 0 block.
    channel_blocks,
    // RP 1.0.3 and later, US915/AU915: one ChMaskCntl 5 block, bit i = sub-band i + 1. Only
    // sets made of whole sub-bands (8 x 125 kHz + their 500 kHz channel) can be expressed.
    sub_bands,
};

// The LinkADRReq blocks that leave exactly `enabled` on.
// Fails: channel_out_of_range if a channel >= region.max_channels is set;
//        channel_set_not_expressible if the region has no ChMaskCntl for `form`, or (sub_bands)
//        a sub-band is only partly enabled.
auto link_adr_channel_mask_blocks(const Region& region, const ChannelMask& enabled,
                                  ChannelMaskForm form = ChannelMaskForm::channel_blocks)
    -> Result<std::vector<ChannelMaskBlock>, RegionError>;

// What a device holding `current` ends up with after applying `blocks` in order (the device side
// of LinkADRReq, used to predict the device's mask). `defined` lists the channels the device
// knows beyond the region's default channels (CFList and NewChannelReq channels of dynamic plans),
// used by "all channels on"; in fixed plans that turns on every channel of the region.
// Fails: ch_mask_cntl_rfu for an RFU ChMaskCntl or a value above 7;
//        channel_out_of_range if a block enables a channel >= region.max_channels.
auto apply_channel_mask_blocks(const Region& region, const ChannelMask& current,
                               std::span<const ChannelMaskBlock> blocks, const ChannelMask& defined)
    -> Result<ChannelMask, RegionError>;

// Channels of sub-band `sub_band` (1..8, "FSB1".."FSB8"): 125 kHz channels 8 (n - 1) .. 8 n - 1
// and 500 kHz channel 63 + n.
// Fails: no_sub_bands if the region has no ChMaskCntl sub-band control;
//        channel_out_of_range if sub_band is not 1..8.
auto sub_band_channels(const Region& region, std::uint8_t sub_band)
    -> Result<ChannelMask, RegionError>;

}  // namespace hortillon::lorawan::region
