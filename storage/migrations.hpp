#pragma once
// Versioned schema migrations. `PRAGMA user_version` holds the number of the last step applied;
// `PRAGMA application_id` marks the file as Hortillon's. Steps are only ever appended: a released
// step is never edited, since databases in the field have already run it.

#include <span>
#include <string_view>

#include "storage/database.hpp"

namespace hortillon::storage {

struct Migration {
    int version;  // 1, 2, 3, ... in order
    std::string_view description;
    std::string_view sql;
};

// "Hort" in ASCII, in the file header of every Hortillon database.
inline constexpr int hortillon_application_id = 0x486f7274;

auto migrations() -> std::span<const Migration>;
auto latest_schema_version() -> int;

// The version recorded in the file (0 for a new file).
auto schema_version(Database& database) -> StoreResult<int>;

// Applies the missing steps in one transaction and returns the version reached. Fails with
// schema_too_new when the file was migrated by a newer Hortillon, and with
// not_a_hortillon_database when it belongs to another program.
auto migrate(Database& database) -> StoreResult<int>;

}  // namespace hortillon::storage
