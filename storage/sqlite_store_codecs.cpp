// JavaScript codecs: one row per codec id, replaced on re-import.
#include "storage/sqlite_rows.hpp"
#include "storage/sqlite_store.hpp"

namespace hortillon::storage {

namespace {
constexpr std::string_view codec_columns =
    "id, source, vendor, device, family, encodes_downlink, decodes_downlink, imported_at";

auto optional_text(const Statement& row, int column) -> std::optional<std::string> {
    if (row.is_null(column))
        return std::nullopt;
    return row.column_text(column);
}

auto codec_exists(Database& database, std::string_view id) -> StoreResult<bool> {
    auto query = rows::prepare_bound(database, "SELECT 1 FROM codecs WHERE id = ?", id);
    if (!query)
        return Unexpected{query.error()};
    return query->step();
}

auto read_codec(const Statement& row) -> StoredCodec {
    return StoredCodec{.id = row.column_text(0),
                       .source = row.column_text(1),
                       .vendor = optional_text(row, 2),
                       .device = optional_text(row, 3),
                       .family = optional_text(row, 4),
                       .encodes_downlink = row.column_int64(5) != 0,
                       .decodes_downlink = row.column_int64(6) != 0,
                       .imported_at = rows::from_millis(row.column_int64(7))};
}
}  // namespace

auto SqliteStore::save_codec(StoredCodec codec) -> StoreResult<bool> {
    if (codec.id.empty() || codec.source.empty())
        return fail(StoreError::invalid_value, "a codec needs an id and a source");
    auto transaction = Transaction::begin(*database_);
    if (!transaction)
        return Unexpected{transaction.error()};
    auto replaced = codec_exists(*database_, codec.id);
    if (!replaced)
        return Unexpected{replaced.error()};
    codec.imported_at = rows::from_millis(rows::now_millis());
    auto upsert =
        rows::prepare_bound(*database_,
                            "INSERT OR REPLACE INTO codecs (" + std::string(codec_columns) +
                                ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            codec.id, codec.source, codec.vendor, codec.device, codec.family,
                            codec.encodes_downlink ? 1 : 0, codec.decodes_downlink ? 1 : 0,
                            rows::to_millis(codec.imported_at));
    if (!upsert)
        return Unexpected{upsert.error()};
    if (auto done = upsert->run(); !done)
        return Unexpected{done.error()};
    if (auto committed = transaction->commit(); !committed)
        return Unexpected{committed.error()};
    return *replaced;
}

auto SqliteStore::find_codec(std::string_view id) -> StoreResult<StoredCodec> {
    auto query = rows::prepare_bound(
        *database_, "SELECT " + std::string(codec_columns) + " FROM codecs WHERE id = ?", id);
    if (!query)
        return Unexpected{query.error()};
    auto row = query->step();
    if (!row)
        return Unexpected{row.error()};
    if (!*row)
        return fail(StoreError::not_found, "codec '" + std::string(id) + "' not found");
    return read_codec(*query);
}

auto SqliteStore::list_codecs() -> StoreResult<std::vector<StoredCodec>> {
    auto query = rows::prepare_bound(
        *database_, "SELECT " + std::string(codec_columns) + " FROM codecs ORDER BY id");
    if (!query)
        return Unexpected{query.error()};
    return rows::collect<StoredCodec>(*query, read_codec);
}

}  // namespace hortillon::storage
