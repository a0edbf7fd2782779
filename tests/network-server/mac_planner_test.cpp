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

const AdrDecision no_adr_change{};

auto adr_change(std::uint8_t dr, std::uint8_t power, std::uint8_t nb_trans) -> AdrDecision {
    AdrDecision decision;
    decision.change = AdrSettings{dr, power, nb_trans};
    decision.reason = AdrReason::link_margin;
    return decision;
}

auto plan(const DeviceMacTarget& target, const DeviceMacState& state,
          const AdrDecision& decision = no_adr_change, std::size_t budget = f_opts_budget_bytes,
          const region::Region& r = region::eu868, SystemTime now = t0) -> MacPlan {
    return plan_mac_requests(target, state, r, decision, now, budget);
}

// The state after one uplink that answered nothing.
auto silent_uplink(const DeviceMacState& state, std::uint32_t f_cnt) -> DeviceMacState {
    return apply_mac_answers(state, {}, uplink(f_cnt, state.dr), region::eu868).state;
}

}  // namespace

TEST_CASE("planner: a settled device gets no requests") {
    const auto state = default_mac_state(region::eu868);
    const auto result = plan(settled_target(region::eu868, MacVersion::v1_0_4), state);
    CHECK(result.requests.empty());
    CHECK_FALSE(result.more_due);
}

TEST_CASE("planner: every region's default state matches its settled target") {
    for (const auto id : region::region_ids()) {
        CAPTURE(id);
        const auto* r = region::find_region(id);
        REQUIRE(r != nullptr);
        const auto result = plan(settled_target(*r, MacVersion::v1_1_0), default_mac_state(*r),
                                 no_adr_change, 242, *r);
        CHECK(result.requests.empty());
    }
}

TEST_CASE("planner: an ADR change is one LinkADRReq with the channel mask") {
    const auto state = default_mac_state(region::eu868);
    const auto result =
        plan(settled_target(region::eu868, MacVersion::v1_0_4), state, adr_change(5, 1, 1));
    REQUIRE(result.requests.size() == 1);
    CHECK(result.requests[0] ==
          MacCommand{LinkAdrReq{
              .data_rate = 5, .tx_power = 1, .ch_mask = 0x0007, .ch_mask_cntl = 0, .nb_trans = 1}});
}

TEST_CASE("planner: ADR off in the target ignores the decision") {
    auto target = settled_target(region::eu868, MacVersion::v1_0_4);
    target.adr.enabled = false;
    CHECK(plan(target, default_mac_state(region::eu868), adr_change(5, 1, 1)).requests.empty());
}

TEST_CASE("planner: a pending request waits one silent uplink, then is resent, at most 5 times") {
    const auto target = settled_target(region::eu868, MacVersion::v1_0_4);
    const auto decision = adr_change(5, 1, 1);
    auto state = default_mac_state(region::eu868);
    auto first = plan(target, state, decision);
    REQUIRE(first.requests.size() == 1);
    state = mark_requests_sent(state, first, t0);
    REQUIRE(state.pending.size() == 1);
    CHECK(state.pending[0].attempts == 1);
    CHECK(state.pending[0].uplinks_since_sent == 0);

    // Another downlink before any uplink (class C): the request is still in flight.
    CHECK(plan(target, state, decision).requests.empty());

    for (std::uint16_t attempt = 2; attempt <= max_mac_request_attempts; ++attempt) {
        state = silent_uplink(state, attempt);
        CHECK(state.pending[0].uplinks_since_sent == 1);
        auto again = plan(target, state, decision);
        REQUIRE(again.requests == first.requests);
        state = mark_requests_sent(state, again, t0);
        CHECK(state.pending[0].attempts == attempt);
        CHECK(state.pending[0].uplinks_since_sent == 0);
    }
    state = silent_uplink(state, 10);
    CHECK(plan(target, state, decision).requests.empty());  // given up on these values

    // A new decision is a new request.
    auto other = plan(target, state, adr_change(4, 0, 1));
    REQUIRE(other.requests.size() == 1);
    state = mark_requests_sent(state, other, t0);
    CHECK(state.pending.size() == 1);
    CHECK(state.pending[0].attempts == 1);
}

TEST_CASE("planner: resend_after_uplinks = 2 waits two silent uplinks") {
    auto target = settled_target(region::eu868, MacVersion::v1_0_4);
    target.resend_after_uplinks = 2;
    target.max_duty_cycle = 4;
    auto state = default_mac_state(region::eu868);
    state = mark_requests_sent(state, plan(target, state), t0);
    state = silent_uplink(state, 1);
    CHECK(plan(target, state).requests.empty());
    state = silent_uplink(state, 2);
    CHECK(plan(target, state).requests == std::vector<MacCommand>{DutyCycleReq{.max_d_cycle = 4}});
}

