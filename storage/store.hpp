#pragma once
// The store: everything the CLI, the network server and the application server keep on disk.
// An interface, so that a PostgreSQL backend can implement it later; SqliteStore is the default.
//
// Expected failures return a StoreFailure (see store_error.hpp). One Store object is one
// connection: use it from one thread at a time, and open another for another thread.
//
// Lookups "by id or name" take the id first; a name is unique within a tenant, so without a
// tenant scope a name used by two tenants fails with ambiguous_name. A tenant scope also hides
// other tenants' rows when an id is given, which keeps one commune from reaching another's.

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "storage/codec_records.hpp"
#include "storage/device_records.hpp"
#include "storage/records.hpp"
#include "storage/store_error.hpp"

namespace hortillon::storage {

// A write transaction spanning several store calls (an FCnt update and an outbox event, say).
// Every call made on the same Store until commit belongs to it; the destructor rolls back.
// Transactions nest: an inner one commits into the outer one. Must not outlive its Store.
class StoreTransaction {
  public:
    class Backend {
      public:
        virtual ~Backend() = default;
        virtual auto commit() -> StoreResult<void> = 0;
        virtual void rollback() noexcept = 0;
    };

    explicit StoreTransaction(std::unique_ptr<Backend> backend);
    StoreTransaction(StoreTransaction&&) noexcept = default;
    StoreTransaction(const StoreTransaction&) = delete;
    auto operator=(const StoreTransaction&) -> StoreTransaction& = delete;
    auto operator=(StoreTransaction&&) -> StoreTransaction& = delete;
    ~StoreTransaction();

    auto commit() -> StoreResult<void>;
    void rollback() noexcept;

  private:
    std::unique_ptr<Backend> backend_;
};

using TenantScope = std::optional<std::string_view>;  // nullopt: every tenant

struct DeviceFilter {
    std::optional<std::string> application_id{};
    std::optional<std::string> tenant_id{};
    std::size_t limit = 0;  // 0: no limit
    std::size_t offset = 0;
};

class Store {
  public:
    virtual ~Store() = default;

    virtual auto begin_transaction() -> StoreResult<StoreTransaction> = 0;

    // Tenants. delete fails with in_use while applications, profiles or gateways remain.
    virtual auto create_tenant(Tenant tenant) -> StoreResult<Tenant> = 0;
    virtual auto find_tenant(std::string_view id_or_name) -> StoreResult<Tenant> = 0;
    virtual auto list_tenants() -> StoreResult<std::vector<Tenant>> = 0;
    virtual auto delete_tenant(std::string_view id) -> StoreResult<void> = 0;

    // Applications. delete fails with in_use while devices remain.
    virtual auto create_application(Application application) -> StoreResult<Application> = 0;
    virtual auto find_application(std::string_view id_or_name, TenantScope tenant)
        -> StoreResult<Application> = 0;
    virtual auto list_applications(TenantScope tenant) -> StoreResult<std::vector<Application>> = 0;
    virtual auto delete_application(std::string_view id) -> StoreResult<void> = 0;

    // Device profiles. delete fails with in_use while devices use the profile.
    virtual auto create_device_profile(DeviceProfile profile) -> StoreResult<DeviceProfile> = 0;
    virtual auto find_device_profile(std::string_view id_or_name, TenantScope tenant)
        -> StoreResult<DeviceProfile> = 0;
    virtual auto list_device_profiles(TenantScope tenant)
        -> StoreResult<std::vector<DeviceProfile>> = 0;
    virtual auto delete_device_profile(std::string_view id) -> StoreResult<void> = 0;

    // Devices. The application and the profile must exist and belong to the same tenant
    // (invalid_reference otherwise); a device needs OTAA keys or an ABP activation.
    virtual auto create_device(const NewDevice& device) -> StoreResult<Device> = 0;
    // All or nothing, in one transaction; the failure names the row (0-based) that failed.
    virtual auto create_devices(std::span<const NewDevice> devices) -> StoreResult<std::size_t> = 0;
    virtual auto get_device(lorawan::Eui64 dev_eui) -> StoreResult<Device> = 0;
    virtual auto list_devices(const DeviceFilter& filter) -> StoreResult<std::vector<Device>> = 0;
    // Also removes its session, DevNonce history and downlink queue.
    virtual auto delete_device(lorawan::Eui64 dev_eui) -> StoreResult<void> = 0;

    // OTAA. Records a join-request's DevNonce, or refuses it: from 1.0.4 (a counter) it must be
    // greater than the last accepted one (dev_nonce_not_increasing); before (random) it must not
    // have been used (dev_nonce_replayed).
    virtual auto accept_dev_nonce(lorawan::Eui64 dev_eui, lorawan::MacVersion version,
                                  lorawan::DevNonce dev_nonce) -> StoreResult<void> = 0;
    // The device's next JoinNonce, persisted before it is returned: 1, 2, 3, ... up to 0xffffff.
    virtual auto next_join_nonce(lorawan::Eui64 dev_eui) -> StoreResult<lorawan::JoinNonce> = 0;
    // An address of the prefix that no session uses, chosen from a random starting point.
    // Saving the session in the same transaction keeps two joins from taking one address.
    virtual auto allocate_dev_addr(const DevAddrPrefix& prefix)
        -> StoreResult<lorawan::DevAddr> = 0;

