#include "network-server/mac/link_adr_plan.hpp"

#include <algorithm>

#include "lorawan/region/channel_mask.hpp"

namespace hortillon::network_server {

using namespace lorawan;
using region::ChannelMask;
using region::ChannelMaskBlock;
using region::Region;

auto wanted_channel_mask(const Region& region, const DeviceMacTarget& target,
                         const DeviceMacState& state) -> ChannelMask {
    const ChannelMask known = defined_channels(region, state);
    ChannelMask wanted = known;
    if (target.enabled_channels) {
        wanted = *target.enabled_channels & known;
    } else {
        // Extra channels the target drops are about to be removed by NewChannelReq.
        for (const auto& channel : state.extra_channels) {
            const bool kept = std::ranges::any_of(
                target.extra_channels, [&](const auto& t) { return t.index == channel.index; });
            if (!kept) {
                wanted.reset(channel.index);
            }
        }
    }
    if (wanted.none() || wanted == state.link_adr_limits.rejected_channel_mask) {
        return state.enabled_channels;
    }
    return wanted;
}

namespace {

// The ADR decision within the limits the device's earlier rejections taught.
auto bounded_settings(const DeviceMacTarget& target, const DeviceMacState& state,
                      const Region& region, const AdrDecision& decision) -> AdrSettings {
    const AdrSettings current{state.dr, state.tx_power_index, state.nb_trans};
    AdrSettings wanted = target.adr.enabled ? decision.change.value_or(current) : current;
    const auto& limits = state.link_adr_limits;
    if (limits.max_dr && wanted.dr > state.dr) {
        wanted.dr = std::max(std::min(wanted.dr, *limits.max_dr), state.dr);
    }
    const std::uint8_t min_power = limits.min_tx_power_index.value_or(0);
    const std::uint8_t max_power =
        std::max(min_power, limits.max_tx_power_index.value_or(max_region_tx_power_index(region)));
    wanted.tx_power_index = std::clamp(wanted.tx_power_index, min_power, max_power);
    wanted.nb_trans = std::clamp<std::uint8_t>(wanted.nb_trans, 1, 15);
    return wanted;
}

auto mask_blocks(const Region& region, const DeviceMacTarget& target, const ChannelMask& mask)
    -> std::vector<ChannelMaskBlock> {
    auto blocks = region::link_adr_channel_mask_blocks(region, mask);
    // ChMaskCntl 5 (whole sub-bands) exists from RP 1.0.3, which 1.0.3+ devices implement.
    if (target.mac_version >= MacVersion::v1_0_3) {
        auto sub_bands =
            region::link_adr_channel_mask_blocks(region, mask, region::ChannelMaskForm::sub_bands);
        if (sub_bands && (!blocks || sub_bands->size() < blocks->size())) {
            return *sub_bands;
        }
    }
    return blocks ? *blocks : std::vector<ChannelMaskBlock>{};
}

}  // namespace

auto plan_link_adr(const DeviceMacTarget& target, const DeviceMacState& state, const Region& region,
                   const AdrDecision& decision) -> std::vector<LinkAdrReq> {
    AdrSettings wanted = bounded_settings(target, state, region, decision);
    ChannelMask mask = wanted_channel_mask(region, target, state);
    if (!mask_allows_dr(region, state, mask, wanted.dr)) {
        wanted.dr = state.dr;  // a mask that forbids the DR would be rejected as a whole
        if (!mask_allows_dr(region, state, mask, wanted.dr)) {
            mask = state.enabled_channels;
        }
    }
    const bool settings_change =
        wanted != AdrSettings{state.dr, state.tx_power_index, state.nb_trans};
    if (!settings_change && mask == state.enabled_channels) {
        return {};
    }
    // Only the mask changes: 1.0.4 lets DR and power stay as the device has them.
    const bool keep = !settings_change && target.mac_version >= MacVersion::v1_0_4;
    std::vector<LinkAdrReq> requests;
    for (const auto& block : mask_blocks(region, target, mask)) {
        requests.push_back(LinkAdrReq{
            .data_rate = keep ? link_adr_keep_current : wanted.dr,
            .tx_power = keep ? link_adr_keep_current : wanted.tx_power_index,
            .ch_mask = block.ch_mask,
            .ch_mask_cntl = block.ch_mask_cntl,
            .nb_trans = wanted.nb_trans,
        });
    }
    return requests;
}

}  // namespace hortillon::network_server
