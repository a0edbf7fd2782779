#pragma once
// The bridge from the MAC state to the ADR algorithm: what ADR is asked, for one uplink.

#include "network-server/adr/adr_algorithm.hpp"
#include "network-server/mac/mac_state.hpp"
#include "network-server/mac/mac_target.hpp"

namespace hortillon::network_server {

// The ADR request after `state` has taken the uplink (apply_mac_answers). `device_adr` and
// `adr_ack_req` are the uplink's FCtrl bits. The request's history points into
// `state.adr_history`: keep `state` alive while the request is used.
auto make_adr_request(const DeviceMacTarget& target, const DeviceMacState& state,
                      const lorawan::region::Region& region, bool device_adr, bool adr_ack_req)
    -> AdrRequest;

}  // namespace hortillon::network_server
