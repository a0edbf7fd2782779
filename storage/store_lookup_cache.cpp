#include "storage/store_lookup_cache.hpp"

#include <utility>

namespace hortillon::storage {

namespace {
// Only a match by id is kept: a name is not a stable key (a row may be deleted, another named so).
template <class Row>
auto found_by_key(const Row& row, const std::string& key) -> bool {
    return row.id == key;
}
auto found_by_key(const Device& /*row*/, std::uint64_t /*key*/) -> bool {
    return true;  // read by its primary key
}

// Returns the cached row, or reads it with `load` and keeps it when found.
template <class Map, class Key, class Load>
auto cached_or_loaded(Map& map, const Key& key, std::size_t capacity, bool may_keep, Load load)
    -> StoreResult<typename Map::mapped_type> {
    using Row = typename Map::mapped_type::element_type;
    if (auto found = map.find(key); found != map.end())
        return found->second;
    auto loaded = load();
    if (!loaded)
        return Unexpected{loaded.error()};
    auto row = std::make_shared<const Row>(std::move(*loaded));
    if (may_keep && found_by_key(*row, key)) {
        if (map.size() >= capacity)
            map.clear();
        map.emplace(key, row);
    }
    return row;
}
}  // namespace

StoreLookupCache::StoreLookupCache(SqliteStore& store, std::size_t capacity)
    : store_(store), capacity_(capacity) {}

void StoreLookupCache::forget_rows_changed_elsewhere() {
    auto version = store_.change_stamp();
    if (version && change_stamp_ == *version)
        return;
    devices_.clear();
    gateways_.clear();
    // Unreadable: keep nothing until it can be read again.
    change_stamp_ = version ? std::optional<std::int64_t>{*version} : std::nullopt;
}

auto StoreLookupCache::device(lorawan::Eui64 dev_eui) -> StoreResult<SharedRow<Device>> {
    forget_rows_changed_elsewhere();
    return cached_or_loaded(devices_, dev_eui.value, capacity_, change_stamp_.has_value(),
                            [&] { return store_.get_device(dev_eui); });
}

auto StoreLookupCache::application(const std::string& id) -> StoreResult<SharedRow<Application>> {
    return cached_or_loaded(applications_, id, capacity_, true,
                            [&] { return store_.find_application(id, std::nullopt); });
}

auto StoreLookupCache::tenant(const std::string& id) -> StoreResult<SharedRow<Tenant>> {
    return cached_or_loaded(tenants_, id, capacity_, true, [&] { return store_.find_tenant(id); });
}

auto StoreLookupCache::device_profile(const std::string& id)
    -> StoreResult<SharedRow<DeviceProfile>> {
    return cached_or_loaded(device_profiles_, id, capacity_, true,
                            [&] { return store_.find_device_profile(id, std::nullopt); });
}

auto StoreLookupCache::gateway_location(lorawan::Eui64 gateway_id)
    -> std::optional<GatewayLocation> {
    forget_rows_changed_elsewhere();
    if (auto found = gateways_.find(gateway_id.value); found != gateways_.end())
        return found->second;
    auto gateway = store_.get_gateway(gateway_id);
    // A failure other than not_found is not remembered: the next event asks again.
    if (!gateway && gateway.error().code != StoreError::not_found)
        return std::nullopt;
    std::optional<GatewayLocation> location =
        gateway ? gateway->location : std::optional<GatewayLocation>{};
    if (change_stamp_) {
        if (gateways_.size() >= capacity_)
            gateways_.clear();
        gateways_.emplace(gateway_id.value, location);
    }
    return location;
}

}  // namespace hortillon::storage
