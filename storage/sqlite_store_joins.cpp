// What an OTAA join needs from the store: DevNonce history, JoinNonce, a free DevAddr.
#include <sodium.h>

#include "storage/sqlite_rows.hpp"
#include "storage/sqlite_store.hpp"

namespace hortillon::storage {

namespace {
// nullopt inside: the device has never joined. not_found: no such device.
auto last_dev_nonce(Database& database, const std::string& eui)
    -> StoreResult<std::optional<std::uint16_t>> {
    auto query =
        rows::prepare_bound(database, "SELECT last_dev_nonce FROM devices WHERE dev_eui = ?", eui);
    if (!query)
        return Unexpected{query.error()};
    auto row = query->step();
    if (!row)
        return Unexpected{row.error()};
    if (!*row)
        return fail(StoreError::not_found, "device " + eui + " not found");
    return query->column_optional_int<std::uint16_t>(0);
}

auto dev_nonce_used(Database& database, const std::string& eui, std::uint16_t dev_nonce)
    -> StoreResult<bool> {
    auto query = rows::prepare_bound(
        database, "SELECT 1 FROM used_dev_nonces WHERE dev_eui = ? AND dev_nonce = ?", eui,
        dev_nonce);
    if (!query)
        return Unexpected{query.error()};
    return query->step();
}

auto record_dev_nonce(Database& database, const std::string& eui, std::uint16_t dev_nonce)
    -> StoreResult<void> {
    auto insert = rows::prepare_bound(database,
                                      "INSERT OR IGNORE INTO used_dev_nonces (dev_eui, dev_nonce, "
                                      "used_at) VALUES (?, ?, ?)",
                                      eui, dev_nonce, rows::now_millis());
    if (!insert)
        return Unexpected{insert.error()};
    if (auto done = insert->run(); !done)
        return done;
    auto update = rows::prepare_bound(
        database, "UPDATE devices SET last_dev_nonce = ? WHERE dev_eui = ?", dev_nonce, eui);
    if (!update)
        return Unexpected{update.error()};
    return update->run();
}

// The lowest address in [from, to] that no session uses; nullopt when all are taken.
auto first_free_dev_addr(Database& database, std::uint32_t from, std::uint32_t to)
    -> StoreResult<std::optional<std::uint32_t>> {
    // A session awaiting its first uplink holds its address too.
    auto query = rows::prepare_bound(
        database,
        "SELECT dev_addr FROM device_sessions WHERE dev_addr BETWEEN ?1 AND ?2"
        " UNION SELECT dev_addr FROM pending_device_sessions WHERE dev_addr BETWEEN ?1 AND ?2"
        " ORDER BY dev_addr",
        from, to);
    if (!query)
        return Unexpected{query.error()};
    std::uint64_t candidate = from;  // 64 bits: may step past 0xffffffff
    while (candidate <= to) {
        auto row = query->step();
        if (!row)
            return Unexpected{row.error()};
        if (!*row || static_cast<std::uint64_t>(query->column_int64(0)) > candidate)
            break;
        candidate = static_cast<std::uint64_t>(query->column_int64(0)) + 1;
    }
    if (candidate > to)
        return std::optional<std::uint32_t>{};
    return std::optional<std::uint32_t>{static_cast<std::uint32_t>(candidate)};
}

// A uniformly random offset into the prefix, so that addresses spread over it and a rejoining
// device rarely gets the address it just left.
auto random_offset(const DevAddrPrefix& prefix) -> std::uint32_t {
    if (prefix.bits == 0)
        return randombytes_random();
    return randombytes_uniform(static_cast<std::uint32_t>(prefix.size()));
}
}  // namespace

auto SqliteStore::accept_dev_nonce(lorawan::Eui64 dev_eui, lorawan::MacVersion version,
                                   lorawan::DevNonce dev_nonce) -> StoreResult<void> {
    const std::string eui = dev_eui.to_string();
    // One transaction: two copies of a join-request must not both pass the check.
    auto transaction = Transaction::begin(*database_);
    if (!transaction)
        return Unexpected{transaction.error()};
    auto last = last_dev_nonce(*database_, eui);
    if (!last)
        return Unexpected{last.error()};
    if (lorawan::dev_nonce_is_counter(version)) {
        if (*last && dev_nonce.value <= **last)
            return fail(StoreError::dev_nonce_not_increasing,
                        "device " + eui + ": DevNonce " + std::to_string(dev_nonce.value) +
                            " is not greater than the last one, " + std::to_string(**last));
    } else {
        auto used = dev_nonce_used(*database_, eui, dev_nonce.value);
        if (!used)
            return Unexpected{used.error()};
        if (*used)
            return fail(StoreError::dev_nonce_replayed, "device " + eui + ": DevNonce " +
                                                            std::to_string(dev_nonce.value) +
                                                            " was already used");
    }
    if (auto recorded = record_dev_nonce(*database_, eui, dev_nonce.value); !recorded)
        return recorded;
    return transaction->commit();
}

auto SqliteStore::next_join_nonce(lorawan::Eui64 dev_eui) -> StoreResult<lorawan::JoinNonce> {
    const std::string eui = dev_eui.to_string();
    auto update = rows::prepare_bound(*database_,
                                      "UPDATE devices SET last_join_nonce = last_join_nonce + 1"
                                      " WHERE dev_eui = ? AND last_join_nonce < 16777215"
                                      " RETURNING last_join_nonce",
                                      eui);
    if (!update)
        return Unexpected{update.error()};
    auto row = update->step();
    if (!row)
        return Unexpected{row.error()};
    if (!*row) {
        auto device = get_device(dev_eui);
        if (!device)
            return Unexpected{device.error()};
        return fail(StoreError::join_nonce_exhausted,
                    "device " + eui + " has used all 2^24 JoinNonces; give it new root keys");
    }
    const lorawan::JoinNonce join_nonce{static_cast<std::uint32_t>(update->column_int64(0))};
    // Run to the end, so that the update is committed (and any failure seen) before the value
    // goes out.
    if (auto done = update->run(); !done)
        return Unexpected{done.error()};
    return join_nonce;
}

auto SqliteStore::allocate_dev_addr(const DevAddrPrefix& prefix) -> StoreResult<lorawan::DevAddr> {
    const std::uint32_t first = prefix.first().value;
    const std::uint32_t last = prefix.last().value;
    const std::uint32_t start = first + random_offset(prefix);
    auto found = first_free_dev_addr(*database_, start, last);
    if (found && !*found && start > first)
        found = first_free_dev_addr(*database_, first, start - 1);
    if (!found)
        return Unexpected{found.error()};
    if (!*found)
        return fail(StoreError::dev_addr_exhausted,
                    "every DevAddr of " + prefix.to_string() +
                        " is in use; give the tenant a larger prefix");
    return lorawan::DevAddr{**found};
}

}  // namespace hortillon::storage