TEST_CASE("planner: RXParamSetupReq, RXTimingSetupReq and DlChannelReq go in every downlink") {
    auto target = settled_target(region::eu868, MacVersion::v1_0_4);
    target.rx1_dr_offset = 2;
    target.rx2_dr = 3;
    target.rx2_frequency_hz = 869'525'000;
    target.rx1_delay = 3s;
    target.downlink_frequencies_hz = {{1, 869'100'000}};
    auto state = default_mac_state(region::eu868);
    const std::vector<MacCommand> expected{
        RxParamSetupReq{.rx1_dr_offset = 2, .rx2_data_rate = 3, .frequency = 869'525'000},
        RxTimingSetupReq{.del = 3},
        DlChannelReq{.ch_index = 1, .frequency = 869'100'000},
    };
    auto first = plan(target, state);
    CHECK(first.requests == expected);
    state = mark_requests_sent(state, first, t0);
    CHECK(state.pending.size() == 3);
    auto second = plan(target, state);  // no uplink in between: resent anyway
    CHECK(second.requests == expected);
    state = mark_requests_sent(state, second, t0);
    CHECK(state.pending[0].attempts == 2);

    // DlChannelReq is for dynamic plans from 1.0.2 on, and for channels the device knows.
    target.mac_version = MacVersion::v1_0_1;
    CHECK(plan(target, default_mac_state(region::eu868)).requests.size() == 2);
    target.mac_version = MacVersion::v1_0_4;
    target.downlink_frequencies_hz = {{5, 869'100'000}};
    CHECK(plan(target, default_mac_state(region::eu868)).requests.size() == 2);
}

TEST_CASE("planner: priority order and the 15-byte FOpts budget") {
    auto target = settled_target(region::eu868, MacVersion::v1_0_4);
    target.rx1_dr_offset = 1;                          // RXParamSetupReq, 5 bytes
    target.rx1_delay = 2s;                             // RXTimingSetupReq, 2 bytes
    target.extra_channels = {{3, 867'100'000, 0, 5}};  // NewChannelReq, 6 bytes
    target.max_duty_cycle = 2;                         // DutyCycleReq, 2 bytes
    target.dev_status_interval = 24h;                  // DevStatusReq, 1 byte
    const auto state = default_mac_state(region::eu868);
    const auto decision = adr_change(5, 0, 1);  // LinkADRReq, 5 bytes

    auto full = plan(target, state, decision, 242);
    const std::vector<MacCommand> all{
        RxParamSetupReq{.rx1_dr_offset = 1, .rx2_data_rate = 0, .frequency = 869'525'000},
        RxTimingSetupReq{.del = 2},
        LinkAdrReq{.data_rate = 5, .tx_power = 0, .ch_mask = 0x0007, .nb_trans = 1},
        NewChannelReq{.ch_index = 3, .frequency = 867'100'000, .max_dr = 5, .min_dr = 0},
        DutyCycleReq{.max_d_cycle = 2},
        DevStatusReq{},
    };
    CHECK(full.requests == all);
    CHECK_FALSE(full.more_due);

    // 15 bytes: 5 + 2 + 5 = 12; NewChannelReq (6) does not fit, DutyCycle (2) and DevStatus (1)
    // behind it still do.
    auto fopts = plan(target, state, decision, f_opts_budget_bytes);
    const std::vector<MacCommand> fitted{all[0], all[1], all[2], all[4], all[5]};
    CHECK(fopts.requests == fitted);
    CHECK(fopts.more_due);
    CHECK(encode_mac_commands(fopts.requests).size() == 15);

    auto tiny = plan(target, state, decision, 1);
    CHECK(tiny.requests == std::vector<MacCommand>{DevStatusReq{}});
    CHECK(plan(target, state, decision, 0).requests.empty());
}

