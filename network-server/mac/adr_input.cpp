#include "network-server/mac/adr_input.hpp"

#include <algorithm>

namespace hortillon::network_server {

auto make_adr_request(const DeviceMacTarget& target, const DeviceMacState& state,
                      const lorawan::region::Region& region, bool device_adr, bool adr_ack_req)
    -> AdrRequest {
    const auto& limits = state.link_adr_limits;
    AdrProfile profile = target.adr;
    if (limits.max_dr) {
        profile.max_dr = std::min(profile.max_dr, *limits.max_dr);
    }
    const std::uint8_t min_power = limits.min_tx_power_index.value_or(0);
    return AdrRequest{
        .profile = profile,
        .device_adr = device_adr,
        .adr_ack_req = adr_ack_req,
        .current = AdrSettings{state.dr, state.tx_power_index, state.nb_trans},
        .min_tx_power_index = min_power,
        .max_tx_power_index = std::max(
            min_power, limits.max_tx_power_index.value_or(max_region_tx_power_index(region))),
        .history = state.adr_history,
    };
}

}  // namespace hortillon::network_server
