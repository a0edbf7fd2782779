#include "network-server/deduplication_window.hpp"

#include <algorithm>

namespace hortillon::network_server {

namespace {
auto key_of(const lorawan::Bytes& phy_payload) -> std::string {
    return {phy_payload.begin(), phy_payload.end()};
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
    std::string key = key_of(frame.phy_payload);
    if (released_.contains(key))
        return CopyOutcome::late_copy;

    if (auto open = open_.find(key); open != open_.end()) {
        auto& rx_infos = open->second.rx_infos;
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

    if (open_.size() >= settings_.capacity)
        return CopyOutcome::window_full;
    CollectedUplink uplink{.phy_payload = std::move(frame.phy_payload),
                           .tx_info = frame.tx_info,
                           .rx_infos = {std::move(frame.rx_info)},
                           .first_seen = now};
    open_order_.push_back(key);
    open_.emplace(std::move(key), std::move(uplink));
    return CopyOutcome::first_copy;
}

auto DeduplicationWindow::next_deadline() const -> std::optional<SteadyTime> {
    if (open_order_.empty())
        return std::nullopt;
    return open_.at(open_order_.front()).first_seen + settings_.window;
}

auto DeduplicationWindow::on_deadline(SteadyTime now, std::size_t limit)
    -> std::vector<CollectedUplink> {
    std::vector<CollectedUplink> due;
    while (!open_order_.empty() && due.size() < limit) {
        auto open = open_.find(open_order_.front());
        if (open->second.first_seen + settings_.window > now)
            break;
        released_.emplace(open->first, now + settings_.late_copy_memory);
        released_order_.push_back({open->first, now + settings_.late_copy_memory});
        due.push_back(std::move(open->second));
        open_.erase(open);
        open_order_.pop_front();
    }
    forget_released(now);
    return due;
}

void DeduplicationWindow::forget_released(SteadyTime now) {
    while (!released_order_.empty() && released_order_.front().forget_at <= now) {
        released_.erase(released_order_.front().key);
        released_order_.pop_front();
    }
}

}  // namespace hortillon::network_server
