#include "network-server/mac/mac_state.hpp"

#include <algorithm>
#include <type_traits>

namespace hortillon::network_server {

using namespace lorawan;
using region::ChannelMask;
using region::Region;

namespace {

auto default_channel_mask(const Region& region) -> ChannelMask {
    ChannelMask mask;
    for (const auto& block : region.default_channels) {
        for (unsigned i = 0; i < block.count; ++i) {
            mask.set(block.first_index + i);
        }
    }
    return mask;
}

}  // namespace

auto default_mac_state(const Region& region) -> DeviceMacState {
    DeviceMacState state;
    state.enabled_channels = default_channel_mask(region);
    state.rx2_dr = region.rx2_default.dr;
    state.rx2_frequency_hz = region.rx2_default.frequency_hz;
    state.rx1_delay = region.defaults.receive_delay1;
    return state;
}

auto mac_state_after_join(const Region& region, const JoinMacSettings& join) -> DeviceMacState {
    DeviceMacState state = default_mac_state(region);
    state.dr = join.join_request_dr;
    state.rx1_dr_offset = join.rx1_dr_offset;
    state.rx2_dr = join.rx2_dr;
    if (join.rx2_frequency_hz != 0) {
        state.rx2_frequency_hz = join.rx2_frequency_hz;
    }
    state.rx1_delay = join.rx1_delay;
    if (!join.cflist) {
        return state;
    }
    if (const auto* mask = std::get_if<ChannelMask>(&*join.cflist)) {
        state.enabled_channels = *mask;
        return state;
    }
    // CFList channels take the DR range of the default channels (RP002, e.g. EU868 DR0-DR5).
    const auto& frequencies = std::get<region::CfListFrequencies>(*join.cflist).frequencies_hz;
    const auto first =
        region.default_channels.empty() ? region::ChannelBlock{} : region.default_channels.front();
    for (std::size_t i = 0; i < frequencies.size(); ++i) {
        if (frequencies[i] == 0) {
            continue;
        }
        const auto index = static_cast<std::uint8_t>(region.cflist_first_channel + i);
        state.extra_channels.push_back(ChannelDefinition{.index = index,
                                                         .frequency_hz = frequencies[i],
                                                         .min_dr = first.min_dr,
                                                         .max_dr = first.max_dr});
        state.enabled_channels.set(index);
    }
    return state;
}

auto defined_channels(const Region& region, const DeviceMacState& state) -> ChannelMask {
    ChannelMask mask = default_channel_mask(region);
    for (const auto& channel : state.extra_channels) {
        if (channel.index < mask.size()) {
            mask.set(channel.index);
        }
    }
    return mask;
}

auto channel_dr_range(const Region& region, const DeviceMacState& state, std::uint8_t index)
    -> std::optional<std::pair<std::uint8_t, std::uint8_t>> {
    for (const auto& block : region.default_channels) {
        if (index >= block.first_index && index < block.first_index + block.count) {
            return std::pair{block.min_dr, block.max_dr};
        }
    }
    for (const auto& channel : state.extra_channels) {
        if (channel.index == index) {
            return std::pair{channel.min_dr, channel.max_dr};
        }
    }
    return std::nullopt;
}

auto mask_allows_dr(const Region& region, const DeviceMacState& state, const ChannelMask& mask,
                    std::uint8_t dr) -> bool {
    for (std::size_t i = 0; i < mask.size(); ++i) {
        if (!mask.test(i)) {
            continue;
        }
        const auto range = channel_dr_range(region, state, static_cast<std::uint8_t>(i));
        if (range && dr >= range->first && dr <= range->second) {
            return true;
        }
    }
    return false;
}

auto max_region_tx_power_index(const Region& region) -> std::uint8_t {
    return region.tx_power_offsets_db.empty()
               ? 0
               : static_cast<std::uint8_t>(region.tx_power_offsets_db.size() - 1);
}

auto command_cid(const MacCommand& command) -> std::optional<Cid> {
    return std::visit(
        [](const auto& typed) -> std::optional<Cid> {
            using T = std::decay_t<decltype(typed)>;
            if constexpr (std::is_same_v<T, ProprietaryMacCommand>) {
                return std::nullopt;
            } else {
                return T::cid;
            }
        },
        command);
}

}  // namespace hortillon::network_server
