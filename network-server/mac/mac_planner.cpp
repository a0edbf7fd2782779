#include "network-server/mac/mac_planner.hpp"

#include <algorithm>

#include "network-server/mac/link_adr_plan.hpp"
#include "network-server/mac/mac_pending.hpp"

namespace hortillon::network_server {

using namespace lorawan;
using region::Region;

namespace {

struct Candidate {
    std::vector<MacCommand> commands;
    bool every_downlink = false;  // resent in each downlink until answered
};

auto dynamic_plan(const Region& region) -> bool {
    return region.rx1_frequency_rule == region::Rx1FrequencyRule::same_as_uplink;
}

void add_receive_window_requests(std::vector<Candidate>& out, const DeviceMacTarget& target,
                                 const DeviceMacState& state, const Region& region) {
    const std::uint32_t rx2_frequency =
        target.rx2_frequency_hz != 0 ? target.rx2_frequency_hz : region.rx2_default.frequency_hz;
    if (target.rx1_dr_offset != state.rx1_dr_offset || target.rx2_dr != state.rx2_dr ||
        rx2_frequency != state.rx2_frequency_hz) {
        out.push_back({{RxParamSetupReq{.rx1_dr_offset = target.rx1_dr_offset,
                                        .rx2_data_rate = target.rx2_dr,
                                        .frequency = rx2_frequency}},
                       true});
    }
    if (target.rx1_delay != state.rx1_delay) {
        // Del 0 and 1 both mean 1 s; 15 s is the most the field holds.
        const auto del = std::clamp<std::chrono::seconds::rep>(target.rx1_delay.count(), 1, 15);
        out.push_back({{RxTimingSetupReq{.del = static_cast<std::uint8_t>(del)}}, true});
    }
    if (target.mac_version < MacVersion::v1_0_2 || !dynamic_plan(region)) {
        return;
    }
    const auto known = defined_channels(region, state);
    for (const auto& [channel, frequency] : target.downlink_frequencies_hz) {
        const auto current = state.downlink_frequencies_hz.find(channel);
        const bool same =
            current != state.downlink_frequencies_hz.end() ? current->second == frequency : false;
        if (!same && channel < known.size() && known.test(channel)) {
            out.push_back({{DlChannelReq{.ch_index = channel, .frequency = frequency}}, true});
        }
    }
}

void add_new_channel_requests(std::vector<Candidate>& out, const DeviceMacTarget& target,
                              const DeviceMacState& state, const Region& region) {
    if (!dynamic_plan(region)) {
        return;
    }
    for (const auto& wanted : target.extra_channels) {
        const bool present =
            std::ranges::find(state.extra_channels, wanted) != state.extra_channels.end();
        if (!present) {
            out.push_back({{NewChannelReq{.ch_index = wanted.index,
                                          .frequency = wanted.frequency_hz,
                                          .max_dr = wanted.max_dr,
                                          .min_dr = wanted.min_dr}}});
        }
    }
    for (const auto& existing : state.extra_channels) {
        const bool kept = std::ranges::any_of(
            target.extra_channels, [&](const auto& t) { return t.index == existing.index; });
        if (!kept) {  // frequency 0 deletes the channel
            out.push_back({{NewChannelReq{.ch_index = existing.index}}});
        }
    }
}

void add_optional_requests(std::vector<Candidate>& out, const DeviceMacTarget& target,
                           const DeviceMacState& state, const Region& region, SystemTime now) {
    if (target.max_duty_cycle && *target.max_duty_cycle != state.max_duty_cycle) {
        out.push_back({{DutyCycleReq{.max_d_cycle = *target.max_duty_cycle}}});
    }
    if (region.implements_tx_param_setup && target.mac_version >= MacVersion::v1_0_2 &&
        target.tx_params && target.tx_params != state.tx_params) {
        out.push_back(
            {{TxParamSetupReq{.downlink_dwell_time = target.tx_params->downlink_dwell_time_400ms,
                              .uplink_dwell_time = target.tx_params->uplink_dwell_time_400ms,
                              .max_eirp = target.tx_params->max_eirp_index}}});
    }
    if (target.dev_status_interval &&
        (!state.dev_status_requested_at ||
         now - *state.dev_status_requested_at >= *target.dev_status_interval)) {
        out.push_back({{DevStatusReq{}}});
    }
    if (!is_lorawan_1_1(target.mac_version)) {
        return;
    }
    if (target.adr_ack && target.adr_ack != state.adr_ack) {
        out.push_back({{AdrParamSetupReq{.limit_exp = target.adr_ack->limit_exp,
                                         .delay_exp = target.adr_ack->delay_exp}}});
    }
    if (target.rejoin && (!state.rejoin || state.rejoin->max_time_n != target.rejoin->max_time_n ||
                          state.rejoin->max_count_n != target.rejoin->max_count_n)) {
        out.push_back({{RejoinParamSetupReq{.max_time_n = target.rejoin->max_time_n,
                                            .max_count_n = target.rejoin->max_count_n}}});
    }
}

auto candidates(const DeviceMacTarget& target, const DeviceMacState& state, const Region& region,
                const AdrDecision& decision, SystemTime now) -> std::vector<Candidate> {
    std::vector<Candidate> out;
    add_receive_window_requests(out, target, state, region);
    if (auto link_adr = plan_link_adr(target, state, region, decision); !link_adr.empty()) {
        out.push_back({{link_adr.begin(), link_adr.end()}});
    }
    add_new_channel_requests(out, target, state, region);
    add_optional_requests(out, target, state, region, now);
    return out;
}

auto is_due(const Candidate& candidate, const DeviceMacTarget& target, const DeviceMacState& state)
    -> bool {
    // A LinkADRReq block is judged by its last command, which carries DR/TXPower/NbTrans.
    if (was_rejected(state, candidate.commands.back())) {
        return false;
    }
    const auto key = request_key(candidate.commands.front());
    const PendingMacRequest* pending = key ? find_pending(state, *key) : nullptr;
    if (pending == nullptr || pending->commands != candidate.commands) {
        return true;  // new values replace whatever was pending
    }
    if (pending->attempts >= max_mac_request_attempts) {
        return false;
    }
    return candidate.every_downlink || pending->uplinks_since_sent >= target.resend_after_uplinks;
}

auto encoded_size(const Candidate& candidate) -> std::size_t {
    std::size_t size = 0;
    for (const auto& command : candidate.commands) {
        size += lorawan::encoded_size(command);
    }
    return size;
}

}  // namespace

auto plan_mac_requests(const DeviceMacTarget& target, const DeviceMacState& state,
                       const Region& region, const AdrDecision& adr_decision, SystemTime now,
                       std::size_t budget_bytes) -> MacPlan {
    MacPlan plan;
    std::size_t left = budget_bytes;
    for (auto& candidate : candidates(target, state, region, adr_decision, now)) {
        if (!is_due(candidate, target, state)) {
            continue;
        }
        const std::size_t size = encoded_size(candidate);
        if (size > left) {
            plan.more_due = true;
            continue;
        }
        left -= size;
        std::ranges::move(candidate.commands, std::back_inserter(plan.requests));
    }
    return plan;
}

auto mark_requests_sent(DeviceMacState state, const MacPlan& plan, SystemTime now)
    -> DeviceMacState {
    for (auto& group : group_requests(plan.requests)) {
        if (std::holds_alternative<DevStatusReq>(group.front())) {
            state.dev_status_requested_at = now;
        }
        const auto key = request_key(group.front());
        auto found = std::ranges::find_if(state.pending, [&](const PendingMacRequest& p) {
            return !p.commands.empty() && request_key(p.commands.front()) == key;
        });
        if (found == state.pending.end()) {
            state.pending.push_back(PendingMacRequest{.commands = std::move(group)});
        } else if (found->commands == group) {
            ++found->attempts;
            found->uplinks_since_sent = 0;
        } else {
            *found = PendingMacRequest{.commands = std::move(group)};
        }
    }
    return state;
}

}  // namespace hortillon::network_server
