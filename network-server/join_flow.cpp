// The OTAA flow of NetworkServer (see network_server.hpp for the steps).
#include "lorawan/region/cflist.hpp"
#include "network-server/mac/mac_state.hpp"
#include "network-server/network_server.hpp"
#include "network-server/radio.hpp"

namespace hortillon::network_server {

using namespace lorawan;

namespace {
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

auto parsed_cf_list(const region::Region& region, const std::optional<CfList>& cf_list)
    -> std::optional<region::ParsedCfList> {
    if (!cf_list)
        return std::nullopt;
    auto parsed = region::parse_cflist(region, *cf_list);
    if (!parsed)
        return std::nullopt;
    return *parsed;
}

auto session_after_join(const JoinCandidate& candidate, const JoinReservation& reservation,
                        const JoinAnswer& answer, const region::Region& region) -> DeviceSession {
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
    return session;
}
}  // namespace

void NetworkServer::handle_join(const JoinRequest& request, const CollectedUplink& uplink) {
    const std::string who = "DevEUI " + request.dev_eui.to_string();
    auto found = store_.find_join_candidate(request.dev_eui);
    if (!found)
        return reject(UplinkRejection::storage_failure, found.error().message);
    if (!*found)
        return reject(UplinkRejection::unknown_dev_eui, who);
    const JoinCandidate& candidate = **found;
    if (candidate.device.join_eui != request.join_eui) {
        return reject(UplinkRejection::join_eui_mismatch,
                      who + ", JoinEUI " + request.join_eui.to_string());
    }
    if (!verify_join_request(candidate.device, uplink.phy_payload)) {
        return reject(UplinkRejection::join_mic_mismatch, who);
    }
    auto nonce =
        store_.accept_dev_nonce(request.dev_eui, candidate.device.mac_version, request.dev_nonce);
    if (!nonce)
        return reject(UplinkRejection::storage_failure, nonce.error().message);
    if (*nonce)
        return reject(**nonce, who + ", DevNonce " + std::to_string(request.dev_nonce.value));
    if (!serves_region(candidate.profile.region_id)) {
        return reject(UplinkRejection::region_not_served,
                      who + ", region " + candidate.profile.region_id);
    }
    const auto* region = region::find_region(candidate.profile.region_id);
    const auto dr =
        region != nullptr ? uplink_data_rate(*region, uplink.tx_info.modulation) : std::nullopt;
    if (!dr || !region::check_uplink(*region, uplink.tx_info.frequency_hz, *dr)) {
        return reject(UplinkRejection::data_rate_not_in_region,
                      who + ", " + std::to_string(uplink.tx_info.frequency_hz) + " Hz");
    }

    auto reservation = store_.reserve_join(request.dev_eui, settings_.net_id);
    if (!reservation)
        return reject(UplinkRejection::dev_addr_exhausted,
                      who + ": " + reservation.error().message);
    const RxSettings join_rx = join_accept_rx_settings(*region);
    const JoinAcceptPlan plan{
        .join_nonce = reservation->join_nonce,
        .net_id = settings_.net_id,
        .dev_addr = reservation->dev_addr,
        .rx1_dr_offset = candidate.profile.rx1_dr_offset,
        .rx2_dr = candidate.profile.rx2_dr.value_or(region->rx2_default.dr),
        .rx_delay_seconds = static_cast<std::uint8_t>(candidate.profile.rx1_delay.count()),
        .cf_list = cf_list_for(*region, settings_.extra_channels_hz)};
    const JoinAnswer answer = answer_join_request(candidate.device, request, plan);
    DeviceSession session = session_after_join(candidate, *reservation, answer, *region);
    session.mac = mac_state_after_join(
        *region, JoinMacSettings{.rx1_dr_offset = session.rx.rx1_dr_offset,
                                 .rx2_dr = session.rx.rx2_dr,
                                 .rx2_frequency_hz = session.rx.rx2_frequency_hz,
                                 .rx1_delay = session.rx.rx1_delay,
                                 .cflist = parsed_cf_list(*region, plan.cf_list),
                                 .join_request_dr = *dr});
    if (auto stored = store_.complete_join(session); !stored) {
        return reject(UplinkRejection::storage_failure, stored.error().message);
    }
    events_.on_join(request.dev_eui, reservation->dev_addr);

    const auto gateway = best_gateway(
        uplink.rx_infos, [&](const auto& rx) { return transmitter_.can_transmit(rx.gateway_eui); });
    if (!gateway)
        return;  // no gateway can answer: the device will retry
    const auto& rx_info = uplink.rx_infos[*gateway];
    const UplinkRadio radio{
        .frequency_hz = uplink.tx_info.frequency_hz, .dr = *dr, .tmst = rx_info.tmst};
    auto rx1 = plan_rx1(*region, join_rx, radio);
    auto rx2 = plan_rx2(*region, join_rx, radio);
    if (!rx1 && !rx2)
        return;
    InFlight flight{.dev_eui = request.dev_eui,
                    .gateway = rx_info.gateway_eui,
                    .downlink_id = std::nullopt,
                    .f_cnt_down = 0,
                    .confirmed = false,
                    .fallback = std::nullopt,
                    .expires = {}};
    auto first = rx1 ? std::move(rx1->frame) : std::move(rx2->frame);
    first.phy_payload = answer.join_accept;
    if (rx1 && rx2) {
        flight.fallback = std::move(rx2->frame);
        flight.fallback->phy_payload = answer.join_accept;
    }
    send(std::move(flight), first, now_);
}

}  // namespace hortillon::network_server
