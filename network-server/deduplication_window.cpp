#include "network-server/deduplication_window.hpp"

#include <algorithm>

namespace hortillon::network_server {

namespace {
auto key_of(const lorawan::Bytes& phy_payload) -> std::string_view {
    return {reinterpret_cast<const char*>(phy_payload.data()), phy_payload.size()};
}

// The stronger of two receptions by one gateway: higher SNR, then higher RSSI.
auto stronger(const gateway_bridge::UplinkRxInfo& a, const gateway_bridge::UplinkRxInfo& b)
    -> bool {
    const double snr_a = a.lsnr.value_or(-1000);
    const double snr_b = b.lsnr.value_or(-1000);
    if (snr_a != snr_b)
        return snr_a > snr_b;
    return a.rssi > b.rssi;
}
}  // namespace

auto DeduplicationWindow::add(gateway_bridge::UplinkFrame frame, SteadyTime now) -> CopyOutcome {
    forget_released(now);
    const std::string_view key = key_of(frame.phy_payload);
    if (auto found = frames_.find(key); found != frames_.end()) {
        Entry& entry = found->second;
        if (entry.released)
            return CopyOutcome::late_copy;
        auto& rx_infos = entry.uplink.rx_infos;
        auto same = std::find_if(rx_infos.begin(), rx_infos.end(), [&](const auto& rx) {
            return rx.gateway_eui == frame.rx_info.gateway_eui;
        });
        if (same == rx_infos.end()) {
            rx_infos.push_back(std::move(frame.rx_info));
            return CopyOutcome::added;
        }
        if (stronger(frame.rx_info, *same))
            *same = std::move(frame.rx_info);
        return CopyOutcome::same_gateway;
    }

    if (open_order_.size() >= settings_.capacity)
        return CopyOutcome::window_full;
    std::string owned_key(key);
    Entry entry{.uplink = CollectedUplink{.phy_payload = std::move(frame.phy_payload),
                                          .tx_info = frame.tx_info,
                                          .rx_infos = {std::move(frame.rx_info)},
                                          .first_seen = now},
                .forget_at = {}};
    const auto opened = frames_.emplace(std::move(owned_key), std::move(entry)).first;
    open_order_.push_back(&*opened);
    return CopyOutcome::first_copy;
}

auto DeduplicationWindow::next_deadline() const -> std::optional<SteadyTime> {
    if (open_order_.empty())
        return std::nullopt;
    return open_order_.front()->second.uplink.first_seen + settings_.window;
}

auto DeduplicationWindow::on_deadline(SteadyTime now, std::size_t limit)
    -> std::vector<CollectedUplink> {
    return release(now, limit, Which::due);
}

auto DeduplicationWindow::close_all(SteadyTime now) -> std::vector<CollectedUplink> {
    return release(now, std::numeric_limits<std::size_t>::max(), Which::all);
}

auto DeduplicationWindow::release(SteadyTime now, std::size_t limit, Which which)
    -> std::vector<CollectedUplink> {
    std::vector<CollectedUplink> due;
    while (!open_order_.empty() && due.size() < limit) {
        Node* node = open_order_.front();
        Entry& entry = node->second;
        if (which == Which::due && entry.uplink.first_seen + settings_.window > now)
            break;
        due.push_back(std::move(entry.uplink));
        entry.released = true;
        entry.forget_at = now + settings_.late_copy_memory;
        released_order_.push_back(node);
        open_order_.pop_front();
    }
    forget_released(now);
    return due;
}

void DeduplicationWindow::forget_released(SteadyTime now) {
    while (!released_order_.empty() && released_order_.front()->second.forget_at <= now) {
        frames_.erase(frames_.find(released_order_.front()->first));
        released_order_.pop_front();
    }
}

}  // namespace hortillon::network_server
