#pragma once
// Why a store operation failed. Expected failures (a duplicate DevEUI, an unknown tenant, a
// replayed DevNonce) travel as values; nothing here throws for them.
//
// Messages name identifiers, file paths and SQLite's own text, never a key: SQLite reports the
// constraint and column that failed, not the bound values.

#include <cstdint>
#include <string>
#include <string_view>

#include "lorawan/result.hpp"

namespace hortillon::storage {

enum class StoreError : std::uint8_t {
    not_found,                 // no row with that id, name or EUI
    already_exists,            // the id, EUI or (tenant, name) is taken
    ambiguous_name,            // a name matches rows in several tenants: give the id
    invalid_reference,         // the tenant, application or profile named does not exist
    in_use,                    // still referenced (a tenant with applications, ...)
    invalid_value,             // a field is out of range (FPort, prefix, tags not JSON, ...)
    dev_nonce_replayed,        // LoRaWAN <= 1.0.3: this DevNonce was used before
    dev_nonce_not_increasing,  // LoRaWAN 1.0.4 and 1.1: DevNonce not above the last one
    join_nonce_exhausted,      // the 24-bit JoinNonce of this device is used up
    dev_addr_exhausted,        // every DevAddr of the prefix is taken
    queue_full,                // the device's downlink queue is at its capacity
    busy,                      // another process held the database longer than busy_timeout
    io,                        // the file could not be read or written
    constraint,                // another SQLite constraint failed
    corrupt,                   // a stored value does not decrypt or decode
    key_file_invalid,          // the key file has the wrong size or permissions
    wrong_key_file,            // the key file does not belong to this database
    schema_too_new,            // the database was migrated by a newer Hortillon
    not_a_hortillon_database,  // the file is an SQLite database of another program
};

// One line for logs and CLI output.
auto describe(StoreError error) -> std::string_view;

// A failure with the detail an operator needs ("device 0102030405060708 already exists").
struct StoreFailure {
    StoreError code = StoreError::io;
    std::string message;
};

template <class T>
using StoreResult = Result<T, StoreFailure>;

// Shorthand for `return fail(StoreError::not_found, "tenant 'x' not found");`.
inline auto fail(StoreError code, std::string message) -> Unexpected<StoreFailure> {
    return Unexpected{StoreFailure{code, std::move(message)}};
}

}  // namespace hortillon::storage
