#include "storage/sqlite_rows.hpp"

#include <sodium.h>

#include <array>

namespace hortillon::storage::rows {

auto new_id() -> std::string {
    std::array<std::uint8_t, 16> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    return lorawan::uuid_v4_text(bytes);
}

auto to_millis(Timestamp time) -> std::int64_t {
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

auto from_millis(std::int64_t millis) -> Timestamp {
    return Timestamp{
        std::chrono::duration_cast<Timestamp::duration>(std::chrono::milliseconds{millis})};
}

auto now_millis() -> std::int64_t {
    return to_millis(std::chrono::system_clock::now());
}

auto read_eui(const Statement& row, int column) -> lorawan::Eui64 {
    // Only this library writes these columns; a hand-edited value reads as 0000000000000000.
    return lorawan::Eui64::parse(row.column_text(column)).value_or(lorawan::Eui64{});
}

auto read_mac_version(const Statement& row, int column) -> lorawan::MacVersion {
    return lorawan::parse_mac_version(row.column_text(column))
        .value_or(lorawan::MacVersion::v1_0_3);
}

auto run_expecting_change(Database& database, Statement& statement, std::string_view what,
                          std::string_view key) -> StoreResult<void> {
    if (auto done = statement.run(); !done)
        return done;
    if (database.changes() == 0) {
        std::string row(what);
        if (!key.empty())
            row.append(" ").append(key);
        return fail(StoreError::not_found, row + " not found");
    }
    return {};
}

auto explain(StoreFailure failure, StoreError code, std::string message)
    -> Unexpected<StoreFailure> {
    if (failure.code == code)
        failure.message = std::move(message);
    return Unexpected{std::move(failure)};
}

}  // namespace hortillon::storage::rows
