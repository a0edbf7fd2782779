#pragma once
// The MAC state the network server wants a device in, from its device profile and the server's
// channel plan: the planner (mac/mac_planner.hpp) asks the device for the differences.

#include <cstdint>
#include <span>

#include "lorawan/region/region.hpp"
#include "network-server/device_session.hpp"
#include "network-server/mac/mac_target.hpp"
#include "network-server/network_store.hpp"

namespace hortillon::network_server {

// The extra uplink channels of a dynamic plan (EU868-like regions), numbered from the region's
// first CFList channel; frequencies outside the region's band are left out, so one server
// configuration can serve several regions.
auto extra_channel_definitions(const lorawan::region::Region& region,
                               std::span<const std::uint32_t> frequencies_hz)
    -> std::vector<ChannelDefinition>;

auto mac_target_for(const DeviceProfile& profile, const DeviceSession& session,
                    const lorawan::region::Region& region,
                    std::span<const std::uint32_t> extra_channels_hz) -> DeviceMacTarget;

}  // namespace hortillon::network_server
