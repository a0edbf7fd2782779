#include "network-server/mac/mac_answers.hpp"

#include <algorithm>
#include <type_traits>

#include "network-server/adr/adr_history.hpp"
#include "network-server/mac/link_adr_answer.hpp"
#include "network-server/mac/mac_pending.hpp"

namespace hortillon::network_server {

using namespace lorawan;

auto to_string(MacFindingKind kind) -> std::string_view {
    switch (kind) {
        case MacFindingKind::acknowledged:
            return "acknowledged";
        case MacFindingKind::rejected:
            return "rejected";
        case MacFindingKind::unexpected_answer:
            return "unexpected_answer";
        case MacFindingKind::repeated_answer:
            return "repeated_answer";
        case MacFindingKind::not_allowed:
            return "not_allowed";
        case MacFindingKind::ignored:
            return "ignored";
        case MacFindingKind::device_status:
            return "device_status";
        case MacFindingKind::device_reset:
            return "device_reset";
        case MacFindingKind::rekey:
            return "rekey";
        case MacFindingKind::device_backed_off:
            return "device_backed_off";
        case MacFindingKind::gave_up:
            return "gave_up";
    }
    return "unknown";
}

namespace {

// Answers the device repeats until it gets a class A downlink (TS001-1.0.4 §5; TxParamSetupAns
// since 1.0.4).
constexpr auto is_sticky(Cid cid) -> bool {
    return cid == Cid::rx_param_setup || cid == Cid::rx_timing_setup || cid == Cid::dl_channel ||
           cid == Cid::tx_param_setup;
}

// LoRaWAN 1.1 ResetConf/RekeyConf carry the server's minor version: 1 (LoRaWAN x.1).
constexpr std::uint8_t server_minor_version = 1;

// Takes the oldest pending request with this CID (answers come in the order of the requests).
auto take_pending(DeviceMacState& state, Cid cid) -> std::optional<std::vector<MacCommand>> {
    auto found = std::ranges::find_if(state.pending, [&](const PendingMacRequest& p) {
        return !p.commands.empty() && command_cid(p.commands.front()) == cid;
    });
    if (found == state.pending.end()) {
        return std::nullopt;
    }
    auto commands = std::move(found->commands);
    state.pending.erase(found);
    return commands;
}

class AnswerVisitor {
  public:
    AnswerVisitor(MacAnswersOutcome& out, const MacUplink& uplink, const region::Region& region)
        : out_(out), uplink_(uplink), region_(region) {}

