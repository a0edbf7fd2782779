// The rejoin-request flow of NetworkServer (LoRaWAN 1.1 §6.2.4; see network_server.hpp).
//
//   type 0: the device's whole context is reset (DevAddr, keys, counters, radio parameters)
//   type 1: as a join-request, signed with JSIntKey: restores a context the network lost
//   type 2: new DevAddr, keys and counters; the radio parameters are kept
//
// The answer is a join-accept; the device keeps its current session until it gets it, so the
// new session waits beside the current one until the device's first uplink with it.
#include "lorawan/mac_version.hpp"
#include "network-server/network_server.hpp"
#include "network-server/new_session.hpp"
#include "network-server/radio.hpp"

namespace hortillon::network_server {

using namespace lorawan;

namespace {
// Type 2 keeps what the device uses: its receive windows, channels, DR and power. Requests
// sent under the old session are forgotten: the device never answers them in the new one.
auto session_keeping_radio(DeviceSession fresh, const DeviceSession& current, const RxSettings& rx)
    -> DeviceSession {
    fresh.rx = rx;
    fresh.mac = current.mac;
    fresh.mac.pending.clear();
    return fresh;
}
}  // namespace

auto NetworkServer::rejoin_signer(const RejoinRequest& request, const CollectedUplink& uplink,
                                  const std::string& who) -> std::optional<ActiveDevice> {
    auto current = store_.find_active_device(request.dev_eui);
    auto pending = store_.find_pending_device(request.dev_eui);
    if (!current || !pending) {
        reject(UplinkRejection::storage_failure,
               !current ? current.error().message : pending.error().message);
        return std::nullopt;
    }
    bool any_1_1 = false;
    // A device that took the rejoin's join-accept signs with the new session's key.
    for (auto* candidate : {&*current, &*pending}) {
        if (!*candidate || !(*candidate)->session.lorawan_1_1)
            continue;
        any_1_1 = true;
        if (verify_request_mic((*candidate)->session.keys.s_nwk_s_int_key, uplink.phy_payload))
            return std::move(**candidate);
    }
    reject(any_1_1 ? UplinkRejection::rejoin_mic_mismatch : UplinkRejection::rejoin_without_session,
           who);
    return std::nullopt;
}

void NetworkServer::handle_rejoin(const RejoinRequest& request, const CollectedUplink& uplink) {
    const std::string who = "DevEUI " + request.dev_eui.to_string() + ", rejoin type " +
                            std::to_string(request.rejoin_type) + ", RJcount " +
                            std::to_string(request.rj_count);
    auto found = store_.find_join_candidate(request.dev_eui);
    if (!found)
        return reject(UplinkRejection::storage_failure, found.error().message);
    if (!*found)
        return reject(UplinkRejection::unknown_dev_eui, who);
    const JoinCandidate& candidate = **found;
    if (!is_lorawan_1_1(candidate.device.mac_version))
        return reject(UplinkRejection::rejoin_not_1_1, who);

    // What the device uses now: its session for types 0 and 2 (whose key signed the request),
    // its session if it has one for type 1 (the receive windows to answer in).
    std::optional<ActiveDevice> current;
    if (request.rejoin_type == 1) {
        if (request.join_eui != candidate.device.join_eui) {
            return reject(UplinkRejection::join_eui_mismatch,
                          who + ", JoinEUI " + request.join_eui.to_string());
        }
        if (!verify_rejoin_type_1(candidate.device, uplink.phy_payload))
            return reject(UplinkRejection::rejoin_mic_mismatch, who);
        auto accepted = store_.accept_rj_count1(request.dev_eui, request.rj_count);
        if (!accepted)
            return reject(UplinkRejection::storage_failure, accepted.error().message);
        if (!*accepted)
            return reject(UplinkRejection::rejoin_count_replayed, who);
        auto active = store_.find_active_device(request.dev_eui);
        if (!active)
            return reject(UplinkRejection::storage_failure, active.error().message);
        current = std::move(*active);
    } else {
        if (request.net_id != settings_.net_id) {
            return reject(UplinkRejection::rejoin_other_network,
                          who + ", NetID " + request.net_id.to_string());
        }
        current = rejoin_signer(request, uplink, who);
        if (!current)
            return;
        // Signed with the new session's key: the device has it, so it is the session now.
        if (current->awaiting_first_uplink && !activate_rejoin_session(*current))
            return;
        auto accepted = store_.accept_rj_count0(request.dev_eui, request.rj_count);
        if (!accepted)
            return reject(UplinkRejection::storage_failure, accepted.error().message);
        if (!*accepted)
            return reject(UplinkRejection::rejoin_count_replayed, who);
        // Devices also send type 0 periodically (RejoinParamSetup, or their own timer): a new
        // session for each would reset them for nothing. Only a request of ours is answered.
        if (!current->session.force_rejoin)
            return reject(UplinkRejection::rejoin_not_requested, who);
    }

    const auto radio = activation_radio(candidate.profile, uplink, who);
    if (!radio)
        return;
    const region::Region* region = radio->region;
    const std::uint8_t dr = radio->dr;

    auto reservation = store_.reserve_join(request.dev_eui, settings_.net_id);
    if (!reservation)
        return reject(UplinkRejection::dev_addr_exhausted,
                      who + ": " + reservation.error().message);
    const bool keeps_radio = request.rejoin_type == 2 && current.has_value();
    // What the device uses now, as it acknowledged it (the session's own RX settings are what
    // the MAC layer moves it to).
    const RxSettings kept =
        current ? RxSettings{.rx1_delay = current->session.mac.rx1_delay,
                             .rx1_dr_offset = current->session.mac.rx1_dr_offset,
                             .rx2_dr = current->session.mac.rx2_dr,
                             .rx2_frequency_hz = current->session.mac.rx2_frequency_hz}
                : RxSettings{};
    JoinAcceptPlan plan = join_accept_plan(candidate.profile, *reservation, settings_.net_id,
                                           *region, settings_.extra_channels_hz);
    if (keeps_radio) {
        plan.rx1_dr_offset = kept.rx1_dr_offset;
        plan.rx2_dr = kept.rx2_dr;
        plan.rx_delay_seconds = static_cast<std::uint8_t>(kept.rx1_delay.count());
        plan.cf_list.reset();
    }
    const JoinAnswer answer = answer_rejoin_request(candidate.device, request, plan);
    DeviceSession session =
        session_after_join(candidate, *reservation, answer, *region, plan.cf_list, dr);
    if (keeps_radio)
        session = session_keeping_radio(std::move(session), current->session, kept);
    // The `join` event follows when the device uses the new session (activate_rejoin_session).
    if (auto stored = store_.store_pending_session(session); !stored)
        return reject(UplinkRejection::storage_failure, stored.error().message);

    // The device listens for the answer with JOIN_ACCEPT_DELAY1/2 and the receive settings it
    // uses now: its session's, or the region's defaults when it has none.
    RxSettings answer_rx = join_accept_rx_settings(*region);
    if (current) {
        answer_rx.rx1_dr_offset = kept.rx1_dr_offset;
        answer_rx.rx2_dr = kept.rx2_dr;
        answer_rx.rx2_frequency_hz = kept.rx2_frequency_hz;
    }
    send_join_accept(request.dev_eui, uplink, *region, answer_rx, dr, answer.join_accept);
}

}  // namespace hortillon::network_server
