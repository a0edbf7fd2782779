#pragma once
// The network server's store port on top of the shared store (SQLite by default).

#include "network-server/network_store.hpp"
#include "network-server/session_cache.hpp"
#include "storage/sqlite_store.hpp"
#include "storage/store_lookup_cache.hpp"

namespace hortillon::network_server {

class StoreBackedNetworkStore final : public NetworkStore {
  public:
    explicit StoreBackedNetworkStore(storage::SqliteStore& store)
        : store_(store), lookups_(store) {}
    StoreBackedNetworkStore(const StoreBackedNetworkStore&) = delete;
    auto operator=(const StoreBackedNetworkStore&) -> StoreBackedNetworkStore& = delete;

    auto begin_transaction() -> StoreResult<std::unique_ptr<NetworkStoreTransaction>> override;
    auto find_join_candidate(lorawan::Eui64 dev_eui)
        -> StoreResult<std::optional<JoinCandidate>> override;
    auto accept_dev_nonce(lorawan::Eui64 dev_eui, lorawan::MacVersion version,
                          lorawan::DevNonce dev_nonce)
        -> StoreResult<std::optional<UplinkRejection>> override;
    auto reserve_join(lorawan::Eui64 dev_eui, lorawan::NetId net_id)
        -> StoreResult<JoinReservation> override;
    auto complete_join(const DeviceSession& session) -> StoreResult<void> override;
    auto sessions_by_dev_addr(lorawan::DevAddr dev_addr)
        -> StoreResult<std::vector<ActiveDevice>> override;
    auto find_active_device(lorawan::Eui64 dev_eui)
        -> StoreResult<std::optional<ActiveDevice>> override;
    auto find_pending_device(lorawan::Eui64 dev_eui)
        -> StoreResult<std::optional<ActiveDevice>> override;
    auto store_pending_session(const DeviceSession& session) -> StoreResult<void> override;
    auto activate_pending_session(lorawan::Eui64 dev_eui) -> StoreResult<void> override;
    auto accept_rj_count0(lorawan::Eui64 dev_eui, std::uint16_t rj_count)
        -> StoreResult<bool> override;
    auto accept_rj_count1(lorawan::Eui64 dev_eui, std::uint16_t rj_count)
        -> StoreResult<bool> override;
    auto note_force_rejoin_sent(lorawan::Eui64 dev_eui, const lorawan::ForceRejoinReq& request,
                                SystemTime at) -> StoreResult<void> override;
    auto clear_force_rejoin(lorawan::Eui64 dev_eui) -> StoreResult<void> override;
    auto save_session(const DeviceSession& session) -> StoreResult<void> override;
    auto next_downlink(lorawan::Eui64 dev_eui)
        -> StoreResult<std::optional<QueuedDownlink>> override;
    auto queued_downlink_count(lorawan::Eui64 dev_eui) -> StoreResult<std::size_t> override;
    auto mark_downlink_sent(const std::string& id, std::uint32_t f_cnt_down)
        -> StoreResult<void> override;
    auto settle_confirmed_downlink(lorawan::Eui64 dev_eui, std::uint32_t f_cnt_down)
        -> StoreResult<std::optional<std::string>> override;
    auto remove_downlink(const std::string& id) -> StoreResult<void> override;

  private:
    auto active_device(const storage::DeviceSession& session) -> StoreResult<ActiveDevice>;
    // The device of a session read by DevEUI; nullopt when there is none.
    auto optional_device(storage::StoreResult<storage::DeviceSession> session)
        -> StoreResult<std::optional<ActiveDevice>>;

    storage::SqliteStore& store_;
    // Devices and profiles, read for every uplink and join; see its rules for staying correct.
    storage::StoreLookupCache lookups_;
    SessionCache sessions_;
};

// The DevAddr range of NetID type 0 and 1 networks (LoRaWAN Backend Interfaces §13):
// NwkID = NetID & 0x3F in the 6 bits after a leading 0.
auto network_dev_addr_prefix(lorawan::NetId net_id) -> storage::DevAddrPrefix;

}  // namespace hortillon::network_server
