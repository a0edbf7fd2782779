#pragma once
// Internal to the SQLite store: how values are written to and read from columns, and the
// helpers the per-table files share. Not part of the public API.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lorawan/identifiers.hpp"
#include "lorawan/mac_version.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"

namespace hortillon::storage::rows {

// A random UUID v4 (libsodium randombytes), lowercase, 8-4-4-4-12.
auto new_id() -> std::string;

// Milliseconds since the Unix epoch, UTC.
auto to_millis(Timestamp time) -> std::int64_t;
auto from_millis(std::int64_t millis) -> Timestamp;
auto now_millis() -> std::int64_t;

// EUIs are stored as 16 lowercase hex digits.
auto read_eui(const Statement& row, int column) -> lorawan::Eui64;
auto read_mac_version(const Statement& row, int column) -> lorawan::MacVersion;

// Runs an UPDATE or DELETE; not_found naming the row as "`what` `key`" (or `what`) when it
// changed no row. The text is made only then.
auto run_expecting_change(Database& database, Statement& statement, std::string_view what,
                          std::string_view key = {}) -> StoreResult<void>;

// Replaces SQLite's text ("UNIQUE constraint failed: ...") with a sentence about the caller's
// input when the failure has `code`; other failures pass unchanged.
auto explain(StoreFailure failure, StoreError code, std::string message)
    -> Unexpected<StoreFailure>;

// Prepares `sql` and binds the values in order.
template <class... Values>
auto prepare_bound(Database& database, std::string_view sql, const Values&... values)
    -> StoreResult<Statement> {
    auto statement = database.prepare(sql);
    if (statement)
        statement->bind_all(values...);
    return statement;
}

// Reads every row of a query with `read(const Statement&) -> Row`.
template <class Row, class Read>
auto collect(Statement& statement, Read read) -> StoreResult<std::vector<Row>> {
    std::vector<Row> rows;
    while (true) {
        auto more = statement.step();
        if (!more)
            return Unexpected{more.error()};
        if (!*more)
            return rows;
        rows.push_back(read(statement));
    }
}

// The row of a primary-key query, if there is one.
template <class Row, class Read>
auto read_optional(Statement& statement, Read read) -> StoreResult<std::optional<Row>> {
    auto more = statement.step();
    if (!more)
        return Unexpected{more.error()};
    if (!*more)
        return std::optional<Row>{};
    return std::optional<Row>{read(statement)};
}

// Picks the result of `WHERE id = ?1 OR name = ?1 ... ORDER BY id = ?1 DESC LIMIT 2`: the id
// match if there is one, else the only name match; ambiguous_name when two rows share the name.
template <class Row, class Read>
auto pick_by_id_or_name(Statement& statement, std::string_view key, std::string_view what,
                        Read read) -> StoreResult<Row> {
    auto rows = collect<Row>(statement, read);
    if (!rows)
        return Unexpected{rows.error()};
    if (rows->empty())
        return fail(StoreError::not_found,
                    std::string(what) + " '" + std::string(key) + "' not found");
    if (rows->size() > 1 && rows->front().id != key)
        return fail(StoreError::ambiguous_name,
                    "several " + std::string(what) + "s are named '" + std::string(key) +
                        "' (in different tenants); give the id or the tenant");
    return std::move(rows->front());
}

}  // namespace hortillon::storage::rows
