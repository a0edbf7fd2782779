// The OTAA flow of NetworkServer (see network_server.hpp for the steps).
#include "network-server/network_server.hpp"
#include "network-server/new_session.hpp"
#include "network-server/radio.hpp"

namespace hortillon::network_server {

using namespace lorawan;

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
    const auto radio = activation_radio(candidate.profile, uplink, who);
    if (!radio)
        return;
    const region::Region* region = radio->region;
    const std::uint8_t dr = radio->dr;

    auto reservation = store_.reserve_join(request.dev_eui, settings_.net_id);
    if (!reservation)
        return reject(UplinkRejection::dev_addr_exhausted,
                      who + ": " + reservation.error().message);
    const RxSettings join_rx = join_accept_rx_settings(*region);
    const JoinAcceptPlan plan = join_accept_plan(candidate.profile, *reservation, settings_.net_id,
                                                 *region, settings_.extra_channels_hz);
    const JoinAnswer answer = answer_join_request(candidate.device, request, plan);
    const DeviceSession session =
        session_after_join(candidate, *reservation, answer, *region, plan.cf_list, dr);
    if (!settle_before_new_session(request.dev_eui))
        return;
    if (auto stored = store_.complete_join(session); !stored) {
        return reject(UplinkRejection::storage_failure, stored.error().message);
    }
    events_.on_join(request.dev_eui, reservation->dev_addr);
    send_join_accept(request.dev_eui, uplink, *region, join_rx, dr, answer.join_accept);
}

auto NetworkServer::activation_radio(const DeviceProfile& profile, const CollectedUplink& uplink,
                                     const std::string& who) -> std::optional<ActivationRadio> {
    if (!serves_region(profile.region_id)) {
        reject(UplinkRejection::region_not_served, who + ", region " + profile.region_id);
        return std::nullopt;
    }
    const auto* region = region::find_region(profile.region_id);
    const auto dr =
        region != nullptr ? uplink_data_rate(*region, uplink.tx_info.modulation) : std::nullopt;
    if (!dr || !region::check_uplink(*region, uplink.tx_info.frequency_hz, *dr)) {
        reject(UplinkRejection::data_rate_not_in_region,
               who + ", " + std::to_string(uplink.tx_info.frequency_hz) + " Hz");
        return std::nullopt;
    }
    return ActivationRadio{.region = region, .dr = *dr};
}

void NetworkServer::send_join_accept(Eui64 dev_eui, const CollectedUplink& uplink,
                                     const region::Region& region, const RxSettings& rx,
                                     std::uint8_t uplink_dr, const Bytes& join_accept) {
    const auto gateway = best_gateway(
        uplink.rx_infos, [&](const auto& rx) { return transmitter_.can_transmit(rx.gateway_eui); });
    if (!gateway)
        return;  // no gateway can answer: the device will retry
    const auto& rx_info = uplink.rx_infos[*gateway];
    const UplinkRadio radio{
        .frequency_hz = uplink.tx_info.frequency_hz, .dr = uplink_dr, .tmst = rx_info.tmst};
    auto rx1 = plan_rx1(region, rx, radio);
    auto rx2 = plan_rx2(region, rx, radio);
    if (!rx1 && !rx2)
        return;
    InFlight flight{.dev_eui = dev_eui,
                    .gateway = rx_info.gateway_eui,
                    .downlink_id = std::nullopt,
                    .f_cnt_down = 0,
                    .confirmed = false,
                    .fallback = std::nullopt,
                    .expires = {}};
    auto first = rx1 ? std::move(rx1->frame) : std::move(rx2->frame);
    first.phy_payload = join_accept;
    if (rx1 && rx2) {
        flight.fallback = std::move(rx2->frame);
        flight.fallback->phy_payload = join_accept;
    }
    send(std::move(flight), first, now_);
}

}  // namespace hortillon::network_server