TEST_CASE("planner: US915 sub-band 2 as one ChMaskCntl 5 block (1.0.3+) or two blocks (1.0.2)") {
    auto fsb2 = region::sub_band_channels(region::us915, 2);
    REQUIRE(fsb2);
    auto target = settled_target(region::us915, MacVersion::v1_0_3);
    target.enabled_channels = *fsb2;
    const auto state = default_mac_state(region::us915);
    auto modern = plan(target, state, no_adr_change, 15, region::us915);
    REQUIRE(modern.requests.size() == 1);
    const auto& block = std::get<LinkAdrReq>(modern.requests[0]);
    CHECK(block.ch_mask_cntl == 5);
    CHECK(block.ch_mask == 0x0002);
    CHECK(block.data_rate == 0);  // before 1.0.4 the current values are repeated
    CHECK(block.tx_power == 0);

    target.mac_version = MacVersion::v1_0_2;
    auto old = plan(target, state, no_adr_change, 15, region::us915);
    REQUIRE(old.requests.size() == 2);
    CHECK(std::get<LinkAdrReq>(old.requests[0]).ch_mask_cntl == 7);
    CHECK(std::get<LinkAdrReq>(old.requests[0]).ch_mask == 0x0002);  // 500 kHz channel 65
    CHECK(std::get<LinkAdrReq>(old.requests[1]).ch_mask_cntl == 0);
    CHECK(std::get<LinkAdrReq>(old.requests[1]).ch_mask == 0xff00);  // channels 8..15

    // The block is atomic: 9 bytes cannot carry the two 5-byte commands.
    auto cut = plan(target, state, no_adr_change, 9, region::us915);
    CHECK(cut.requests.empty());
    CHECK(cut.more_due);

    // Sent as one pending request, answered as one.
    auto sent = mark_requests_sent(state, old, t0);
    REQUIRE(sent.pending.size() == 1);
    CHECK(sent.pending[0].commands.size() == 2);
}

TEST_CASE("planner: a mask-only change in 1.0.4 keeps DR and power as the device has them") {
    auto target = settled_target(region::eu868, MacVersion::v1_0_4);
    target.enabled_channels = region::ChannelMask{0b011};
    auto result = plan(target, default_mac_state(region::eu868));
    REQUIRE(result.requests.size() == 1);
    CHECK(
        result.requests[0] ==
        MacCommand{LinkAdrReq{
            .data_rate = 15, .tx_power = 15, .ch_mask = 0b011, .ch_mask_cntl = 0, .nb_trans = 1}});
}

TEST_CASE("planner: a DR no enabled channel allows is not asked (US915 DR4 on 125 kHz)") {
    auto target = settled_target(region::us915, MacVersion::v1_0_4);
    auto fsb2 = region::sub_band_channels(region::us915, 2);
    REQUIRE(fsb2);
    auto state = default_mac_state(region::us915);
    state.enabled_channels = *fsb2;
    state.enabled_channels.reset(65);  // 125 kHz only
    target.enabled_channels = state.enabled_channels;
    auto result = plan(target, state, adr_change(4, 0, 1), 15, region::us915);
    CHECK(result.requests.empty());  // DR4 dropped, nothing else to change

    // The power part still goes, at the current DR. Channels 8..15 without their 500 kHz
    // channel are no whole sub-band: ChMaskCntl 7 (all 125 kHz off) then the block of 8..15.
    result = plan(target, state, adr_change(4, 2, 1), 15, region::us915);
    REQUIRE(result.requests.size() == 2);
    CHECK(std::get<LinkAdrReq>(result.requests[1]).ch_mask == 0xff00);
    CHECK(std::get<LinkAdrReq>(result.requests[1]).data_rate == 0);
    CHECK(std::get<LinkAdrReq>(result.requests[1]).tx_power == 2);
}

TEST_CASE("planner: NewChannelReq adds, changes and removes extra channels (dynamic plans)") {
    auto target = settled_target(region::eu868, MacVersion::v1_0_4);
    auto state = default_mac_state(region::eu868);
    state.extra_channels = {{3, 867'100'000, 0, 5}, {4, 867'300'000, 0, 5}};
    state.enabled_channels = region::ChannelMask{0b11111};
    target.extra_channels = {{3, 867'100'000, 0, 5}, {5, 867'500'000, 0, 5}};
    auto result = plan(target, state, no_adr_change, 242);
    const std::vector<MacCommand> expected{
        // Channel 4 is about to go: the mask drops it first (1.0.4: DR/power kept).
        LinkAdrReq{.data_rate = 15, .tx_power = 15, .ch_mask = 0b01111, .nb_trans = 1},
        NewChannelReq{.ch_index = 5, .frequency = 867'500'000, .max_dr = 5, .min_dr = 0},
        NewChannelReq{.ch_index = 4, .frequency = 0, .max_dr = 0, .min_dr = 0},
    };
    CHECK(result.requests == expected);
    state = mark_requests_sent(state, result, t0);
    CHECK(state.pending.size() == 3);  // one per channel

    // US915 is a fixed plan: no NewChannelReq.
    auto us = settled_target(region::us915, MacVersion::v1_0_4);
    us.extra_channels = {{3, 903'000'000, 0, 3}};
    CHECK(plan(us, default_mac_state(region::us915), no_adr_change, 242, region::us915)
              .requests.empty());
}

