#include "network-server/mac_step.hpp"

#include "network-server/mac/adr_input.hpp"

namespace hortillon::network_server {

auto run_mac_step(const DeviceMacTarget& target, const DeviceMacState& state,
                  std::vector<lorawan::MacCommand> answers,
                  std::span<const lorawan::MacCommand> device_answers, const MacUplink& uplink,
                  bool device_adr, const lorawan::region::Region& region, const AdrAlgorithm& adr)
    -> MacStep {
    MacAnswersOutcome answered = apply_mac_answers(state, device_answers, uplink, region);
    MacStep step;
    step.state = std::move(answered.state);
    step.findings = std::move(answered.findings);
    step.device_status = answered.device_status;
    const AdrRequest request =
        make_adr_request(target, step.state, region, device_adr, uplink.adr_ack_req);
    step.adr = adr.decide(region, request);
    step.downlink_required = answered.downlink_required || step.adr.downlink_required;

    answers.insert(answers.end(), answered.answers.begin(), answered.answers.end());
    std::size_t used = 0;
    for (const auto& answer : answers)
        used += lorawan::encoded_size(answer);
    const std::size_t budget = used < f_opts_budget_bytes ? f_opts_budget_bytes - used : 0;
    step.plan = plan_mac_requests(target, step.state, region, step.adr, uplink.received_at, budget);
    step.commands = std::move(answers);
    step.commands.insert(step.commands.end(), step.plan.requests.begin(), step.plan.requests.end());
    return step;
}

}  // namespace hortillon::network_server
