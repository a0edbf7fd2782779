#include <catch2/catch.hpp>
#include <vector>

#include "network-server/adr/adr_history.hpp"
#include "network-server/adr/default_adr.hpp"

using namespace hortillon::network_server;
namespace region = hortillon::lorawan::region;

namespace {

auto repeated(double snr, std::size_t count) -> std::vector<double> {
    return std::vector<double>(count, snr);
}

// Uplinks f_cnt = first, first + 1, ... with these SNRs, all at one power and DR.
auto history_of(std::uint32_t first, const std::vector<double>& snrs, std::uint8_t tx_power_index,
                std::uint8_t dr) -> std::vector<AdrUplink> {
    std::vector<AdrUplink> history;
    for (double snr : snrs) {
        history.push_back({first++, snr, tx_power_index, dr});
    }
    return history;
}

auto eu868_request(AdrSettings current, std::span<const AdrUplink> history) -> AdrRequest {
    return AdrRequest{.profile = {},
                      .device_adr = true,
                      .adr_ack_req = false,
                      .current = current,
                      .min_tx_power_index = 0,
                      .max_tx_power_index = 7,
                      .history = history};
}

const DefaultAdr adr;

}  // namespace

TEST_CASE(
    "ADR off in the profile or on the device: no change, but ADRACKReq still wants a "
    "downlink") {
    const auto history = history_of(1, repeated(10, 20), 0, 0);
    auto request = eu868_request({0, 0, 1}, history);
    request.profile.enabled = false;
    request.adr_ack_req = true;
    auto decision = adr.decide(region::eu868, request);
    CHECK_FALSE(decision.change);
    CHECK(decision.reason == AdrReason::disabled);
    CHECK(decision.downlink_required);

    request.profile.enabled = true;
    request.device_adr = false;
    request.adr_ack_req = false;
    decision = adr.decide(region::eu868, request);
    CHECK_FALSE(decision.change);
    CHECK_FALSE(decision.downlink_required);
    CHECK(adr.id() == "default");
}

TEST_CASE("ADR waits for a few uplinks before its first decision") {
    const auto four = history_of(1, {10, 10, 10, 10}, 0, 0);
    auto decision = adr.decide(region::eu868, eu868_request({0, 0, 1}, four));
    CHECK_FALSE(decision.change);
    CHECK(decision.reason == AdrReason::history_too_short);
    CHECK(decision.n_step == 6);  // computed, but not acted on

    const auto none = std::vector<AdrUplink>{};
    decision = adr.decide(region::eu868, eu868_request({0, 0, 1}, none));
    CHECK_FALSE(decision.change);
    CHECK(decision.reason == AdrReason::history_too_short);

    const auto five = history_of(1, {10, 10, 10, 10, 10}, 0, 0);
    decision = adr.decide(region::eu868, eu868_request({0, 0, 1}, five));
    REQUIRE(decision.change);
    CHECK(decision.reason == AdrReason::link_margin);
}

TEST_CASE("EU868: a strong link at SF12 steps up to DR5, then lowers the power") {
    // Recorded SNRs of one device moving through the data rates; each phase is the history ADR
    // sees after the previous change was acknowledged (the history restarts on a change).
    struct Phase {
        std::vector<double> snrs;
        AdrSettings before;
        int n_step;
        AdrSettings after;
    };
    const std::vector<Phase> phases{
        // SF12, required -20: -4 + 20 - 10 = 6 -> 2 steps
        {{-7.25, -6, -4, -5.5, -6.75}, {0, 0, 1}, 2, {2, 0, 1}},
        // SF10, required -15: -1 + 15 - 10 = 4 -> 1 step
        {{-3, -1, -2.5, -1.75, -4}, {2, 0, 1}, 1, {3, 0, 1}},
        // SF9, required -12.5: 5 + 12.5 - 10 = 7.5 -> 2 steps
        {{2.5, 5, 3.25, 4, 1}, {3, 0, 1}, 2, {5, 0, 1}},
        // SF7 at the max DR, required -7.5: 5.5 + 7.5 - 10 = 3 -> 1 step of power
        {{4, 5.5, 5, 3.5, 2}, {5, 0, 1}, 1, {5, 1, 1}},
        // more margin still: 9.25 + 7.5 - 10 = 6.75 -> 2 steps of power
        {{8, 9.25, 7, 8.5, 6}, {5, 1, 1}, 2, {5, 3, 1}},
    };
    std::uint32_t f_cnt = 1;
    for (const auto& phase : phases) {
        const auto history =
            history_of(f_cnt, phase.snrs, phase.before.tx_power_index, phase.before.dr);
        f_cnt += static_cast<std::uint32_t>(phase.snrs.size());
        const auto decision = adr.decide(region::eu868, eu868_request(phase.before, history));
        CAPTURE(phase.before.dr, phase.before.tx_power_index);
        CHECK(decision.n_step == phase.n_step);
        REQUIRE(decision.change);
        CHECK(*decision.change == phase.after);
        CHECK(decision.reason == AdrReason::link_margin);
    }
}