    void operator()(const RxParamSetupAns& ans) {
        const auto status =
            static_cast<std::uint8_t>((ans.rx1_dr_offset_ack ? 4 : 0) |
                                      (ans.rx2_data_rate_ack ? 2 : 0) | (ans.channel_ack ? 1 : 0));
        with_request<RxParamSetupReq>(Cid::rx_param_setup, status == 7, status,
                                      [&](const RxParamSetupReq& req) {
                                          state().rx1_dr_offset = req.rx1_dr_offset;
                                          state().rx2_dr = req.rx2_data_rate;
                                          state().rx2_frequency_hz = req.frequency;
                                      });
    }
    void operator()(const RxTimingSetupAns&) {
        with_request<RxTimingSetupReq>(
            Cid::rx_timing_setup, true, 0, [&](const RxTimingSetupReq& req) {
                state().rx1_delay = std::chrono::seconds{std::max<std::uint8_t>(req.del, 1)};
            });
    }
    void operator()(const DlChannelAns& ans) {
        const auto status = static_cast<std::uint8_t>((ans.uplink_frequency_exists ? 2 : 0) |
                                                      (ans.channel_frequency_ok ? 1 : 0));
        with_request<DlChannelReq>(
            Cid::dl_channel, status == 3, status, [&](const DlChannelReq& req) {
                state().downlink_frequencies_hz[req.ch_index] = req.frequency;
            });
    }
    void operator()(const TxParamSetupAns&) {
        with_request<TxParamSetupReq>(
            Cid::tx_param_setup, true, 0, [&](const TxParamSetupReq& req) {
                state().tx_params = TxParams{.uplink_dwell_time_400ms = req.uplink_dwell_time,
                                             .downlink_dwell_time_400ms = req.downlink_dwell_time,
                                             .max_eirp_index = req.max_eirp};
            });
    }
    void operator()(const NewChannelAns& ans) {
        const auto status = static_cast<std::uint8_t>((ans.data_rate_range_ok ? 2 : 0) |
                                                      (ans.channel_frequency_ok ? 1 : 0));
        with_request<NewChannelReq>(Cid::new_channel, status == 3, status,
                                    [&](const NewChannelReq& req) { apply_new_channel(req); });
    }
    void operator()(const DutyCycleAns&) {
        with_request<DutyCycleReq>(Cid::duty_cycle, true, 0, [&](const DutyCycleReq& req) {
            state().max_duty_cycle = req.max_d_cycle;
        });
    }
    void operator()(const AdrParamSetupAns&) {
        with_request<AdrParamSetupReq>(
            Cid::adr_param_setup, true, 0, [&](const AdrParamSetupReq& req) {
                state().adr_ack = AdrAckParams{req.limit_exp, req.delay_exp};
            });
    }
    void operator()(const RejoinParamSetupAns& ans) {
        // TimeOK 0: the device took MaxCountN but not MaxTimeN; both are noted, and the
        // values are not asked again.
        with_request<RejoinParamSetupReq>(
            Cid::rejoin_param_setup, ans.time_ok, ans.time_ok ? 1 : 0,
            [&](const RejoinParamSetupReq& req) {
                state().rejoin = RejoinParams{req.max_time_n, req.max_count_n, ans.time_ok};
            },
            /*apply_when_rejected=*/true);
    }
    void operator()(const DevStatusAns& ans) {
        (void)take_pending(state(), Cid::dev_status);
        const DeviceStatus status{
            .battery = ans.battery, .margin_db = ans.margin, .received_at = uplink_.received_at};
        state().last_device_status = status;
        out_.device_status = status;
        out_.findings.push_back({MacFindingKind::device_status, Cid::dev_status, 0});
    }
    void operator()(const ResetInd& ans) {
        if (!version_allows(Cid::reset)) {
            return;
        }
        // The device is back to its default MAC and radio parameters (LoRaWAN 1.1 §5.1);
        // what it told about itself (status) stays true.
        auto status = state().last_device_status;
        state() = default_mac_state(region_);
        state().last_device_status = status;
        state().dr = uplink_.dr;
        out_.answers.emplace_back(ResetConf{.minor = std::min(ans.minor, server_minor_version)});
        out_.downlink_required = true;
        out_.findings.push_back({MacFindingKind::device_reset, Cid::reset, ans.minor});
    }
    void operator()(const RekeyInd& ans) {
        if (!version_allows(Cid::rekey)) {
            return;
        }
        out_.answers.emplace_back(RekeyConf{.minor = std::min(ans.minor, server_minor_version)});
        out_.downlink_required = true;
        out_.findings.push_back({MacFindingKind::rekey, Cid::rekey, ans.minor});
    }
    template <class Other>
    void operator()(const Other& other) {
        out_.findings.push_back({MacFindingKind::ignored, command_cid(MacCommand{other}), 0});
    }

  private:
    auto state() -> DeviceMacState& { return out_.state; }

    auto version_allows(Cid cid) -> bool {
        if (is_lorawan_1_1(uplink_.mac_version)) {
            return true;
        }
        out_.findings.push_back({MacFindingKind::not_allowed, cid, 0});
        return false;
    }

