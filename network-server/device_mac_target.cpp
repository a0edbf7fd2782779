#include "network-server/device_mac_target.hpp"

namespace hortillon::network_server {

using namespace lorawan;

auto extra_channel_definitions(const region::Region& region,
                               std::span<const std::uint32_t> frequencies_hz)
    -> std::vector<ChannelDefinition> {
    std::vector<ChannelDefinition> channels;
    if (region.cflist_type != region::CfListType::frequencies || region.default_channels.empty())
        return channels;
    const auto& defaults = region.default_channels.front();
    auto index = region.cflist_first_channel;
    for (const std::uint32_t frequency : frequencies_hz) {
        if (!region::is_uplink_frequency(region, frequency) || index >= region.max_channels)
            continue;
        channels.push_back(ChannelDefinition{.index = index++,
                                             .frequency_hz = frequency,
                                             .min_dr = defaults.min_dr,
                                             .max_dr = defaults.max_dr});
    }
    return channels;
}

auto mac_target_for(const DeviceProfile& profile, const DeviceSession& session,
                    const region::Region& region, std::span<const std::uint32_t> extra_channels_hz)
    -> DeviceMacTarget {
    DeviceMacTarget target;
    target.mac_version = session.mac_version;
    target.extra_channels = extra_channel_definitions(region, extra_channels_hz);
    // The receive windows the session was given (join-accept or ABP profile): keep them.
    target.rx1_delay = session.rx.rx1_delay;
    target.rx1_dr_offset = session.rx.rx1_dr_offset;
    target.rx2_dr = session.rx.rx2_dr;
    target.rx2_frequency_hz = session.rx.rx2_frequency_hz;
    target.adr.enabled = profile.adr;
    target.adr.installation_margin_db = profile.adr_margin_db;
    target.adr.min_dr = profile.adr_min_dr;
    target.adr.max_dr = profile.adr_max_dr;
    target.adr.max_nb_trans = profile.adr_max_nb_trans;
    if (profile.dev_status_interval.count() > 0)
        target.dev_status_interval = profile.dev_status_interval;
    return target;
}

}  // namespace hortillon::network_server
