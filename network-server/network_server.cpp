#include "network-server/network_server.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include "lorawan/phy_payload.hpp"

namespace hortillon::network_server {

using namespace lorawan;

auto NetworkServer::tx_result(const InFlight& flight, gateway_bridge::TxAckError error)
    -> DownlinkTxResult {
    return DownlinkTxResult{.dev_eui = flight.dev_eui,
                            .downlink_id = flight.downlink_id,
                            .f_cnt_down = flight.f_cnt_down,
                            .gateway = flight.gateway,
                            .error = error};
}

NetworkServer::NetworkServer(NetworkServerSettings settings, NetworkStore& store,
                             DownlinkTransmitter& transmitter, NetworkEvents& events)
    : settings_(std::move(settings)),
      store_(store),
      transmitter_(transmitter),
      events_(events),
      deduplication_(settings_.deduplication) {}

void NetworkServer::on_uplink_frame(gateway_bridge::UplinkFrame frame, SteadyTime now) {
    const auto gateway = frame.rx_info.gateway_eui;
    switch (deduplication_.add(std::move(frame), now)) {
        case CopyOutcome::window_full:
            reject(UplinkRejection::deduplication_window_full, "");
            break;
        case CopyOutcome::late_copy:
            reject(UplinkRejection::late_copy, "gateway " + gateway.to_string());
            break;
        default:
            break;
    }
}

auto NetworkServer::next_deadline() const -> std::optional<SteadyTime> {
    std::optional<SteadyTime> deadline = deduplication_.next_deadline();
    if (!expiries_.empty() && (!deadline || expiries_.begin()->first < *deadline))
        deadline = expiries_.begin()->first;
    if (!answered_.empty() && (!deadline || first_answered_at_ < *deadline))
        deadline = first_answered_at_;
    return deadline;
}

void NetworkServer::on_deadline(SteadyTime now, std::chrono::system_clock::time_point utc_now) {
    handle_batch(
        deduplication_.on_deadline(now, std::max<std::size_t>(1, settings_.uplinks_per_deadline)),
        now, utc_now);
    // A gateway that never answered the PULL_RESP: report it as not sent.
    while (!expiries_.empty() && expiries_.begin()->first <= now) {
        const auto token = expiries_.begin()->second;
        expiries_.erase(expiries_.begin());
        auto expired = in_flight_.find(token);
        events_.on_tx_result(tx_result(expired->second, gateway_bridge::TxAckError::unknown));
        in_flight_.erase(expired);
    }
}

auto NetworkServer::drain(SteadyTime now, std::chrono::system_clock::time_point utc_now)
    -> std::size_t {
    const auto open = deduplication_.close_all(now);
    handle_batch(open, now, utc_now);
    return open.size();
}

void NetworkServer::handle_batch(const std::vector<CollectedUplink>& due, SteadyTime now,
                                 std::chrono::system_clock::time_point utc_now) {
    now_ = now;
    if (due.empty() && answered_.empty())
        return;
    // One transaction for the batch (a savepoint per uplink): one commit for many uplinks.
    auto batch = store_.begin_transaction();
    in_transaction_ = true;
    auto answered = std::exchange(answered_, {});
    settle_answered(answered);  // first: the gateways answered before these windows closed
    for (const CollectedUplink& uplink : due)
        handle_in_transaction(uplink, utc_now);
    in_transaction_ = false;
    auto sends = std::exchange(deferred_, {});
    if (batch) {
        if (auto committed = (*batch)->commit(); !committed) {
            reject(UplinkRejection::storage_failure, committed.error().message);
            sends.clear();  // their counters are not stored: nothing may leave
            // The answers' writes went with the transaction: tried again a second later.
            answered_.insert(answered_.begin(), std::make_move_iterator(answered.begin()),
                             std::make_move_iterator(answered.end()));
            if (!answered_.empty())
                first_answered_at_ = now + std::chrono::seconds{1};
        }
    }
    for (auto& [flight, frame] : sends)
        transmit(std::move(flight), frame, now);
}

void NetworkServer::on_tx_ack(gateway_bridge::Token token, const gateway_bridge::TxAck& ack,
                              SteadyTime now) {
    auto found = in_flight_.find(token);
    if (found == in_flight_.end())
        return;  // late or foreign TX_ACK
    InFlight flight = std::move(found->second);
    expiries_.erase({flight.expires, token});
    in_flight_.erase(found);
    if (!ack.sent() && flight.fallback) {
        gateway_bridge::DownlinkFrame fallback = std::move(*flight.fallback);
        flight.fallback.reset();
        send(std::move(flight), fallback, now);
        return;
    }
    if (answered_.empty())
        first_answered_at_ = now;
    answered_.push_back(Answered{std::move(flight), ack.error, ack.sent()});
}

void NetworkServer::settle_answered(const std::vector<Answered>& answered) {
    for (const Answered& answer : answered) {
        events_.on_tx_result(tx_result(answer.flight, answer.error));
        // An unconfirmed payload is done once the gateway sent it; a confirmed one waits for
        // the ACK.
        if (answer.sent && answer.flight.downlink_id)
            (void)store_.mark_downlink_sent(*answer.flight.downlink_id, answer.flight.f_cnt_down);
    }
}

void NetworkServer::send(InFlight flight, const gateway_bridge::DownlinkFrame& frame,
                         SteadyTime now) {
    if (in_transaction_) {
        deferred_.emplace_back(std::move(flight), frame);
        return;
    }
    transmit(std::move(flight), frame, now);
}

void NetworkServer::transmit(InFlight flight, const gateway_bridge::DownlinkFrame& frame,
                             SteadyTime now) {
    auto token = transmitter_.transmit(flight.gateway, frame);
    if (!token) {
        events_.on_tx_result(tx_result(flight, gateway_bridge::TxAckError::unknown));
        return;
    }
    flight.expires = now + settings_.tx_ack_timeout;
    if (auto reused = in_flight_.find(*token); reused != in_flight_.end())
        expiries_.erase({reused->second.expires, *token});
    expiries_.insert({flight.expires, *token});
    in_flight_.insert_or_assign(*token, std::move(flight));
}

void NetworkServer::handle_in_transaction(const CollectedUplink& uplink,
                                          std::chrono::system_clock::time_point utc) {
    auto transaction = store_.begin_transaction();
    if (!transaction)
        return reject(UplinkRejection::storage_failure, transaction.error().message);
    const std::size_t sends_before = deferred_.size();
    discard_uplink_ = false;
    handle_uplink(uplink, utc);
    if (!discard_uplink_) {
        auto committed = (*transaction)->commit();
        if (committed)
            return;
        reject(UplinkRejection::storage_failure, committed.error().message);
    }
    // Rolled back: what it planned to send goes too.
    deferred_.erase(deferred_.begin() + static_cast<std::ptrdiff_t>(sends_before), deferred_.end());
}

void NetworkServer::handle_uplink(const CollectedUplink& uplink,
                                  std::chrono::system_clock::time_point utc) {
    auto decoded = decode_phy_payload(uplink.phy_payload);
    if (!decoded) {
        reject(UplinkRejection::malformed_frame, std::string(describe(decoded.error())));
        return;
    }
    if (const auto* request = std::get_if<JoinRequest>(&*decoded)) {
        handle_join(*request, uplink);
    } else if (const auto* rejoin = std::get_if<RejoinRequest>(&*decoded)) {
        handle_rejoin(*rejoin, uplink);
    } else if (const auto* frame = std::get_if<DataFrame>(&*decoded);
               frame != nullptr && frame->direction() == Direction::uplink) {
        handle_data(*frame, uplink, utc);
    } else {
        reject(UplinkRejection::unsupported_message, "");
    }
}

auto NetworkServer::serves_region(std::string_view region_id) const -> bool {
    if (settings_.regions.empty())
        return true;
    const auto* wanted = region::find_region(region_id);
    return std::any_of(settings_.regions.begin(), settings_.regions.end(),
                       [&](const std::string& id) { return region::find_region(id) == wanted; });
}

void NetworkServer::reject(UplinkRejection reason, const std::string& detail) {
    // A store failure half-way through an uplink: roll back what it wrote so far.
    if (reason == UplinkRejection::storage_failure && in_transaction_)
        discard_uplink_ = true;
    events_.on_rejected(reason, detail);
}

}  // namespace hortillon::network_server