    // Matches the answer with its pending request and applies it when `accepted`.
    template <class Request, class Apply>
    void with_request(Cid cid, bool accepted, std::uint8_t status, Apply apply,
                      bool apply_when_rejected = false) {
        if (is_sticky(cid)) {
            out_.downlink_required = true;
        }
        const auto pending = take_pending(state(), cid);
        if (!pending) {
            const auto kind = is_sticky(cid) ? MacFindingKind::repeated_answer
                                             : MacFindingKind::unexpected_answer;
            out_.findings.push_back({kind, cid, status});
            return;
        }
        const auto& request = std::get<Request>(pending->front());
        if (accepted || apply_when_rejected) {
            apply(request);
        }
        if (!accepted) {
            record_rejection(state(), request);
        }
        out_.findings.push_back(
            {accepted ? MacFindingKind::acknowledged : MacFindingKind::rejected, cid, status});
    }

    void apply_new_channel(const NewChannelReq& req) {
        auto& channels = state().extra_channels;
        std::erase_if(channels, [&](const auto& c) { return c.index == req.ch_index; });
        if (req.ch_index < state().enabled_channels.size()) {
            state().enabled_channels.set(req.ch_index, req.frequency != 0);
        }
        if (req.frequency == 0) {
            state().downlink_frequencies_hz.erase(req.ch_index);
            return;
        }
        channels.push_back(ChannelDefinition{.index = req.ch_index,
                                             .frequency_hz = req.frequency,
                                             .min_dr = req.min_dr,
                                             .max_dr = req.max_dr});
        std::ranges::sort(channels, {}, &ChannelDefinition::index);
    }

    MacAnswersOutcome& out_;
    const MacUplink& uplink_;
    const region::Region& region_;
};

void apply_link_adr(MacAnswersOutcome& out, std::span<const MacCommand> device_answers,
                    const region::Region& region) {
    std::vector<LinkAdrAns> answers;
    for (const auto& command : device_answers) {
        if (const auto* ans = std::get_if<LinkAdrAns>(&command)) {
            answers.push_back(*ans);
        }
    }
    if (answers.empty()) {
        return;
    }
    if (auto pending = take_pending(out.state, Cid::link_adr)) {
        apply_link_adr_answers(out, answers, *pending, region);
    } else {
        out.findings.push_back({MacFindingKind::unexpected_answer, Cid::link_adr, 0});
    }
}

// The device's own ADR back-off raises its power to the default before it lowers the DR
// (TS001-1.0.4 §4.3.1.1, Table 9): an ADRACKReq uplink at a lower DR means maximum power.
void observe_uplink(MacAnswersOutcome& out, const MacUplink& uplink) {
    DeviceMacState& state = out.state;
    if (uplink.adr_ack_req && uplink.dr < state.dr) {
        state.tx_power_index = 0;
        out.findings.push_back({MacFindingKind::device_backed_off, std::nullopt, uplink.dr});
    }
    state.dr = uplink.dr;
    state.adr_history = record_adr_uplink(std::move(state.adr_history),
                                          AdrUplink{.f_cnt = uplink.f_cnt,
                                                    .max_snr_db = uplink.max_snr_db,
                                                    .tx_power_index = state.tx_power_index,
                                                    .dr = uplink.dr});
}

}  // namespace

auto apply_mac_answers(const DeviceMacState& state, std::span<const MacCommand> device_answers,
                       const MacUplink& uplink, const region::Region& region) -> MacAnswersOutcome {
    MacAnswersOutcome out{.state = state};
    // Requests still pending after this uplink have gone one more uplink unanswered.
    for (auto& pending : out.state.pending) {
        ++pending.uplinks_since_sent;
    }
    apply_link_adr(out, device_answers, region);
    AnswerVisitor visitor{out, uplink, region};
    for (const auto& command : device_answers) {
        if (!std::holds_alternative<LinkAdrAns>(command)) {
            std::visit(visitor, command);
        }
    }
    observe_uplink(out, uplink);
    return out;
}

}  // namespace hortillon::network_server
