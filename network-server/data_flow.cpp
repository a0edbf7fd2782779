// The data-uplink and downlink flows of NetworkServer (see network_server.hpp for the steps).
#include <algorithm>

#include "network-server/data_uplink.hpp"
#include "network-server/device_mac_target.hpp"
#include "network-server/force_rejoin_plan.hpp"
#include "network-server/mac/uplink_mac_commands.hpp"
#include "network-server/network_server.hpp"
#include "network-server/radio.hpp"

namespace hortillon::network_server {

using namespace lorawan;

namespace {
auto uplink_channel(const region::Region& region, const CollectedUplink& uplink, std::uint8_t dr)
    -> UplinkChannel {
    auto index = region::uplink_channel_index(region, uplink.tx_info.frequency_hz);
    return UplinkChannel{.dr = dr, .channel_index = index ? *index : std::uint8_t{0}};
}

auto spreading_factor(const CollectedUplink& uplink) -> unsigned {
    const auto* lora = std::get_if<gateway_bridge::LoraModulation>(&uplink.tx_info.modulation);
    return lora != nullptr ? lora->spreading_factor : 7;
}
}  // namespace

void NetworkServer::handle_data(const DataFrame& frame, const CollectedUplink& uplink,
                                std::chrono::system_clock::time_point utc) {
    const std::string who = "DevAddr " + frame.dev_addr.to_string();
    auto loaded = store_.sessions_by_dev_addr(frame.dev_addr);
    if (!loaded)
        return reject(UplinkRejection::storage_failure, loaded.error().message);
    if (loaded->empty())
        return reject(UplinkRejection::unknown_dev_addr, who);
    const std::string region_id = loaded->front().profile.region_id;  // front() moves on below
    if (!serves_region(region_id))
        return reject(UplinkRejection::region_not_served, who + ", region " + region_id);
    const auto* region = region::find_region(region_id);
    const auto dr =
        region != nullptr ? uplink_data_rate(*region, uplink.tx_info.modulation) : std::nullopt;
    if (!dr || !region::check_uplink(*region, uplink.tx_info.frequency_hz, *dr)) {
        return reject(UplinkRejection::data_rate_not_in_region,
                      who + ", " + std::to_string(uplink.tx_info.frequency_hz) + " Hz in " +
                          std::string(region->id));
    }

    std::vector<DeviceSession> sessions;
    for (const auto& device : *loaded)
        sessions.push_back(device.session);
    auto match = match_session(frame, uplink.phy_payload, sessions,
                               uplink_channel(*region, uplink, *dr), session_crypto_);
    if (!match) {
        // A known device's frame refused (its keys verified, or it is the only one with this
        // DevAddr): its application hears of it too.
        auto owner = match.error().index;
        if (!owner && match.error().reason == UplinkRejection::mic_mismatch && sessions.size() == 1)
            owner = 0;
        if (owner)
            events_.on_device_uplink_rejected(sessions[*owner].dev_eui, match.error().reason);
        return reject(match.error().reason, who);
    }
    ActiveDevice device = std::move((*loaded)[match->index]);
    if (device.awaiting_first_uplink && !activate_rejoin_session(device))
        return;
    const bool retransmission = match->verdict == FCntVerdict::retransmission;
    if (retransmission && !frame.confirmed())
        return;  // NbTrans repeat: already handled

    const MacCommands commands =
        uplink_mac_commands(frame, device.session, match->f_cnt, session_crypto_);
    const MacOutcome mac = handle_uplink_mac_commands(
        commands.commands, UplinkMacContext{uplink.rx_infos, spreading_factor(uplink), utc});
    // A device answers a confirmed downlink in its next uplink: ACK set, or it did not get it.
    if (!retransmission)
        settle_pending_confirmed(device.session, frame.f_ctrl.ack);
    device.session.last_f_cnt_up = match->f_cnt;
    if (auto best = best_gateway(uplink.rx_infos, [&](const auto& rx) {
            return transmitter_.can_transmit(rx.gateway_eui);
        })) {
        last_gateway_[device.session.dev_eui] = uplink.rx_infos[*best].gateway_eui;
    }
    DownlinkContent content{.ack = frame.confirmed(),
                            .acked_f_cnt_up = match->f_cnt,
                            .adr = device.profile.adr,
                            .more_queued = false,
                            .mac_commands = mac.answers,
                            .application = std::nullopt};
    // A retransmission was through the MAC layer already: it only needs its ACK again.
    std::optional<MacStep> step;
    bool forces_rejoin = false;  // this downlink carries the operator's ForceRejoinReq
    if (!retransmission) {
        step = mac_step(device, frame, uplink, *region, *dr, match->f_cnt, mac, utc);
        device.session.mac = step->state;
        content.mac_commands = step->commands;
        if (device.session.force_rejoin && device.session.lorawan_1_1) {
            const auto action = force_rejoin_action(*device.session.force_rejoin, utc);
            if (action == ForceRejoinAction::send) {
                // First, so that it is never the command left out when they do not all fit.
                content.mac_commands.insert(content.mac_commands.begin(),
                                            device.session.force_rejoin->request);
                forces_rejoin = true;
            } else if (action == ForceRejoinAction::give_up) {
                if (auto cleared = store_.clear_force_rejoin(device.session.dev_eui); !cleared)
                    return reject(UplinkRejection::storage_failure, cleared.error().message);
                const MacFinding finding{.kind = MacFindingKind::gave_up,
                                         .cid = Cid::force_rejoin,
                                         .status = device.session.force_rejoin->sends};
                events_.on_mac_findings(device.session.dev_eui, std::span(&finding, 1));
                device.session.force_rejoin.reset();
            }
        }
    }
    const auto downlink_id = retransmission ? std::nullopt : add_queued_payload(device, content);
    const bool wanted = content.ack || !content.mac_commands.empty() || content.application ||
                        (step && step->downlink_required);
    const auto scheduled =
        wanted ? send_class_a(device, uplink, *dr, std::move(content), downlink_id) : std::nullopt;
    if (scheduled && scheduled->mac_commands && step)
        device.session.mac = mark_requests_sent(std::move(device.session.mac), step->plan, utc);
    if (scheduled && scheduled->mac_commands && forces_rejoin) {
        // No answer comes: the device's rejoin-request is the answer; until then it is sent
        // again now and then (force_rejoin_plan.hpp).
        if (auto noted = store_.note_force_rejoin_sent(device.session.dev_eui,
                                                       device.session.force_rejoin->request, utc);
            !noted) {
            return reject(UplinkRejection::storage_failure, noted.error().message);
        }
    }
    // Counters and MAC state go into the uplink's transaction, which commits before any
    // downlink leaves: a replay can never be delivered.
    if (auto saved = store_.save_session(device.session); !saved) {
        return reject(UplinkRejection::storage_failure, saved.error().message);
    }
    // Handed on after the downlink decision, so that what the application queues in answer
    // waits for the next window instead of racing this one.
    if (!retransmission) {
        const bool stored = events_.on_uplink(AcceptedUplink{
            .dev_eui = device.session.dev_eui,
            .dev_addr = frame.dev_addr,
            .f_cnt = match->f_cnt,
            .f_port = frame.f_port,
            .frm_payload = frame.f_port.value_or(0) > 0 ? frame.frm_payload : Bytes{},
            .app_s_key = device.session.keys.app_s_key,
            .confirmed = frame.confirmed(),
            .adr = frame.f_ctrl.adr,
            .dr = *dr,
            .radio = &uplink});
        if (!stored) {
            discard_uplink_ = true;
            reject(UplinkRejection::event_not_stored, who);
        }
    }
}

auto NetworkServer::mac_step(const ActiveDevice& device, const DataFrame& frame,
                             const CollectedUplink& uplink, const region::Region& region,
                             std::uint8_t dr, std::uint32_t f_cnt, const MacOutcome& mac,
                             std::chrono::system_clock::time_point utc) -> MacStep {
    double max_snr = -30;
    for (const auto& rx : uplink.rx_infos)
        max_snr = std::max(max_snr, rx.lsnr.value_or(-30.0));
    const MacUplink mac_uplink{.mac_version = device.session.mac_version,
                               .f_cnt = f_cnt,
                               .dr = dr,
                               .max_snr_db = max_snr,
                               .adr_ack_req = frame.f_ctrl.adr_ack_req,
                               .received_at = utc};
    const DeviceMacTarget target =
        mac_target_for(device.profile, device.session, region, settings_.extra_channels_hz);
    MacStep step = run_mac_step(target, device.session.mac, mac.answers, mac.device_answers,
                                mac_uplink, frame.f_ctrl.adr, region, adr_);
    events_.on_mac_findings(device.session.dev_eui, step.findings);
    if (step.device_status)
        events_.on_device_status(device.session.dev_eui, *step.device_status);
    return step;
}

auto NetworkServer::activate_rejoin_session(ActiveDevice& device) -> bool {
    // The device took the join-accept that answered its rejoin-request: the new session
    // replaces the old one, in this uplink's transaction. A confirmed downlink the old session
    // awaits an ACK for can never be acknowledged now: it is reported unacknowledged.
    if (!settle_before_new_session(device.session.dev_eui))
        return false;
    if (auto activated = store_.activate_pending_session(device.session.dev_eui); !activated) {
        reject(UplinkRejection::storage_failure, activated.error().message);
        return false;
    }
    device.awaiting_first_uplink = false;
    events_.on_join(device.session.dev_eui, device.session.dev_addr);
    return true;
}

auto NetworkServer::settle_before_new_session(Eui64 dev_eui) -> bool {
    auto current = store_.find_active_device(dev_eui);
    if (!current) {
        reject(UplinkRejection::storage_failure, current.error().message);
        return false;
    }
    if (*current)
        settle_pending_confirmed((*current)->session, false);
    return true;
}

void NetworkServer::settle_pending_confirmed(DeviceSession& session, bool acknowledged) {
    if (!session.pending_confirmed_f_cnt_down)
        return;
    auto settled =
        store_.settle_confirmed_downlink(session.dev_eui, *session.pending_confirmed_f_cnt_down);
    const std::uint32_t f_cnt_down = *session.pending_confirmed_f_cnt_down;
    session.pending_confirmed_f_cnt_down.reset();
    if (settled && *settled) {
        events_.on_downlink_acknowledged(DownlinkAcknowledgement{.dev_eui = session.dev_eui,
                                                                 .downlink_id = **settled,
                                                                 .f_cnt_down = f_cnt_down,
                                                                 .acknowledged = acknowledged});
    }
}

auto NetworkServer::add_queued_payload(ActiveDevice& device, DownlinkContent& content)
    -> std::optional<std::string> {
    if (device.session.pending_confirmed_f_cnt_down)
        return std::nullopt;  // wait for its ACK
    auto next = store_.next_downlink(device.session.dev_eui);
    if (!next || !*next)
        return std::nullopt;
    auto count = store_.queued_downlink_count(device.session.dev_eui);
    content.more_queued = count && *count > 1;
    content.application = ApplicationPayload{(*next)->f_port, (*next)->data, (*next)->confirmed};
    return (*next)->id;
}

auto NetworkServer::send_class_a(ActiveDevice& device, const CollectedUplink& uplink,
                                 std::uint8_t uplink_dr, DownlinkContent content,
                                 std::optional<std::string> downlink_id)
    -> std::optional<ScheduledDownlink> {
    const auto* region = region::find_region(device.profile.region_id);
    const auto gateway = best_gateway(
        uplink.rx_infos, [&](const auto& rx) { return transmitter_.can_transmit(rx.gateway_eui); });
    if (region == nullptr || !gateway)
        return std::nullopt;
    const auto& rx_info = uplink.rx_infos[*gateway];
    const UplinkRadio radio{
        .frequency_hz = uplink.tx_info.frequency_hz, .dr = uplink_dr, .tmst = rx_info.tmst};
    auto rx1 = plan_rx1(*region, device.session.rx, radio);
    auto rx2 = plan_rx2(*region, device.session.rx, radio);
    if (!rx1 && !rx2)
        return std::nullopt;
    // Size the frame for the window that is tried first.
    const std::uint8_t first_dr = rx1 ? rx1->dr : rx2->dr;
    auto limit = region::max_payload_size(*region, first_dr, false);
    if (!limit)
        return std::nullopt;
    auto built = build_data_downlink(device.session, content, *limit);
    if (!built) {
        if (downlink_id) {
            events_.on_downlink_refused(device.session.dev_eui, *downlink_id, built.error());
            (void)store_.remove_downlink(*downlink_id);
        }
        return std::nullopt;
    }
    // The caller stores the session, with these counters, before the frame leaves.
    DeviceSession& session = device.session;
    (built->a_f_cnt_down ? session.a_f_cnt_down : session.n_f_cnt_down) = built->f_cnt + 1;
    if (built->confirmed)
        session.pending_confirmed_f_cnt_down = built->f_cnt;
    InFlight flight{.dev_eui = session.dev_eui,
                    .gateway = rx_info.gateway_eui,
                    .downlink_id = built->application_included ? downlink_id : std::nullopt,
                    .f_cnt_down = built->f_cnt,
                    .confirmed = built->confirmed,
                    .fallback = std::nullopt,
                    .expires = {}};
    auto first = rx1 ? std::move(rx1->frame) : std::move(rx2->frame);
    first.phy_payload = built->phy_payload;
    // RX2 can carry the same frame only if it fits RX2's (lower) data rate too.
    if (rx1 && rx2) {
        if (auto rx2_limit = region::max_payload_size(*region, rx2->dr, false);
            rx2_limit && built->phy_payload.size() - 5 <= rx2_limit->m) {
            flight.fallback = std::move(rx2->frame);
            flight.fallback->phy_payload = built->phy_payload;
        }
    }
    send(std::move(flight), first, now_);
    return ScheduledDownlink{.mac_commands = built->mac_commands_included};
}

void NetworkServer::on_downlink_queued(Eui64 dev_eui, SteadyTime now) {
    now_ = now;
    auto found = store_.find_active_device(dev_eui);
    if (!found || !*found || (*found)->profile.device_class != DeviceClass::c)
        return;
    // After a rejoin the device may already use the new session: its next uplink shows which,
    // and the downlink waits for it.
    if (auto pending = store_.find_pending_device(dev_eui); !pending || *pending)
        return;
    ActiveDevice device = **found;
    const auto* region = region::find_region(device.profile.region_id);
    if (region == nullptr)
        return;
    DownlinkContent content;
    content.adr = device.profile.adr;
    const auto downlink_id = add_queued_payload(device, content);
    if (!downlink_id)
        return;
    auto window = plan_immediate(*region, device.session.rx);
    auto limit = window ? region::max_payload_size(*region, window->dr, false)
                        : Unexpected{region::RegionError::unknown_data_rate};
    if (!window || !limit)
        return;
    auto built = build_data_downlink(device.session, content, *limit);
    if (!built) {
        events_.on_downlink_refused(dev_eui, *downlink_id, built.error());
        (void)store_.remove_downlink(*downlink_id);
        return;
    }
    const auto gateway = last_gateway_.find(dev_eui);
    if (gateway == last_gateway_.end() || !transmitter_.can_transmit(gateway->second)) {
        return;  // no gateway known to reach the device yet: it waits for its next uplink
    }
    DeviceSession& session = device.session;
    (built->a_f_cnt_down ? session.a_f_cnt_down : session.n_f_cnt_down) = built->f_cnt + 1;
    if (built->confirmed)
        session.pending_confirmed_f_cnt_down = built->f_cnt;
    if (auto saved = store_.save_session(session); !saved)
        return;
    window->frame.phy_payload = built->phy_payload;
    send(InFlight{.dev_eui = dev_eui,
                  .gateway = gateway->second,
                  .downlink_id = built->application_included ? downlink_id : std::nullopt,
                  .f_cnt_down = built->f_cnt,
                  .confirmed = built->confirmed,
                  .fallback = std::nullopt,
                  .expires = {}},
         window->frame, now);
}

}  // namespace hortillon::network_server
