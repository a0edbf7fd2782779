#pragma once
// What the server reads from the store for every uplink and event (device, application, tenant,
// device profile, gateway location), kept in memory so that an uplink costs lookups in hash maps
// instead of several SQL queries. Lives on the server's thread, with its store connection.
//
// Why it stays correct while the CLI changes the store on its own connection:
// - Tenants, applications and device profiles are never updated in place (the store has no
//   UPDATE for them) and their ids are random UUIDs, never reused: a row read by id stays right
//   while it exists, and it exists while a device refers to it (the foreign keys refuse to delete
//   it before). They are cached by id until the cache is full. If the store ever gains an update
//   for these rows, key them by the change stamp like devices.
// - Devices and gateways may be deleted and created again with the same EUI: their entries are
//   kept only while the store's change stamp is unchanged (SqliteStore::change_stamp: raised by
//   any write to these rows, on any connection; not by the event outbox, frame counters or
//   nonces, so that the cache survives the traffic it is there for).
// Bounded: a map that reaches its capacity is emptied and fills again from the store.
// Rows are handed out shared and read-only: a lookup copies no strings (the copies of four rows
// per uplink cost 5 % of the uplink thread), and a row stays valid for its holder after the
// cache forgets it.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "storage/sqlite_store.hpp"

namespace hortillon::storage {

template <class Row>
using SharedRow = std::shared_ptr<const Row>;

class StoreLookupCache {
  public:
    explicit StoreLookupCache(SqliteStore& store, std::size_t capacity = 65'536);

    auto device(lorawan::Eui64 dev_eui) -> StoreResult<SharedRow<Device>>;
    auto application(const std::string& id) -> StoreResult<SharedRow<Application>>;
    auto tenant(const std::string& id) -> StoreResult<SharedRow<Tenant>>;
    auto device_profile(const std::string& id) -> StoreResult<SharedRow<DeviceProfile>>;
    // nullopt for an unknown gateway or one without a location.
    auto gateway_location(lorawan::Eui64 gateway_id) -> std::optional<GatewayLocation>;

  private:
    // Empties the device and gateway maps when another connection has committed.
    void forget_rows_changed_elsewhere();

    SqliteStore& store_;
    std::size_t capacity_;
    std::optional<std::int64_t> change_stamp_;  // of the device and gateway entries
    std::unordered_map<std::uint64_t, SharedRow<Device>> devices_;
    std::unordered_map<std::uint64_t, std::optional<GatewayLocation>> gateways_;
    std::unordered_map<std::string, SharedRow<Application>> applications_;
    std::unordered_map<std::string, SharedRow<Tenant>> tenants_;
    std::unordered_map<std::string, SharedRow<DeviceProfile>> device_profiles_;
};

}  // namespace hortillon::storage
