#include "network-server/new_session.hpp"

#include "lorawan/region/cflist.hpp"

namespace hortillon::network_server {

using namespace lorawan;

auto cf_list_for(const region::Region& region, const std::vector<std::uint32_t>& extra_channels)
    -> std::optional<CfList> {
    if (region.cflist_type != region::CfListType::frequencies || extra_channels.empty()) {
        return std::nullopt;
    }
    std::vector<std::uint32_t> in_band;
    for (const std::uint32_t frequency : extra_channels) {
        if (region::is_uplink_frequency(region, frequency))
            in_band.push_back(frequency);
    }
    if (in_band.empty())
        return std::nullopt;
    auto built = region::build_cflist(region, in_band);
    if (!built)
        return std::nullopt;
    return *built;
}

auto join_accept_plan(const DeviceProfile& profile, const JoinReservation& reservation,
                      NetId net_id, const region::Region& region,
                      const std::vector<std::uint32_t>& extra_channels) -> JoinAcceptPlan {
    return JoinAcceptPlan{.join_nonce = reservation.join_nonce,
                          .net_id = net_id,
                          .dev_addr = reservation.dev_addr,
                          .rx1_dr_offset = profile.rx1_dr_offset,
                          .rx2_dr = profile.rx2_dr.value_or(region.rx2_default.dr),
                          .rx_delay_seconds = static_cast<std::uint8_t>(profile.rx1_delay.count()),
                          .cf_list = cf_list_for(region, extra_channels)};
}

namespace {
auto parsed_cf_list(const region::Region& region, const std::optional<CfList>& cf_list)
    -> std::optional<region::ParsedCfList> {
    if (!cf_list)
        return std::nullopt;
    auto parsed = region::parse_cflist(region, *cf_list);
    if (!parsed)
        return std::nullopt;
    return *parsed;
}

}  // namespace

auto session_after_join(const JoinCandidate& candidate, const JoinReservation& reservation,
                        const JoinAnswer& answer, const region::Region& region,
                        const std::optional<CfList>& cf_list, std::uint8_t join_request_dr)
    -> DeviceSession {
    DeviceSession session;
    session.dev_eui = candidate.device.dev_eui;
    session.dev_addr = reservation.dev_addr;
    session.mac_version = candidate.device.mac_version;
    session.lorawan_1_1 = answer.lorawan_1_1;
    session.keys = answer.session_keys;
    session.rx = RxSettings{
        .rx1_delay = candidate.profile.rx1_delay,
        .rx1_dr_offset = candidate.profile.rx1_dr_offset,
        .rx2_dr = candidate.profile.rx2_dr.value_or(region.rx2_default.dr),
        .rx2_frequency_hz = candidate.profile.rx2_frequency_hz != 0
                                ? candidate.profile.rx2_frequency_hz
                                : region.rx2_default.frequency_hz,
    };
    session.mac = mac_state_after_join(
        region, JoinMacSettings{.rx1_dr_offset = session.rx.rx1_dr_offset,
                                .rx2_dr = session.rx.rx2_dr,
                                .rx2_frequency_hz = session.rx.rx2_frequency_hz,
                                .rx1_delay = session.rx.rx1_delay,
                                .cflist = parsed_cf_list(region, cf_list),
                                .join_request_dr = join_request_dr});
    return session;
}

}  // namespace hortillon::network_server
