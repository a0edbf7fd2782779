#pragma once
// The LinkADRReq block for the next downlink: the ADR decision and the target channel mask,
// bounded by what the device has rejected before, as one contiguous run of LinkADRReq (channel
// mask blocks per the region's ChMaskCntl, DR/TXPower/NbTrans repeated in each block, so that
// 1.0.2 devices, which apply each command, and 1.0.3+ devices, which apply the last one, end up
// in the same state).

#include <vector>

#include "lorawan/mac/mac_commands.hpp"
#include "network-server/adr/adr_algorithm.hpp"
#include "network-server/mac/mac_state.hpp"
#include "network-server/mac/mac_target.hpp"

namespace hortillon::network_server {

// The channels the device should enable: the target's mask (or every channel it should know),
// restricted to channels the device knows now, since enabling an undefined channel is rejected.
auto wanted_channel_mask(const lorawan::region::Region& region, const DeviceMacTarget& target,
                         const DeviceMacState& state) -> lorawan::region::ChannelMask;

// Empty when the device already uses what is wanted, or when the wanted set cannot be
// expressed in the region's LinkADRReq forms.
auto plan_link_adr(const DeviceMacTarget& target, const DeviceMacState& state,
                   const lorawan::region::Region& region, const AdrDecision& decision)
    -> std::vector<lorawan::LinkAdrReq>;

// LinkADRReq DataRate/TXPower value meaning "keep the current one" (1.0.4+).
inline constexpr std::uint8_t link_adr_keep_current = 15;

}  // namespace hortillon::network_server
