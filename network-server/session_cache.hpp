#pragma once
// The network server's sessions by DevAddr, kept in memory between uplinks: an uplink then costs
// no SQL read and no MAC-state parse. Write-through: the store stays the truth, and this copy is
// dropped whenever it may differ from it:
// - another connection (the command line) changed sessions or provisioning: the store's change
//   stamp moved (see SqliteStore::change_stamp), checked before every lookup;
// - the server replaced a session (join, rejoin, ForceRejoinReq bookkeeping): the caller drops it;
// - a transaction that wrote a cached session rolled back: the caller drops it.
// Bounded: at `capacity` addresses it is emptied and fills again.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "network-server/network_store.hpp"

namespace hortillon::network_server {

class SessionCache {
  public:
    explicit SessionCache(std::size_t capacity = 32'768) : capacity_(capacity) {}

    // Empties the cache unless `stamp` is the one its entries were read under.
    void check_stamp(std::optional<std::int64_t> stamp);
    [[nodiscard]] auto find(lorawan::DevAddr dev_addr) const -> const std::vector<ActiveDevice>*;
    // Keeps what the store returned for `dev_addr` (only while a stamp is known).
    void keep(lorawan::DevAddr dev_addr, const std::vector<ActiveDevice>& devices);
    // The session was stored: the cached copy follows (the current session, not a pending one).
    void update(const DeviceSession& session);
    void clear() { by_dev_addr_.clear(); }

  private:
    std::size_t capacity_;
    std::optional<std::int64_t> stamp_;
    std::unordered_map<std::uint32_t, std::vector<ActiveDevice>> by_dev_addr_;
};

}  // namespace hortillon::network_server
