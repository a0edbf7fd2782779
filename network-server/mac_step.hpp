#pragma once
// One uplink's pass through the MAC layer, between matching the session and planning the
// downlink: the device's answers applied to its MAC state, ADR decided, and the requests for
// the next downlink planned to fit FOpts beside the answers the uplink itself needs.

#include <optional>
#include <vector>

#include "lorawan/mac/mac_commands.hpp"
#include "lorawan/region/region.hpp"
#include "network-server/adr/adr_algorithm.hpp"
#include "network-server/mac/mac_answers.hpp"
#include "network-server/mac/mac_planner.hpp"
#include "network-server/mac/mac_target.hpp"

namespace hortillon::network_server {

struct MacStep {
    DeviceMacState state;  // after the answers; requests are marked sent only once scheduled
    std::vector<lorawan::MacCommand> commands;  // answers first, then the planned requests
    MacPlan plan;                               // the requests among `commands`
    std::vector<MacFinding> findings;
    std::optional<DeviceStatus> device_status;
    AdrDecision adr;
    bool downlink_required = false;  // a sticky answer or ADRACKReq needs a downlink
};

// `answers` are the network's answers to the uplink's own requests (LinkCheckAns,
// DeviceTimeAns); `device_answers` the device's answers to earlier requests.
auto run_mac_step(const DeviceMacTarget& target, const DeviceMacState& state,
                  std::vector<lorawan::MacCommand> answers,
                  std::span<const lorawan::MacCommand> device_answers, const MacUplink& uplink,
                  bool device_adr, const lorawan::region::Region& region, const AdrAlgorithm& adr)
    -> MacStep;

}  // namespace hortillon::network_server
