#include <catch2/catch.hpp>

#include "lorawan/region/channel_mask.hpp"
#include "mac_test_support.hpp"

using namespace hortillon;
using namespace hortillon::lorawan;
using namespace hortillon::network_server;
using namespace hortillon::network_server::test;
using namespace std::chrono_literals;
namespace region = lorawan::region;

namespace {

// `state` with `requests` sent (and pending) in the last downlink.
auto sent(DeviceMacState state, std::vector<MacCommand> requests) -> DeviceMacState {
    return mark_requests_sent(std::move(state), MacPlan{.requests = std::move(requests)}, t0);
}

auto apply(const DeviceMacState& state, std::vector<MacCommand> answers,
           const MacUplink& up = uplink(1, 0), const region::Region& r = region::eu868)
    -> MacAnswersOutcome {
    return apply_mac_answers(state, answers, up, r);
}

auto finding(MacFindingKind kind, Cid cid, std::uint8_t status = 0) -> MacFinding {
    return MacFinding{kind, cid, status};
}

const LinkAdrAns all_ack{.power_ack = true, .data_rate_ack = true, .channel_mask_ack = true};

}  // namespace

TEST_CASE("LinkADRAns, all acknowledged: the state takes the request, ADR history restarts") {
    auto state = default_mac_state(region::eu868);
    state.adr_history = {{1, 0, 0, 0}, {2, 0, 0, 0}};
    state =
        sent(state, {LinkAdrReq{.data_rate = 5, .tx_power = 2, .ch_mask = 0b011, .nb_trans = 2}});
    const auto out = apply(state, {all_ack}, uplink(3, 5, 4.5));
    CHECK(out.state.dr == 5);
    CHECK(out.state.tx_power_index == 2);
    CHECK(out.state.nb_trans == 2);
    CHECK(out.state.enabled_channels == region::ChannelMask{0b011});
    CHECK(out.state.pending.empty());
    CHECK(out.findings == std::vector{finding(MacFindingKind::acknowledged, Cid::link_adr, 7)});
    CHECK_FALSE(out.downlink_required);
    // The old history is gone; this uplink, at the new settings, starts the new one.
    CHECK(out.state.adr_history == std::vector<AdrUplink>{{3, 4.5, 2, 5}});
}

TEST_CASE("LinkADRAns with DR and power 15 (keep) changes only the mask") {
    auto state = default_mac_state(region::eu868);
    state.dr = 3;
    state.tx_power_index = 1;
    state.adr_history = {{1, 0, 1, 3}};
    state =
        sent(state, {LinkAdrReq{.data_rate = 15, .tx_power = 15, .ch_mask = 0b101, .nb_trans = 1}});
    const auto out = apply(state, {all_ack}, uplink(2, 3));
    CHECK(out.state.dr == 3);
    CHECK(out.state.tx_power_index == 1);
    CHECK(out.state.enabled_channels == region::ChannelMask{0b101});
    CHECK(out.state.adr_history.size() == 2);  // same settings: the history goes on
}

TEST_CASE("LinkADRAns rejecting the power: nothing changes, the limit is learned") {
    auto state = default_mac_state(region::eu868);
    state.dr = 2;
    const LinkAdrReq request{.data_rate = 5, .tx_power = 6, .ch_mask = 0b111, .nb_trans = 1};
    state = sent(state, {request});
    const auto out = apply(
        state, {LinkAdrAns{.power_ack = false, .data_rate_ack = true, .channel_mask_ack = true}},
        uplink(2, 2));
    CHECK(out.state.dr == 2);
    CHECK(out.state.tx_power_index == 0);
    CHECK(out.state.link_adr_limits.max_tx_power_index == 5);
    CHECK_FALSE(out.state.link_adr_limits.max_dr);
    CHECK(out.state.rejected == std::vector<MacCommand>{request});
    CHECK(out.findings == std::vector{finding(MacFindingKind::rejected, Cid::link_adr, 0b011)});

    // TXPower 0 refused (RN2483 firmware): never ask for 0 again.
    auto zero = sent(default_mac_state(region::eu868),
                     {LinkAdrReq{.data_rate = 0, .tx_power = 0, .ch_mask = 7, .nb_trans = 1}});
    zero.tx_power_index = 2;
    const auto zero_out = apply(
        zero, {LinkAdrAns{.power_ack = false, .data_rate_ack = true, .channel_mask_ack = true}});
    CHECK(zero_out.state.link_adr_limits.min_tx_power_index == 1);
    CHECK(zero_out.state.tx_power_index == 2);
}

