#include "network-server/force_rejoin_plan.hpp"

namespace hortillon::network_server {

auto force_rejoin_horizon(const lorawan::ForceRejoinReq& request) -> std::chrono::seconds {
    const std::chrono::seconds one_attempt{32 * (1 << (request.period & 0x07)) + 32};
    return one_attempt * ((request.max_retries & 0x07) + 1) + std::chrono::seconds{60};
}

auto force_rejoin_action(const ForceRejoinState& state, SystemTime now) -> ForceRejoinAction {
    if (!state.last_sent_at)
        return ForceRejoinAction::send;
    if (now - *state.last_sent_at < force_rejoin_horizon(state.request))
        return ForceRejoinAction::wait;
    return state.sends < force_rejoin_max_sends ? ForceRejoinAction::send
                                                : ForceRejoinAction::give_up;
}

}  // namespace hortillon::network_server
