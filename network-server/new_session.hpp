#pragma once
// The session an activation creates: a join-accept answering a join-request, or a rejoin-request
// of type 0 or 1 (everything reset as by a join).

#include <optional>
#include <vector>

#include "network-server/network_store.hpp"

namespace hortillon::network_server {

// The CFList of type 0 announcing the extra channels that belong to the region; nullopt when
// the region uses channel masks (CFList type 1) or none is in its band.
auto cf_list_for(const lorawan::region::Region& region,
                 const std::vector<std::uint32_t>& extra_channels)
    -> std::optional<lorawan::CfList>;

// What a join-accept announces: the reservation's JoinNonce and DevAddr, the profile's receive
// windows (the region's RX2 data rate by default) and the extra channels in the region's band.
auto join_accept_plan(const DeviceProfile& profile, const JoinReservation& reservation,
                      lorawan::NetId net_id, const lorawan::region::Region& region,
                      const std::vector<std::uint32_t>& extra_channels) -> JoinAcceptPlan;

// The device's session after it accepts `answer`: the new keys and DevAddr, the profile's
// receive windows, and the MAC state of a device that has just joined at `join_request_dr`.
auto session_after_join(const JoinCandidate& candidate, const JoinReservation& reservation,
                        const JoinAnswer& answer, const lorawan::region::Region& region,
                        const std::optional<lorawan::CfList>& cf_list, std::uint8_t join_request_dr)
    -> DeviceSession;

}  // namespace hortillon::network_server
