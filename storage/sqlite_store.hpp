#pragma once
// The SQLite implementation of Store: one file in WAL mode shared by the CLI and the server.
// Nothing is cached across calls, so a device the CLI creates is visible to a running server at
// its next lookup.
//
// Opening: creates the database (and folder) if needed, applies migrations, then loads the key
// file. A new database creates the key file if missing and records a check value sealed under
// it; an existing database refuses a key file whose check value does not open
// (wrong_key_file), and never creates a new key file in place of a lost one.

#include <filesystem>
#include <memory>
#include <optional>

#include "storage/database.hpp"
#include "storage/key_encryption.hpp"
#include "storage/store.hpp"

namespace hortillon::storage {

struct StoreOptions {
    std::filesystem::path database_path{};
    std::filesystem::path key_file{};
    DatabaseOptions database{};
    std::size_t downlink_queue_capacity = 64;  // per device; enqueue beyond fails (queue_full)
};

class SqliteStore final : public Store {
  public:
    static auto open(const StoreOptions& options) -> StoreResult<std::unique_ptr<SqliteStore>>;

    // The connection, for tables kept next to the store (the application server's event
    // outbox), so their writes can share a transaction with store calls.
    auto database() -> Database& { return *database_; }
    // Raised by every write to provisioning rows and to sessions' keys, addresses and
    // ForceRejoinReq, on any connection, and by none of the per-uplink writes: while it holds,
    // what a cache read from those rows is still right (schema_v7 in migrations.cpp). Read
    // once per transaction while the stamp's row is not written (several caches ask per uplink).
    auto change_stamp() -> StoreResult<std::int64_t>;

    auto begin_transaction() -> StoreResult<StoreTransaction> override;

    auto create_tenant(Tenant tenant) -> StoreResult<Tenant> override;
    auto find_tenant(std::string_view id_or_name) -> StoreResult<Tenant> override;
    auto list_tenants() -> StoreResult<std::vector<Tenant>> override;
    auto delete_tenant(std::string_view id) -> StoreResult<void> override;

    auto create_application(Application application) -> StoreResult<Application> override;
    auto find_application(std::string_view id_or_name, TenantScope tenant)
        -> StoreResult<Application> override;
    auto list_applications(TenantScope tenant) -> StoreResult<std::vector<Application>> override;
    auto delete_application(std::string_view id) -> StoreResult<void> override;

    auto create_device_profile(DeviceProfile profile) -> StoreResult<DeviceProfile> override;
    auto find_device_profile(std::string_view id_or_name, TenantScope tenant)
        -> StoreResult<DeviceProfile> override;
    auto list_device_profiles(TenantScope tenant)
        -> StoreResult<std::vector<DeviceProfile>> override;
    auto delete_device_profile(std::string_view id) -> StoreResult<void> override;

    auto create_device(const NewDevice& device) -> StoreResult<Device> override;
    auto create_devices(std::span<const NewDevice> devices) -> StoreResult<std::size_t> override;
    auto get_device(lorawan::Eui64 dev_eui) -> StoreResult<Device> override;
    auto list_devices(const DeviceFilter& filter) -> StoreResult<std::vector<Device>> override;
    auto delete_device(lorawan::Eui64 dev_eui) -> StoreResult<void> override;

    auto accept_dev_nonce(lorawan::Eui64 dev_eui, lorawan::MacVersion version,
                          lorawan::DevNonce dev_nonce) -> StoreResult<void> override;
    auto next_join_nonce(lorawan::Eui64 dev_eui) -> StoreResult<lorawan::JoinNonce> override;
    auto allocate_dev_addr(const DevAddrPrefix& prefix) -> StoreResult<lorawan::DevAddr> override;