TEST_CASE("planner: TxParamSetupReq only where the region has it (AS923, AU915, not EU868)") {
    auto target = settled_target(region::as923_1, MacVersion::v1_0_4);
    target.tx_params = TxParams{true, true, 5};
    auto as923 =
        plan(target, default_mac_state(region::as923_1), no_adr_change, 15, region::as923_1);
    CHECK(as923.requests ==
          std::vector<MacCommand>{TxParamSetupReq{
              .downlink_dwell_time = true, .uplink_dwell_time = true, .max_eirp = 5}});
    auto au = settled_target(region::au915, MacVersion::v1_0_4);
    au.tx_params = TxParams{.uplink_dwell_time_400ms = true, .max_eirp_index = 10};
    CHECK(plan(au, default_mac_state(region::au915), no_adr_change, 15, region::au915).requests ==
          std::vector<MacCommand>{TxParamSetupReq{
              .downlink_dwell_time = false, .uplink_dwell_time = true, .max_eirp = 10}});
    // Before 1.0.2 the command does not exist.
    au.mac_version = MacVersion::v1_0_1;
    CHECK(plan(au, default_mac_state(region::au915), no_adr_change, 15, region::au915)
              .requests.empty());

    auto eu = settled_target(region::eu868, MacVersion::v1_0_4);
    eu.tx_params = TxParams{true, true, 5};
    CHECK(plan(eu, default_mac_state(region::eu868)).requests.empty());
}

TEST_CASE("planner: DevStatusReq once per interval") {
    auto target = settled_target(region::eu868, MacVersion::v1_0_4);
    target.dev_status_interval = 1h;
    auto state = default_mac_state(region::eu868);
    auto first = plan(target, state);
    REQUIRE(first.requests == std::vector<MacCommand>{DevStatusReq{}});
    state = mark_requests_sent(state, first, t0);
    CHECK(state.dev_status_requested_at == t0);
    // Unanswered, it stays in flight (resent after a silent uplink, like any request).
    CHECK(plan(target, state, no_adr_change, 15, region::eu868, t0 + 2h).requests.empty());

    const MacCommand answer = DevStatusAns{.battery = 200, .margin = 7};
    state = apply_mac_answers(state, std::span{&answer, 1}, uplink(1, 0), region::eu868).state;
    CHECK(state.pending.empty());
    CHECK(plan(target, state, no_adr_change, 15, region::eu868, t0 + 59min).requests.empty());
    CHECK(plan(target, state, no_adr_change, 15, region::eu868, t0 + 1h).requests ==
          std::vector<MacCommand>{DevStatusReq{}});
}

TEST_CASE("planner: ADRParamSetupReq and RejoinParamSetupReq for LoRaWAN 1.1 only") {
    auto target = settled_target(region::eu868, MacVersion::v1_1_0);
    target.adr_ack = AdrAckParams{7, 5};
    target.rejoin = RejoinParams{.max_time_n = 8, .max_count_n = 6};
    const auto state = default_mac_state(region::eu868);
    CHECK(plan(target, state).requests ==
          std::vector<MacCommand>{AdrParamSetupReq{.limit_exp = 7, .delay_exp = 5},
                                  RejoinParamSetupReq{.max_time_n = 8, .max_count_n = 6}});
    target.mac_version = MacVersion::v1_0_4;
    CHECK(plan(target, state).requests.empty());
}

TEST_CASE("planner: a rejected request is not sent again with the same values") {
    auto target = settled_target(region::eu868, MacVersion::v1_0_4);
    target.rx2_dr = 7;
    auto state = default_mac_state(region::eu868);
    state = mark_requests_sent(state, plan(target, state), t0);
    const MacCommand refusal =
        RxParamSetupAns{.rx1_dr_offset_ack = true, .rx2_data_rate_ack = false, .channel_ack = true};
    state = apply_mac_answers(state, std::span{&refusal, 1}, uplink(1, 0), region::eu868).state;
    CHECK(state.rx2_dr == 0);
    CHECK(plan(target, state).requests.empty());

    target.rx2_dr = 3;  // other values: asked
    CHECK(plan(target, state).requests.size() == 1);
}