TEST_CASE("LinkADRAns rejecting a DR or a mask bounds the next request") {
    auto state = default_mac_state(region::eu868);
    state.dr = 2;
    state =
        sent(state, {LinkAdrReq{.data_rate = 5, .tx_power = 0, .ch_mask = 0b1111, .nb_trans = 1}});
    const auto out = apply(
        state, {LinkAdrAns{.power_ack = true, .data_rate_ack = false, .channel_mask_ack = false}},
        uplink(2, 2));
    CHECK(out.state.link_adr_limits.max_dr == 4);
    // Channel 3 is not defined for this device; apply_channel_mask_blocks does not know that,
    // the device did: the mask is remembered as refused.
    CHECK(out.state.link_adr_limits.rejected_channel_mask == region::ChannelMask{0b1111});
    CHECK(out.findings == std::vector{finding(MacFindingKind::rejected, Cid::link_adr, 0b100)});

    // The planner backs off: DR4, and the mask that was refused is not asked again.
    auto target = settled_target(region::eu868, MacVersion::v1_0_4);
    AdrDecision decision;
    decision.change = AdrSettings{5, 0, 1};
    const auto next = plan_mac_requests(target, out.state, region::eu868, decision, t0, 15);
    REQUIRE(next.requests.size() == 1);
    CHECK(next.requests[0] ==
          MacCommand{LinkAdrReq{.data_rate = 4, .tx_power = 0, .ch_mask = 0b111, .nb_trans = 1}});
}

TEST_CASE("LinkADRAns to a two-block request: one refusal in any answer refuses the block") {
    auto state = default_mac_state(region::us915);
    state = sent(state,
                 {LinkAdrReq{.data_rate = 2, .ch_mask = 0x0002, .ch_mask_cntl = 7, .nb_trans = 1},
                  LinkAdrReq{.data_rate = 2, .ch_mask = 0xff00, .ch_mask_cntl = 0, .nb_trans = 1}});
    const auto refused = apply(
        state,
        {all_ack, LinkAdrAns{.power_ack = true, .data_rate_ack = false, .channel_mask_ack = true}},
        uplink(2, 0), region::us915);
    CHECK(refused.state.enabled_channels.count() == 72);
    CHECK(refused.findings.size() == 1);
    CHECK(refused.findings[0].kind == MacFindingKind::rejected);

    const auto accepted = apply(state, {all_ack, all_ack}, uplink(2, 2), region::us915);
    auto fsb2 = region::sub_band_channels(region::us915, 2);
    REQUIRE(fsb2);
    CHECK(accepted.state.enabled_channels == *fsb2);
    CHECK(accepted.state.dr == 2);
}

TEST_CASE("RXParamSetupAns: applied when all three bits are set, sticky either way") {
    const RxParamSetupReq request{.rx1_dr_offset = 2, .rx2_data_rate = 3, .frequency = 869'100'000};
    const auto state = sent(default_mac_state(region::eu868), {request});
    const auto ok = apply(
        state, {RxParamSetupAns{
                   .rx1_dr_offset_ack = true, .rx2_data_rate_ack = true, .channel_ack = true}});
    CHECK(ok.state.rx1_dr_offset == 2);
    CHECK(ok.state.rx2_dr == 3);
    CHECK(ok.state.rx2_frequency_hz == 869'100'000);
    CHECK(ok.downlink_required);
    CHECK(ok.findings ==
          std::vector{finding(MacFindingKind::acknowledged, Cid::rx_param_setup, 7)});

    // The device repeats it until it hears a class A downlink: no change, still a downlink.
    const auto repeat =
        apply(ok.state,
              {RxParamSetupAns{
                  .rx1_dr_offset_ack = true, .rx2_data_rate_ack = true, .channel_ack = true}},
              uplink(2, 0));
    CHECK(repeat.downlink_required);
    CHECK(repeat.findings ==
          std::vector{finding(MacFindingKind::repeated_answer, Cid::rx_param_setup, 7)});

    const auto refused = apply(
        state, {RxParamSetupAns{
                   .rx1_dr_offset_ack = true, .rx2_data_rate_ack = true, .channel_ack = false}});
    CHECK(refused.state.rx2_frequency_hz == 869'525'000);
    CHECK(refused.state.rejected == std::vector<MacCommand>{request});
    CHECK(refused.downlink_required);
    CHECK(refused.findings ==
          std::vector{finding(MacFindingKind::rejected, Cid::rx_param_setup, 0b110)});
}