    auto save_device_session(const DeviceSession& session) -> StoreResult<void> override;
    auto get_device_session(lorawan::Eui64 dev_eui) -> StoreResult<DeviceSession> override;
    auto device_sessions_by_dev_addr(lorawan::DevAddr dev_addr)
        -> StoreResult<std::vector<DeviceSession>> override;
    auto save_pending_device_session(const DeviceSession& session) -> StoreResult<void> override;
    auto get_pending_device_session(lorawan::Eui64 dev_eui) -> StoreResult<DeviceSession> override;
    auto activate_pending_device_session(lorawan::Eui64 dev_eui) -> StoreResult<void> override;
    auto accept_rejoin_count(lorawan::Eui64 dev_eui, RejoinCounter counter, std::uint16_t value)
        -> StoreResult<bool> override;
    auto request_force_rejoin(lorawan::Eui64 dev_eui, std::uint16_t request)
        -> StoreResult<void> override;
    auto note_force_rejoin_sent(lorawan::Eui64 dev_eui, std::uint16_t request, Timestamp at)
        -> StoreResult<void> override;
    auto clear_force_rejoin(lorawan::Eui64 dev_eui) -> StoreResult<void> override;
    auto update_session_state(lorawan::Eui64 dev_eui, const FrameCounters& counters,
                              std::string_view mac_state) -> StoreResult<void> override;
    auto update_frame_counters(lorawan::Eui64 dev_eui, const FrameCounters& counters)
        -> StoreResult<void> override;
    auto delete_device_session(lorawan::Eui64 dev_eui) -> StoreResult<void> override;

    auto enqueue_downlink(DownlinkQueueItem item) -> StoreResult<DownlinkQueueItem> override;
    auto next_downlink(lorawan::Eui64 dev_eui)
        -> StoreResult<std::optional<DownlinkQueueItem>> override;
    auto list_downlinks(lorawan::Eui64 dev_eui)
        -> StoreResult<std::vector<DownlinkQueueItem>> override;
    auto mark_downlink_sent(std::string_view id, std::uint32_t f_cnt_down)
        -> StoreResult<void> override;
    auto acknowledge_downlink(lorawan::Eui64 dev_eui, std::uint32_t f_cnt_down)
        -> StoreResult<DownlinkQueueItem> override;
    auto delete_downlink(std::string_view id) -> StoreResult<void> override;
    auto flush_downlink_queue(lorawan::Eui64 dev_eui) -> StoreResult<std::size_t> override;

    auto save_codec(StoredCodec codec) -> StoreResult<bool> override;
    auto find_codec(std::string_view id) -> StoreResult<StoredCodec> override;
    auto list_codecs() -> StoreResult<std::vector<StoredCodec>> override;

    auto create_gateway(Gateway gateway) -> StoreResult<Gateway> override;
    auto get_gateway(lorawan::Eui64 gateway_id) -> StoreResult<Gateway> override;
    auto list_gateways(TenantScope tenant) -> StoreResult<std::vector<Gateway>> override;
    auto delete_gateway(lorawan::Eui64 gateway_id) -> StoreResult<void> override;
    auto update_gateway_last_seen(lorawan::Eui64 gateway_id, Timestamp seen_at)
        -> StoreResult<void> override;

  private:
    struct DeviceReferences;  // application -> (tenant, profile) checks cached during a bulk insert

    SqliteStore(std::unique_ptr<Database> database, KeyEncryptionKey key, std::size_t capacity);
    auto check_references(const Device& device, DeviceReferences& references) -> StoreResult<void>;
    auto insert_device(const NewDevice& device, DeviceReferences& references)
        -> StoreResult<Device>;
    auto insert_abp_session(const Device& device, const AbpActivation& abp,
                            DeviceReferences& references) -> StoreResult<void>;
    auto read_device_session(const Statement& row) const -> StoreResult<DeviceSession>;
    // The session row of the device in `table` (device_sessions or pending_device_sessions).
    auto session_row(std::string_view table, lorawan::Eui64 dev_eui)
        -> StoreResult<std::optional<DeviceSession>>;
    auto read_device(const Statement& row) const -> StoreResult<Device>;

    struct ChangeStampReading {
        std::int64_t value = 0;
        std::uint64_t view_generation = 0;  // Database::view_generation when it was read
    };

    std::unique_ptr<Database> database_;
    KeyEncryptionKey key_;
    std::size_t downlink_queue_capacity_;
    std::optional<ChangeStampReading> change_stamp_read_;  // inside the current transaction
};

}  // namespace hortillon::storage
