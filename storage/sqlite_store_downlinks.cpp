// The application downlink queue: first in, first out per device, bounded.
#include "storage/sqlite_rows.hpp"
#include "storage/sqlite_store.hpp"

namespace hortillon::storage {

namespace {
constexpr std::string_view downlink_columns =
    "id, dev_eui, f_port, data, confirmed, state, f_cnt_down, created_at, sent_at";

auto read_downlink(const Statement& row) -> DownlinkQueueItem {
    DownlinkQueueItem item;
    item.id = row.column_text(0);
    item.dev_eui = rows::read_eui(row, 1);
    item.f_port = static_cast<std::uint8_t>(row.column_int64(2));
    item.data = row.column_blob(3);
    item.confirmed = row.column_int64(4) != 0;
    item.state =
        row.column_text(5) == "pending_ack" ? DownlinkState::pending_ack : DownlinkState::queued;
    item.f_cnt_down = row.column_optional_int<std::uint32_t>(6);
    item.created_at = rows::from_millis(row.column_int64(7));
    if (!row.is_null(8))
        item.sent_at = rows::from_millis(row.column_int64(8));
    return item;
}

auto queue_length(Database& database, const std::string& eui) -> StoreResult<std::size_t> {
    auto query =
        rows::prepare_bound(database, "SELECT count(*) FROM downlink_queue WHERE dev_eui = ?", eui);
    if (!query)
        return Unexpected{query.error()};
    auto row = query->step();
    if (!row)
        return Unexpected{row.error()};
    return static_cast<std::size_t>(query->column_int64(0));
}
}  // namespace

auto SqliteStore::enqueue_downlink(DownlinkQueueItem item) -> StoreResult<DownlinkQueueItem> {
    const std::string eui = item.dev_eui.to_string();
    if (item.f_port < 1 || item.f_port > 223)
        return fail(StoreError::invalid_value, "FPort must be 1 to 223 for application data");
    // Counting and inserting in one transaction keeps two writers from both taking the last slot.
    auto transaction = Transaction::begin(*database_);
    if (!transaction)
        return Unexpected{transaction.error()};
    auto length = queue_length(*database_, eui);
    if (!length)
        return Unexpected{length.error()};
    if (*length >= downlink_queue_capacity_)
        return fail(StoreError::queue_full, "the downlink queue of device " + eui + " is full (" +
                                                std::to_string(downlink_queue_capacity_) +
                                                " items); flush it or wait");
    item.id = rows::new_id();
    item.state = DownlinkState::queued;
    item.f_cnt_down.reset();
    item.sent_at.reset();
    item.created_at = rows::from_millis(rows::now_millis());
    auto insert = rows::prepare_bound(*database_,
                                      "INSERT INTO downlink_queue (id, dev_eui, f_port, data, "
                                      "confirmed, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                                      item.id, eui, item.f_port, lorawan::ByteView(item.data),
                                      item.confirmed, rows::to_millis(item.created_at));
    if (!insert)
        return Unexpected{insert.error()};
    if (auto done = insert->run(); !done)
        return rows::explain(done.error(), StoreError::invalid_reference,
                             "device " + eui + " not found");
    if (auto committed = transaction->commit(); !committed)
        return Unexpected{committed.error()};
    return item;
}

auto SqliteStore::next_downlink(lorawan::Eui64 dev_eui)
    -> StoreResult<std::optional<DownlinkQueueItem>> {
    auto query = rows::prepare_bound(*database_,
                                     "SELECT " + std::string(downlink_columns) +
                                         " FROM downlink_queue WHERE dev_eui = ?"
                                         " AND state = 'queued' ORDER BY seq LIMIT 1",
                                     dev_eui.to_string());
    if (!query)
        return Unexpected{query.error()};
    auto row = query->step();
    if (!row)
        return Unexpected{row.error()};
    if (!*row)
        return std::optional<DownlinkQueueItem>{};
    return std::optional<DownlinkQueueItem>{read_downlink(*query)};
}

auto SqliteStore::list_downlinks(lorawan::Eui64 dev_eui)
    -> StoreResult<std::vector<DownlinkQueueItem>> {
    auto query = rows::prepare_bound(*database_,
                                     "SELECT " + std::string(downlink_columns) +
                                         " FROM downlink_queue WHERE dev_eui = ? ORDER BY seq",
                                     dev_eui.to_string());
    if (!query)
        return Unexpected{query.error()};
    return rows::collect<DownlinkQueueItem>(*query, read_downlink);
}

auto SqliteStore::mark_downlink_sent(std::string_view id, std::uint32_t f_cnt_down)
    -> StoreResult<void> {
    auto confirmed = rows::prepare_bound(*database_,
                                         "UPDATE downlink_queue SET state = 'pending_ack', "
                                         "f_cnt_down = ?, sent_at = ? WHERE id = ? AND confirmed",
                                         f_cnt_down, rows::now_millis(), id);
    if (!confirmed)
        return Unexpected{confirmed.error()};
    if (auto done = confirmed->run(); !done)
        return done;
    if (database_->changes() > 0)
        return {};
    // Unconfirmed: nothing will come back for it, so it leaves the queue once sent.
    auto unconfirmed = rows::prepare_bound(
        *database_, "DELETE FROM downlink_queue WHERE id = ? AND NOT confirmed", id);
    if (!unconfirmed)
        return Unexpected{unconfirmed.error()};
    return rows::run_expecting_change(*database_, *unconfirmed, "downlink " + std::string(id));
}

auto SqliteStore::acknowledge_downlink(lorawan::Eui64 dev_eui, std::uint32_t f_cnt_down)
    -> StoreResult<DownlinkQueueItem> {
    auto remove = rows::prepare_bound(*database_,
                                      "DELETE FROM downlink_queue WHERE dev_eui = ? AND state = "
                                      "'pending_ack' AND f_cnt_down = ? RETURNING " +
                                          std::string(downlink_columns),
                                      dev_eui.to_string(), f_cnt_down);
    if (!remove)
        return Unexpected{remove.error()};
    auto row = remove->step();
    if (!row)
        return Unexpected{row.error()};
    if (!*row)
        return fail(StoreError::not_found, "device " + dev_eui.to_string() +
                                               " has no downlink awaiting an ACK with FCnt " +
                                               std::to_string(f_cnt_down));
    DownlinkQueueItem item = read_downlink(*remove);
    if (auto done = remove->run(); !done)
        return Unexpected{done.error()};
    return item;
}

auto SqliteStore::delete_downlink(std::string_view id) -> StoreResult<void> {
    auto statement = rows::prepare_bound(*database_, "DELETE FROM downlink_queue WHERE id = ?", id);
    if (!statement)
        return Unexpected{statement.error()};
    return rows::run_expecting_change(*database_, *statement, "downlink " + std::string(id));
}

auto SqliteStore::flush_downlink_queue(lorawan::Eui64 dev_eui) -> StoreResult<std::size_t> {
    auto statement = rows::prepare_bound(*database_, "DELETE FROM downlink_queue WHERE dev_eui = ?",
                                         dev_eui.to_string());
    if (!statement)
        return Unexpected{statement.error()};
    if (auto done = statement->run(); !done)
        return Unexpected{done.error()};
    return static_cast<std::size_t>(database_->changes());
}

}  // namespace hortillon::storage
