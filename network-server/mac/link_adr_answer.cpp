#include "network-server/mac/link_adr_answer.hpp"

#include <algorithm>

#include "lorawan/region/channel_mask.hpp"
#include "network-server/mac/link_adr_plan.hpp"
#include "network-server/mac/mac_pending.hpp"

namespace hortillon::network_server {

using namespace lorawan;
using region::ChannelMaskBlock;

namespace {

auto status_bits(const LinkAdrAns& ans) -> std::uint8_t {
    return static_cast<std::uint8_t>((ans.power_ack ? 4 : 0) | (ans.data_rate_ack ? 2 : 0) |
                                     (ans.channel_mask_ack ? 1 : 0));
}

// What a device rejecting `last` tells about its abilities (ChirpStack's rules for TXPower).
void learn_from_rejection(DeviceMacState& state, const LinkAdrAns& ans, const LinkAdrReq& last) {
    auto& limits = state.link_adr_limits;
    if (!ans.power_ack && last.tx_power != link_adr_keep_current) {
        if (last.tx_power == 0) {
            // Some devices (RN2483 1.0.3 firmware) refuse TXPower 0 instead of using their
            // maximum: never ask it again.
            limits.min_tx_power_index = 1;
        } else if (last.tx_power > state.tx_power_index) {
            limits.max_tx_power_index = static_cast<std::uint8_t>(last.tx_power - 1);
        }
    }
    if (!ans.data_rate_ack && last.data_rate != link_adr_keep_current &&
        last.data_rate > state.dr) {
        limits.max_dr = static_cast<std::uint8_t>(last.data_rate - 1);
    }
}

}  // namespace

void apply_link_adr_answers(MacAnswersOutcome& outcome, std::span<const LinkAdrAns> answers,
                            std::span<const MacCommand> requests, const region::Region& region) {
    LinkAdrAns combined{.power_ack = true, .data_rate_ack = true, .channel_mask_ack = true};
    for (const auto& ans : answers) {
        combined.power_ack = combined.power_ack && ans.power_ack;
        combined.data_rate_ack = combined.data_rate_ack && ans.data_rate_ack;
        combined.channel_mask_ack = combined.channel_mask_ack && ans.channel_mask_ack;
    }
    std::vector<ChannelMaskBlock> blocks;
    for (const auto& command : requests) {
        const auto& req = std::get<LinkAdrReq>(command);
        blocks.push_back(
            ChannelMaskBlock{.ch_mask = req.ch_mask, .ch_mask_cntl = req.ch_mask_cntl});
    }
    const auto& last = std::get<LinkAdrReq>(requests.back());
    DeviceMacState& state = outcome.state;
    const auto mask = region::apply_channel_mask_blocks(region, state.enabled_channels, blocks,
                                                        defined_channels(region, state));
    const std::uint8_t status = status_bits(combined);
    if (status != 7 || !mask) {
        learn_from_rejection(state, combined, last);
        if (!combined.channel_mask_ack && mask) {
            state.link_adr_limits.rejected_channel_mask = *mask;
        }
        record_rejection(state, last);
        outcome.findings.push_back({MacFindingKind::rejected, Cid::link_adr, status});
        return;
    }
    const AdrSettings before{state.dr, state.tx_power_index, state.nb_trans};
    if (last.data_rate != link_adr_keep_current) {
        state.dr = last.data_rate;
    }
    if (last.tx_power != link_adr_keep_current) {
        state.tx_power_index = last.tx_power;
    }
    if (last.nb_trans != 0) {
        state.nb_trans = last.nb_trans;
    }
    state.enabled_channels = *mask;
    // The history describes the old settings; ADR starts over on the new ones (ChirpStack).
    if (before != AdrSettings{state.dr, state.tx_power_index, state.nb_trans}) {
        state.adr_history.clear();
    }
    outcome.findings.push_back({MacFindingKind::acknowledged, Cid::link_adr, status});
}

}  // namespace hortillon::network_server