TEST_CASE("at the max DR the power goes down no further than the region's last index") {
    const auto history = history_of(1, repeated(30, 5), 5, 5);  // 30 + 7.5 - 10 -> 9 steps
    const auto decision = adr.decide(region::eu868, eu868_request({5, 5, 1}, history));
    REQUIRE(decision.change);
    CHECK(*decision.change == AdrSettings{5, 7, 1});
}

TEST_CASE("a weak link raises the power once 20 uplinks at that power agree") {
    // DR5, TXPower 5: -10 + 7.5 - 10 = -12.5 -> floor(-4.17) = -5 steps: power index 5 -> 0.
    auto history = history_of(1, repeated(-10, 19), 5, 5);
    auto decision = adr.decide(region::eu868, eu868_request({5, 5, 1}, history));
    CHECK_FALSE(decision.change);  // 19 uplinks: not yet
    CHECK(decision.n_step == -5);

    history = history_of(1, repeated(-10, 20), 5, 5);
    decision = adr.decide(region::eu868, eu868_request({5, 5, 1}, history));
    REQUIRE(decision.change);
    CHECK(*decision.change == AdrSettings{5, 0, 1});

    // 20 uplinks, but two of them at another power: not 20 at this power.
    history[0].tx_power_index = 4;
    history[1].tx_power_index = 4;
    decision = adr.decide(region::eu868, eu868_request({5, 5, 1}, history));
    CHECK_FALSE(decision.change);
}

TEST_CASE("a margin just below zero is one power step (floor, not truncation)") {
    // DR5: 2 + 7.5 - 10 = -0.5 -> floor(-0.17) = -1 (truncation would give 0).
    auto history = history_of(1, repeated(2, 20), 3, 5);
    auto decision = adr.decide(region::eu868, eu868_request({5, 3, 1}, history));
    CHECK(decision.n_step == -1);
    REQUIRE(decision.change);
    CHECK(*decision.change == AdrSettings{5, 2, 1});
}

TEST_CASE("negative steps never lower the DR") {
    // DR3 (SF9, -12.5): -11 + 12.5 - 10 = -8.5 -> -3 steps, power already at maximum; the
    // link still demodulates (-11 > -12.5), so it is not failing either.
    const auto history = history_of(1, repeated(-11, 20), 0, 3);
    const auto decision = adr.decide(region::eu868, eu868_request({3, 0, 1}, history));
    CHECK(decision.n_step == -3);
    CHECK_FALSE(decision.change);
}

TEST_CASE("packet loss raises NbTrans, and a clean history brings it back down") {
    // 20 received over FCnt 1..24: 4 lost of 24 = 17 % -> row "< 30 %".
    std::vector<AdrUplink> history;
    for (std::uint32_t f_cnt = 1; f_cnt <= 25; ++f_cnt) {
        if (f_cnt % 5 != 0) {
            history.push_back({f_cnt, 0, 0, 3});  // SF9: 0 + 12.5 - 10 = 2.5 -> 0 steps
        }
    }
    REQUIRE(history.size() == 20);
    auto request = eu868_request({3, 0, 1}, history);
    auto decision = adr.decide(region::eu868, request);
    REQUIRE(decision.change);
    CHECK(*decision.change == AdrSettings{3, 0, 2});

    request.current.nb_trans = 2;
    decision = adr.decide(region::eu868, request);
    REQUIRE(decision.change);
    CHECK(*decision.change == AdrSettings{3, 0, 3});

    request.profile.max_nb_trans = 2;  // the profile caps it
    decision = adr.decide(region::eu868, request);
    CHECK_FALSE(decision.change);

    const auto clean = history_of(1, repeated(0, 20), 0, 3);
    request = eu868_request({3, 0, 3}, clean);
    decision = adr.decide(region::eu868, request);
    REQUIRE(decision.change);
    CHECK(*decision.change == AdrSettings{3, 0, 2});
}

TEST_CASE("ADRACKReq: a good link only needs a downlink") {
    const auto history = history_of(1, repeated(0, 8), 0, 3);  // 2.5 dB margin: 0 steps
    auto request = eu868_request({3, 0, 1}, history);
    request.adr_ack_req = true;
    const auto decision = adr.decide(region::eu868, request);
    CHECK(decision.downlink_required);
    CHECK_FALSE(decision.change);
}

