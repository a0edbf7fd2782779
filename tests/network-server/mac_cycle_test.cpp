// The MAC layer as the data flow drives it, one uplink at a time:
//   apply_mac_answers -> make_adr_request -> DefaultAdr::decide -> plan_mac_requests
//   -> mark_requests_sent -> (persist as JSON) -> the device answers in its next uplink.
#include <catch2/catch.hpp>

#include "mac_test_support.hpp"
#include "network-server/adr/default_adr.hpp"
#include "network-server/mac/adr_input.hpp"
#include "network-server/mac/mac_state_json.hpp"

using namespace hortillon;
using namespace hortillon::lorawan;
using namespace hortillon::network_server;
using namespace hortillon::network_server::test;
namespace region = lorawan::region;

namespace {

// A device that accepts every LinkADRReq and answers in its next uplink.
struct SimulatedDevice {
    std::uint8_t dr = 0;
    std::uint8_t tx_power_index = 0;
    std::vector<MacCommand> answers;

    void receive(std::span<const MacCommand> requests) {
        answers.clear();
        for (const auto& command : requests) {
            if (const auto* req = std::get_if<LinkAdrReq>(&command)) {
                dr = req->data_rate;
                tx_power_index = req->tx_power;
                answers.emplace_back(
                    LinkAdrAns{.power_ack = true, .data_rate_ack = true, .channel_mask_ack = true});
            }
        }
    }
};

// The SNR the gateways measure does not depend on the DR (same noise bandwidth), and each
// TXPower step costs 2 dB.
auto measured_snr(const SimulatedDevice& device) -> double {
    return 6.0 - 2.0 * device.tx_power_index;
}

}  // namespace

TEST_CASE("EU868 cycle: a device at SF12 with a good link ends at DR5 with less power") {
    const DefaultAdr adr;
    auto target = settled_target(region::eu868, MacVersion::v1_0_4);
    DeviceMacState state = default_mac_state(region::eu868);
    SimulatedDevice device;
    std::vector<std::pair<std::uint8_t, std::uint8_t>> changes;  // (DR, TXPower) acknowledged

    for (std::uint32_t f_cnt = 1; f_cnt <= 60; ++f_cnt) {
        const MacUplink up = uplink(f_cnt, device.dr, measured_snr(device));
        auto outcome = apply_mac_answers(state, device.answers, up, region::eu868);
        for (const auto& found : outcome.findings) {
            CHECK(found.kind == MacFindingKind::acknowledged);
            changes.emplace_back(outcome.state.dr, outcome.state.tx_power_index);
        }
        const auto decision = adr.decide(
            region::eu868, make_adr_request(target, outcome.state, region::eu868, true, false));
        auto plan = plan_mac_requests(target, outcome.state, region::eu868, decision,
                                      up.received_at, f_opts_budget_bytes);
        state = mark_requests_sent(std::move(outcome.state), plan, up.received_at);
        // Persisted and loaded back between uplinks, as the store would.
        auto reloaded =
            mac_state_from_json(mac_state_to_json(state), default_mac_state(region::eu868));
        REQUIRE(reloaded);
        REQUIRE(*reloaded == state);
        device.receive(plan.requests);
    }
    // 6 dB at SF12: 6 + 20 - 10 = 16 -> 5 steps to DR5 after 5 uplinks; then at DR5,
    // 6 + 7.5 - 10 = 3.5 -> 1 power step; at TXPower 1 the SNR is 4: 1.5 dB -> 0 steps.
    CHECK(changes == std::vector<std::pair<std::uint8_t, std::uint8_t>>{{5, 0}, {5, 1}});
    CHECK(state.dr == 5);
    CHECK(state.tx_power_index == 1);
    CHECK(state.pending.empty());
}

TEST_CASE("make_adr_request carries the limits the device taught") {
    auto target = settled_target(region::eu868, MacVersion::v1_0_4);
    target.adr.max_dr = 5;
    auto state = default_mac_state(region::eu868);
    state.dr = 3;
    state.tx_power_index = 2;
    state.nb_trans = 2;
    state.adr_history = {{1, 0, 2, 3}};
    state.link_adr_limits.max_dr = 4;
    state.link_adr_limits.min_tx_power_index = 1;
    const auto request = make_adr_request(target, state, region::eu868, true, true);
    CHECK(request.current == AdrSettings{3, 2, 2});
    CHECK(request.profile.max_dr == 4);
    CHECK(request.min_tx_power_index == 1);
    CHECK(request.max_tx_power_index == 7);
    CHECK(request.adr_ack_req);
    CHECK(request.history.size() == 1);
}
