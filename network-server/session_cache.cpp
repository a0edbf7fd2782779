#include "network-server/session_cache.hpp"

namespace hortillon::network_server {

void SessionCache::check_stamp(std::optional<std::int64_t> stamp) {
    if (stamp && stamp_ == stamp)
        return;
    by_dev_addr_.clear();
    stamp_ = stamp;  // unreadable: keep nothing until it reads again
}

auto SessionCache::find(lorawan::DevAddr dev_addr) const -> const std::vector<ActiveDevice>* {
    auto found = by_dev_addr_.find(dev_addr.value);
    return found != by_dev_addr_.end() ? &found->second : nullptr;
}

void SessionCache::keep(lorawan::DevAddr dev_addr, const std::vector<ActiveDevice>& devices) {
    if (!stamp_)
        return;
    if (by_dev_addr_.size() >= capacity_)
        by_dev_addr_.clear();
    by_dev_addr_.insert_or_assign(dev_addr.value, devices);
}

void SessionCache::update(const DeviceSession& session) {
    auto found = by_dev_addr_.find(session.dev_addr.value);
    if (found == by_dev_addr_.end())
        return;
    for (ActiveDevice& device : found->second) {
        if (device.session.dev_eui == session.dev_eui && !device.awaiting_first_uplink) {
            device.session = session;
            return;
        }
    }
}

}  // namespace hortillon::network_server
