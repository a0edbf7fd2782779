#pragma once
// What the network server needs from the store, as the network server sees it. The SQLite
// store implements it; the flows never see SQL, and a PostgreSQL store can implement it too.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lorawan/bytes.hpp"
#include "lorawan/result.hpp"
#include "network-server/device_session.hpp"
#include "network-server/join.hpp"

namespace hortillon::network_server {

struct StoreFailure {
    std::string message;  // for the log; never contains a key
};

template <class T>
using StoreResult = Result<T, StoreFailure>;

enum class DeviceClass : std::uint8_t { a, c };

// The device-profile settings the network server applies.
struct DeviceProfile {
    std::string region_id = "EU868";
    lorawan::MacVersion mac_version = lorawan::MacVersion::v1_0_3;
    DeviceClass device_class = DeviceClass::a;
    std::chrono::seconds rx1_delay{1};
    std::uint8_t rx1_dr_offset = 0;
    std::optional<std::uint8_t> rx2_dr;  // nullopt: the region's default
    std::uint32_t rx2_frequency_hz = 0;  // 0: the region's default
    bool adr = true;
    double adr_margin_db = 10;                    // installation margin of the ADR algorithm
    std::uint8_t adr_min_dr = 0;                  // ADR never sets a DR below this
    std::uint8_t adr_max_dr = 15;                 // nor above this (capped to the region's)
    std::uint8_t adr_max_nb_trans = 3;            // the most repetitions ADR may ask for
    std::chrono::seconds dev_status_interval{0};  // DevStatusReq period; 0: never
};

struct JoinCandidate {
    OtaaDevice device;
    DeviceProfile profile;
};

// A JoinNonce and DevAddr set aside for one join; the JoinNonce is used up even if the join
// does not complete, so it can never repeat.
struct JoinReservation {
    lorawan::JoinNonce join_nonce;
    lorawan::DevAddr dev_addr;
};

struct ActiveDevice {
    DeviceSession session;
    DeviceProfile profile;
    // The session a rejoin created, which the device has not used yet; its current session
    // stays valid until it does.
    bool awaiting_first_uplink = false;
};

struct QueuedDownlink {
    std::string id;
    std::uint8_t f_port = 1;
    lorawan::Bytes data;
    bool confirmed = false;
};

// A write transaction on the store; rolled back when destroyed uncommitted. Nested ones are
// savepoints of the outer one.
class NetworkStoreTransaction {
  public:
    virtual ~NetworkStoreTransaction() = default;
    virtual auto commit() -> StoreResult<void> = 0;
};

class NetworkStore {
  public:
    virtual ~NetworkStore() = default;

    // Everything stored for one uplink (counters, session, the application's events) commits
    // together or not at all.
    virtual auto begin_transaction() -> StoreResult<std::unique_ptr<NetworkStoreTransaction>> = 0;

    // The OTAA device with this DevEUI; nullopt if unknown (or an ABP device).
    virtual auto find_join_candidate(lorawan::Eui64 dev_eui)
        -> StoreResult<std::optional<JoinCandidate>> = 0;
    // Checks and records a join-request's DevNonce in one transaction: from 1.0.4 it must be
    // greater than the last accepted one, before it must not have been used. The refusal, if any.
    virtual auto accept_dev_nonce(lorawan::Eui64 dev_eui, lorawan::MacVersion version,
                                  lorawan::DevNonce dev_nonce)
        -> StoreResult<std::optional<UplinkRejection>> = 0;
    // Persists the next JoinNonce of the device and allocates a free DevAddr in its tenant's
    // prefix under `net_id`.
    virtual auto reserve_join(lorawan::Eui64 dev_eui, lorawan::NetId net_id)
        -> StoreResult<JoinReservation> = 0;
    // Replaces the device's session with the one a join created.
    virtual auto complete_join(const DeviceSession& session) -> StoreResult<void> = 0;

    // Every device whose session has this DevAddr (several devices may share one), sessions
    // awaiting their first uplink included.
    virtual auto sessions_by_dev_addr(lorawan::DevAddr dev_addr)
        -> StoreResult<std::vector<ActiveDevice>> = 0;
    virtual auto find_active_device(lorawan::Eui64 dev_eui)
        -> StoreResult<std::optional<ActiveDevice>> = 0;
    // The session a rejoin created that the device has not used yet, if any.
    virtual auto find_pending_device(lorawan::Eui64 dev_eui)
        -> StoreResult<std::optional<ActiveDevice>> = 0;
    // Keeps a rejoin's session beside the device's current one (replacing an earlier pending).
    virtual auto store_pending_session(const DeviceSession& session) -> StoreResult<void> = 0;
    // The device used its pending session: it becomes the device's session.
    virtual auto activate_pending_session(lorawan::Eui64 dev_eui) -> StoreResult<void> = 0;
    // Records a rejoin-request's RJcount0 (types 0 and 2, per session) or RJcount1 (type 1, per
    // device) if it is greater than the last one; false for a replay.
    virtual auto accept_rj_count0(lorawan::Eui64 dev_eui, std::uint16_t rj_count)
        -> StoreResult<bool> = 0;
    virtual auto accept_rj_count1(lorawan::Eui64 dev_eui, std::uint16_t rj_count)
        -> StoreResult<bool> = 0;
    // A ForceRejoinReq went out at `at` (counted unless the operator asked for another
    // meanwhile); clear forgets it (the device rejoined, or the server gave up).
    virtual auto note_force_rejoin_sent(lorawan::Eui64 dev_eui,
                                        const lorawan::ForceRejoinReq& request, SystemTime at)
        -> StoreResult<void> = 0;
    virtual auto clear_force_rejoin(lorawan::Eui64 dev_eui) -> StoreResult<void> = 0;
    // Stores the session's counters and state; durable when it returns.
    virtual auto save_session(const DeviceSession& session) -> StoreResult<void> = 0;

    // The oldest queued application downlink of the device (not one awaiting an ACK), and how
    // many are queued.
    virtual auto next_downlink(lorawan::Eui64 dev_eui)
        -> StoreResult<std::optional<QueuedDownlink>> = 0;
    virtual auto queued_downlink_count(lorawan::Eui64 dev_eui) -> StoreResult<std::size_t> = 0;
    // The gateway sent it with `f_cnt_down`: an unconfirmed downlink is done and removed, a
    // confirmed one now awaits the device's ACK.
    virtual auto mark_downlink_sent(const std::string& id, std::uint32_t f_cnt_down)
        -> StoreResult<void> = 0;
    // The device answered the confirmed downlink sent with `f_cnt_down` (ACK bit set, or not):
    // removes it and returns its id; nullopt when nothing awaited that counter.
    virtual auto settle_confirmed_downlink(lorawan::Eui64 dev_eui, std::uint32_t f_cnt_down)
        -> StoreResult<std::optional<std::string>> = 0;
    // Removes a downlink that can never be sent (refused).
    virtual auto remove_downlink(const std::string& id) -> StoreResult<void> = 0;
};

}  // namespace hortillon::network_server
