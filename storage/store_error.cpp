#include "storage/store_error.hpp"

namespace hortillon::storage {

auto describe(StoreError error) -> std::string_view {
    switch (error) {
        case StoreError::not_found:
            return "not found";
        case StoreError::already_exists:
            return "already exists";
        case StoreError::ambiguous_name:
            return "name matches several entries; use the id";
        case StoreError::invalid_reference:
            return "refers to something that does not exist";
        case StoreError::in_use:
            return "still in use";
        case StoreError::invalid_value:
            return "invalid value";
        case StoreError::dev_nonce_replayed:
            return "DevNonce already used";
        case StoreError::dev_nonce_not_increasing:
            return "DevNonce not greater than the last one";
        case StoreError::join_nonce_exhausted:
            return "JoinNonce exhausted";
        case StoreError::dev_addr_exhausted:
            return "no free DevAddr in the prefix";
        case StoreError::queue_full:
            return "downlink queue full";
        case StoreError::busy:
            return "database busy";
        case StoreError::io:
            return "storage I/O error";
        case StoreError::constraint:
            return "constraint failed";
        case StoreError::corrupt:
            return "stored value is corrupt";
        case StoreError::key_file_invalid:
            return "key file invalid";
        case StoreError::wrong_key_file:
            return "key file does not belong to this database";
        case StoreError::schema_too_new:
            return "database schema newer than this program";
        case StoreError::not_a_hortillon_database:
            return "not a Hortillon database";
    }
    return "unknown storage error";
}

}  // namespace hortillon::storage