TEST_CASE("RXTimingSetupAns, DlChannelAns, TxParamSetupAns: applied and sticky") {
    auto state = sent(
        default_mac_state(region::as923_1),
        {RxTimingSetupReq{.del = 0}, DlChannelReq{.ch_index = 1, .frequency = 923'600'000},
         TxParamSetupReq{.downlink_dwell_time = true, .uplink_dwell_time = false, .max_eirp = 13}});
    state.rx1_delay = 5s;
    const auto out =
        apply(state,
              {RxTimingSetupAns{},
               DlChannelAns{.uplink_frequency_exists = true, .channel_frequency_ok = true},
               TxParamSetupAns{}},
              uplink(1, 2), region::as923_1);
    CHECK(out.state.rx1_delay == 1s);  // Del 0 means 1 s
    CHECK(out.state.downlink_frequencies_hz.at(1) == 923'600'000);
    CHECK(out.state.tx_params == TxParams{false, true, 13});
    CHECK(out.downlink_required);
    CHECK(out.state.pending.empty());
    CHECK(out.findings.size() == 3);

    const auto refused =
        apply(sent(default_mac_state(region::eu868),
                   {DlChannelReq{.ch_index = 1, .frequency = 870'500'000}}),
              {DlChannelAns{.uplink_frequency_exists = true, .channel_frequency_ok = false}});
    CHECK(refused.state.downlink_frequencies_hz.empty());
    CHECK(refused.findings ==
          std::vector{finding(MacFindingKind::rejected, Cid::dl_channel, 0b10)});
}

TEST_CASE("NewChannelAns: answers match the requests in order, frequency 0 removes") {
    auto state = default_mac_state(region::eu868);
    state.extra_channels = {{4, 867'300'000, 0, 5}};
    state.enabled_channels.set(4);
    state.downlink_frequencies_hz[4] = 869'000'000;
    state = sent(state,
                 {NewChannelReq{.ch_index = 3, .frequency = 867'100'000, .max_dr = 5},
                  NewChannelReq{.ch_index = 5, .frequency = 867'500'000, .max_dr = 5, .min_dr = 7},
                  NewChannelReq{.ch_index = 4, .frequency = 0}});
    const NewChannelAns ok{.data_rate_range_ok = true, .channel_frequency_ok = true};
    const auto out = apply(
        state, {ok, NewChannelAns{.data_rate_range_ok = false, .channel_frequency_ok = true}, ok});
    CHECK(out.state.extra_channels == std::vector<ChannelDefinition>{{3, 867'100'000, 0, 5}});
    CHECK(out.state.enabled_channels == region::ChannelMask{0b1111});
    CHECK(out.state.downlink_frequencies_hz.empty());
    CHECK(out.findings == std::vector{finding(MacFindingKind::acknowledged, Cid::new_channel, 3),
                                      finding(MacFindingKind::rejected, Cid::new_channel, 1),
                                      finding(MacFindingKind::acknowledged, Cid::new_channel, 3)});
    CHECK(out.state.pending.empty());
    CHECK_FALSE(out.downlink_required);
}

TEST_CASE("DutyCycleAns, ADRParamSetupAns, RejoinParamSetupAns") {
    auto state =
        sent(default_mac_state(region::eu868),
             {DutyCycleReq{.max_d_cycle = 3}, AdrParamSetupReq{.limit_exp = 8, .delay_exp = 4},
              RejoinParamSetupReq{.max_time_n = 9, .max_count_n = 5}});
    auto out =
        apply(state, {DutyCycleAns{}, AdrParamSetupAns{}, RejoinParamSetupAns{.time_ok = false}},
              uplink(1, 0, 5, MacVersion::v1_1_0));
    CHECK(out.state.max_duty_cycle == 3);
    CHECK(out.state.adr_ack == AdrAckParams{8, 4});
    // TimeOK 0: the count is in use, the time is not; these values are not asked again.
    CHECK(out.state.rejoin == RejoinParams{9, 5, false});
    CHECK(out.state.rejected ==
          std::vector<MacCommand>{RejoinParamSetupReq{.max_time_n = 9, .max_count_n = 5}});
    CHECK(out.findings.back() == finding(MacFindingKind::rejected, Cid::rejoin_param_setup, 0));
}

TEST_CASE("DevStatusAns: the status event's battery and margin") {
    const auto state = sent(default_mac_state(region::eu868), {DevStatusReq{}});
    auto out = apply(state, {DevStatusAns{.battery = 0, .margin = -5}});
    REQUIRE(out.device_status);
    CHECK(out.device_status->external_power());
    CHECK(out.device_status->margin_db == -5);
    CHECK(out.device_status->received_at == t0);
    CHECK(out.state.last_device_status == out.device_status);
    CHECK(out.state.pending.empty());
    CHECK(out.findings == std::vector{finding(MacFindingKind::device_status, Cid::dev_status)});

    out = apply(state, {DevStatusAns{.battery = 255, .margin = 31}});
    CHECK(out.device_status->battery_unknown());
    out = apply(state, {DevStatusAns{.battery = 128, .margin = -32}});
    CHECK(out.device_status->battery == 128);
    CHECK_FALSE(out.device_status->external_power());
    CHECK_FALSE(out.device_status->battery_unknown());
}

