#pragma once
// Which MAC requests go into the next downlink. Candidates, in priority order:
//
//   1. RXParamSetupReq, RXTimingSetupReq, DlChannelReq   sent in every downlink until answered
//   2. LinkADRReq block                                   ADR decision or channel mask changed
//   3. NewChannelReq per added/changed/removed channel    dynamic channel plans
//   4. DutyCycleReq
//   5. TxParamSetupReq                                    regions that implement it (AS923, AU915)
//   6. DevStatusReq                                       when the interval has elapsed
//   7. ADRParamSetupReq, RejoinParamSetupReq              LoRaWAN 1.1, when configured
//
// A candidate is dropped when the same request is already pending and fewer than
// target.resend_after_uplinks uplinks came without its answer (group 1 excepted), when it was
// sent max_attempts times with these values without an answer, or when the device rejected
// exactly these values before. The rest are packed in order into `budget_bytes` (15 for FOpts,
// or the FRMPayload limit of the downlink DR on FPort 0); a LinkADRReq block goes whole or not
// at all, and a candidate that does not fit does not stop smaller ones behind it.

#include <cstddef>
#include <vector>

#include "lorawan/mac/mac_commands.hpp"
#include "network-server/adr/adr_algorithm.hpp"
#include "network-server/mac/mac_state.hpp"
#include "network-server/mac/mac_target.hpp"

namespace hortillon::network_server {

// Bytes available for MAC commands in FOpts.
inline constexpr std::size_t f_opts_budget_bytes = 15;

// Sends of unchanged values without an answer after which the planner gives up on them
// (until the target changes): a device that never answers must not cost every downlink.
inline constexpr std::uint16_t max_mac_request_attempts = 5;

struct MacPlan {
    std::vector<lorawan::MacCommand> requests{};  // in this order; encoded size <= budget
    bool more_due = false;  // a due request did not fit: worth another downlink soon
};

auto plan_mac_requests(const DeviceMacTarget& target, const DeviceMacState& state,
                       const lorawan::region::Region& region, const AdrDecision& adr_decision,
                       SystemTime now, std::size_t budget_bytes) -> MacPlan;

// The state after the downlink carrying `plan.requests` left at `now`: each becomes pending
// (a resend of the same values counts one more attempt), DevStatusReq notes its time. Call it
// only once the downlink is really scheduled.
auto mark_requests_sent(DeviceMacState state, const MacPlan& plan, SystemTime now)
    -> DeviceMacState;

}  // namespace hortillon::network_server