    // Device sessions. save replaces the device's session (a new join) and drops a pending one.
    virtual auto save_device_session(const DeviceSession& session) -> StoreResult<void> = 0;
    virtual auto get_device_session(lorawan::Eui64 dev_eui) -> StoreResult<DeviceSession> = 0;
    // Every session with this DevAddr, pending ones too (`pending` set): several devices may
    // share one; the MIC decides.
    virtual auto device_sessions_by_dev_addr(lorawan::DevAddr dev_addr)
        -> StoreResult<std::vector<DeviceSession>> = 0;
    // The session a rejoin created, kept beside the current one (replaces an earlier pending).
    virtual auto save_pending_device_session(const DeviceSession& session) -> StoreResult<void> = 0;
    virtual auto get_pending_device_session(lorawan::Eui64 dev_eui)
        -> StoreResult<DeviceSession> = 0;
    // The device used its pending session: it becomes the device's session. not_found when
    // there is none.
    virtual auto activate_pending_device_session(lorawan::Eui64 dev_eui) -> StoreResult<void> = 0;
    // Records a rejoin-request's counter if it is greater than the last one recorded (of the
    // session for RJcount0, of the device for RJcount1); false when it is not (a replay).
    // not_found when the device (or, for RJcount0, its session) does not exist.
    virtual auto accept_rejoin_count(lorawan::Eui64 dev_eui, RejoinCounter counter,
                                     std::uint16_t value) -> StoreResult<bool> = 0;
    // One small UPDATE of what changes with frames: the counters and the network server's MAC
    // state. not_found when the device has no session.
    virtual auto update_session_state(lorawan::Eui64 dev_eui, const FrameCounters& counters,
                                      std::string_view mac_state) -> StoreResult<void> = 0;
    // One small UPDATE; not_found when the device has no session.
    virtual auto update_frame_counters(lorawan::Eui64 dev_eui, const FrameCounters& counters)
        -> StoreResult<void> = 0;
    // Asks for a ForceRejoinReq (payload word `request`) in the device's next downlinks, until
    // it rejoins (a new session has none) or clear_force_rejoin. not_found when the device has
    // no session. note_force_rejoin_sent counts a send, unless another request replaced it.
    virtual auto request_force_rejoin(lorawan::Eui64 dev_eui, std::uint16_t request)
        -> StoreResult<void> = 0;
    virtual auto note_force_rejoin_sent(lorawan::Eui64 dev_eui, std::uint16_t request, Timestamp at)
        -> StoreResult<void> = 0;
    virtual auto clear_force_rejoin(lorawan::Eui64 dev_eui) -> StoreResult<void> = 0;
    // Also drops a pending session.
    virtual auto delete_device_session(lorawan::Eui64 dev_eui) -> StoreResult<void> = 0;

    // Downlink queue, first in first out per device, bounded (queue_full at capacity).
    virtual auto enqueue_downlink(DownlinkQueueItem item) -> StoreResult<DownlinkQueueItem> = 0;
    // The oldest queued item (pending_ack items are skipped); nullopt when none.
    virtual auto next_downlink(lorawan::Eui64 dev_eui)
        -> StoreResult<std::optional<DownlinkQueueItem>> = 0;
    virtual auto list_downlinks(lorawan::Eui64 dev_eui)
        -> StoreResult<std::vector<DownlinkQueueItem>> = 0;
    // After transmission with `f_cnt_down`: a confirmed item becomes pending_ack; an
    // unconfirmed one is done and removed.
    virtual auto mark_downlink_sent(std::string_view id, std::uint32_t f_cnt_down)
        -> StoreResult<void> = 0;
    // The device acknowledged the confirmed downlink sent with `f_cnt_down`: removes and
    // returns it (not_found when nothing was pending with that counter).
    virtual auto acknowledge_downlink(lorawan::Eui64 dev_eui, std::uint32_t f_cnt_down)
        -> StoreResult<DownlinkQueueItem> = 0;
    virtual auto delete_downlink(std::string_view id) -> StoreResult<void> = 0;
    // Removes every item of the device and returns how many there were.
    virtual auto flush_downlink_queue(lorawan::Eui64 dev_eui) -> StoreResult<std::size_t> = 0;

    // JavaScript codecs. save inserts the codec or replaces the one with its id (true when it
    // replaced one) and sets imported_at.
    virtual auto save_codec(StoredCodec codec) -> StoreResult<bool> = 0;
    virtual auto find_codec(std::string_view id) -> StoreResult<StoredCodec> = 0;
    // Sorted by id.
    virtual auto list_codecs() -> StoreResult<std::vector<StoredCodec>> = 0;

    // Gateways.
    virtual auto create_gateway(Gateway gateway) -> StoreResult<Gateway> = 0;
    virtual auto get_gateway(lorawan::Eui64 gateway_id) -> StoreResult<Gateway> = 0;
    virtual auto list_gateways(TenantScope tenant) -> StoreResult<std::vector<Gateway>> = 0;
    virtual auto delete_gateway(lorawan::Eui64 gateway_id) -> StoreResult<void> = 0;
    // not_found for a gateway nobody registered.
    virtual auto update_gateway_last_seen(lorawan::Eui64 gateway_id, Timestamp seen_at)
        -> StoreResult<void> = 0;
};

}  // namespace hortillon::storage