TEST_CASE("ResetInd (1.1): ResetConf due and the state back to the region's defaults") {
    auto state = default_mac_state(region::eu868);
    state.dr = 5;
    state.tx_power_index = 4;
    state.rx1_dr_offset = 3;
    state.last_device_status = DeviceStatus{100, 3, t0};
    state = sent(state, {DutyCycleReq{.max_d_cycle = 2}});
    auto out = apply(state, {ResetInd{.minor = 1}}, uplink(1, 0, 5, MacVersion::v1_1_0));
    CHECK(out.answers == std::vector<MacCommand>{ResetConf{.minor = 1}});
    CHECK(out.downlink_required);
    CHECK(out.state.tx_power_index == 0);
    CHECK(out.state.rx1_dr_offset == 0);
    CHECK(out.state.pending.empty());
    CHECK(out.state.last_device_status == state.last_device_status);
    CHECK(out.findings == std::vector{finding(MacFindingKind::device_reset, Cid::reset, 1)});

    // Not a 1.0.x command: ignored and reported.
    out = apply(state, {ResetInd{.minor = 1}}, uplink(1, 5, 5, MacVersion::v1_0_4));
    CHECK(out.answers.empty());
    CHECK(out.state.tx_power_index == 4);
    CHECK(out.findings == std::vector{finding(MacFindingKind::not_allowed, Cid::reset)});
}

TEST_CASE("RekeyInd (1.1): RekeyConf due") {
    const auto out = apply(default_mac_state(region::eu868), {RekeyInd{.minor = 1}},
                           uplink(1, 0, 5, MacVersion::v1_1_0));
    CHECK(out.answers == std::vector<MacCommand>{RekeyConf{.minor = 1}});
    CHECK(out.downlink_required);
    CHECK(out.findings == std::vector{finding(MacFindingKind::rekey, Cid::rekey, 1)});
}

TEST_CASE("answers nobody asked for, and commands this layer leaves alone") {
    const auto out =
        apply(default_mac_state(region::eu868), {DutyCycleAns{}, all_ack, PingSlotInfoReq{}});
    CHECK(out.findings == std::vector{finding(MacFindingKind::unexpected_answer, Cid::link_adr),
                                      finding(MacFindingKind::unexpected_answer, Cid::duty_cycle),
                                      finding(MacFindingKind::ignored, Cid::ping_slot_info)});
    CHECK(out.state.max_duty_cycle == 0);
    CHECK(to_string(MacFindingKind::unexpected_answer) == "unexpected_answer");
}

TEST_CASE("uplinks count against unanswered requests and feed the ADR history") {
    auto state = sent(default_mac_state(region::eu868), {DevStatusReq{}, DutyCycleReq{}});
    state.tx_power_index = 3;
    auto out = apply(state, {}, uplink(7, 4, -2.5));
    CHECK(out.state.pending[0].uplinks_since_sent == 1);
    CHECK(out.state.pending[1].uplinks_since_sent == 1);
    CHECK(out.state.dr == 4);
    CHECK(out.state.adr_history == std::vector<AdrUplink>{{7, -2.5, 3, 4}});
    out = apply(out.state, {DutyCycleAns{}}, uplink(8, 4));
    REQUIRE(out.state.pending.size() == 1);
    CHECK(out.state.pending[0].uplinks_since_sent == 2);
    CHECK(out.state.adr_history.size() == 2);
}

TEST_CASE("ADRACKReq at a lower DR: the device backed off, so it is at maximum power") {
    auto state = default_mac_state(region::eu868);
    state.dr = 5;
    state.tx_power_index = 5;
    auto up = uplink(100, 4);
    up.adr_ack_req = true;
    const auto out = apply(state, {}, up);
    CHECK(out.state.dr == 4);
    CHECK(out.state.tx_power_index == 0);
    CHECK(out.findings ==
          std::vector{MacFinding{MacFindingKind::device_backed_off, std::nullopt, 4}});

    // Without ADRACKReq a lower DR is the device's own choice (ADR off): power unknown, kept.
    const auto own = apply(state, {}, uplink(100, 4));
    CHECK(own.state.dr == 4);
    CHECK(own.state.tx_power_index == 5);
    CHECK(own.findings.empty());
}