TEST_CASE("ADRACKReq on a failing link: maximum power first, then one DR lower") {
    // DR3 needs -12.5 dB; the best uplink is at -14: below the demodulation floor.
    const auto history = history_of(1, {-16, -14, -15.5}, 4, 3);
    auto request = eu868_request({3, 4, 1}, history);
    request.adr_ack_req = true;
    auto decision = adr.decide(region::eu868, request);
    CHECK(decision.downlink_required);
    REQUIRE(decision.change);
    CHECK(*decision.change == AdrSettings{3, 0, 1});
    CHECK(decision.reason == AdrReason::link_failing_power_up);

    request.current.tx_power_index = 0;
    decision = adr.decide(region::eu868, request);
    REQUIRE(decision.change);
    CHECK(*decision.change == AdrSettings{2, 0, 1});
    CHECK(decision.reason == AdrReason::link_failing_dr_down);

    request.profile.min_dr = 3;  // the profile's floor holds
    decision = adr.decide(region::eu868, request);
    CHECK_FALSE(decision.change);
    CHECK(decision.downlink_required);
}

TEST_CASE("missed uplinks at maximum power step the DR back without ADRACKReq") {
    // 20 received over FCnt 1..29: 9 lost of 29 = 31 % >= 30 %.
    std::vector<AdrUplink> history;
    for (std::uint32_t f_cnt = 1; f_cnt <= 30; ++f_cnt) {
        if (f_cnt % 3 != 0) {
            history.push_back({f_cnt, -2, 0, 4});  // SF8 -10: -2 + 10 - 10 = -2 -> -1 step
        }
    }
    REQUIRE(history.size() == 20);
    const auto decision = adr.decide(region::eu868, eu868_request({4, 0, 1}, history));
    REQUIRE(decision.change);
    CHECK(*decision.change == AdrSettings{3, 0, 3});
    CHECK(decision.reason == AdrReason::link_failing_dr_down);
}

TEST_CASE("the profile's max DR caps the steps and pulls a device down to it") {
    const auto history = history_of(1, repeated(10, 5), 0, 0);  // 10 + 20 - 10 -> 6 steps
    auto request = eu868_request({0, 0, 1}, history);
    request.profile.max_dr = 3;
    auto decision = adr.decide(region::eu868, request);
    REQUIRE(decision.change);
    CHECK(*decision.change == AdrSettings{3, 3, 1});  // 3 DR steps, then 3 power steps

    const auto above = history_of(1, {0}, 0, 5);  // one uplink is enough to fix this
    request = eu868_request({5, 0, 1}, above);
    request.profile.max_dr = 3;
    decision = adr.decide(region::eu868, request);
    REQUIRE(decision.change);
    CHECK(*decision.change == AdrSettings{3, 0, 1});
    CHECK(decision.reason == AdrReason::max_dr_exceeded);
}

TEST_CASE("EU868 ADR stays on LoRa 125 kHz: DR5 at most, FSK is left alone") {
    CHECK(max_lora_125khz_uplink_dr(region::eu868) == 5);
    const auto history = history_of(1, repeated(10, 5), 0, 7);
    const auto decision = adr.decide(region::eu868, eu868_request({7, 0, 1}, history));
    CHECK_FALSE(decision.change);
    CHECK(decision.reason == AdrReason::not_lora);
}

TEST_CASE("US915: ADR climbs DR0 (SF10) to DR3 (SF7/125 kHz), never to the 500 kHz DR4") {
    CHECK(max_lora_125khz_uplink_dr(region::us915) == 3);
    CHECK(max_lora_125khz_uplink_dr(region::au915) == 5);
    // SF10 needs -15: 8 + 15 - 10 = 13 -> 4 steps: 3 DR steps, 1 power step.
    const auto history = history_of(1, repeated(8, 6), 0, 0);
    auto request = eu868_request({0, 0, 1}, history);
    request.max_tx_power_index = 14;
    auto decision = adr.decide(region::us915, request);
    REQUIRE(decision.change);
    CHECK(*decision.change == AdrSettings{3, 1, 1});

    // SF7 at DR3 with a huge margin: power down to index 14, the US915 table's end.
    const auto strong = history_of(1, repeated(45, 6), 1, 3);  // 42.5 dB: 14 steps
    request = eu868_request({3, 1, 1}, strong);
    request.max_tx_power_index = 14;
    decision = adr.decide(region::us915, request);
    REQUIRE(decision.change);
    CHECK(*decision.change == AdrSettings{3, 14, 1});
}
