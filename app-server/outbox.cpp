#include "app-server/outbox.hpp"

#include <spdlog/spdlog.h>

#include <array>

namespace hortillon::app_server {

using storage::StoreResult;

namespace {
auto to_millis(std::chrono::system_clock::time_point time) -> std::int64_t {
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

auto as_text(const lorawan::Bytes& bytes) -> std::string {
    return {bytes.begin(), bytes.end()};
}

auto as_bytes(std::string_view text) -> lorawan::ByteView {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

constexpr std::array<int, 3> fill_levels{50, 80, 100};
}  // namespace

auto to_string(OutboxError error) -> std::string_view {
    return error == OutboxError::outbox_full ? "outbox_full" : "storage_failure";
}

EventOutbox::EventOutbox(std::size_t capacity, telemetry::Counters& counters,
                         telemetry::Logger logger)
    : capacity_(capacity), counters_(counters), logger_(std::move(logger)) {}

auto EventOutbox::append(storage::Database& database, std::string_view topic,
                         std::string_view payload, std::chrono::system_clock::time_point now)
    -> Result<std::int64_t, OutboxError> {
    auto size = size_bound(database);
    if (!size) {
        counters_.increment("as_outbox_storage_failure");
        logger_->error("event for {} not stored: {}", topic, size.error().message);
        return Unexpected{OutboxError::storage_failure};
    }
    note_fill_level(*size);
    if (*size >= capacity_) {
        counters_.increment("as_outbox_refused");
        logger_->warn("outbox full ({} events): event for {} refused; is the MQTT broker up?",
                      capacity_, topic);
        return Unexpected{OutboxError::outbox_full};
    }
    auto insert =
        database.prepare("INSERT INTO event_outbox (topic, payload, created_at) VALUES (?, ?, ?)");
    if (insert) {
        insert->bind_all(topic, as_bytes(payload), to_millis(now));
        if (auto inserted = insert->run(); inserted) {
            counters_.increment("as_outbox_appended");
            size_bound_ = *size + 1;
            note_fill_level(*size + 1);
            return database.last_insert_rowid();
        } else {
            logger_->error("event for {} not stored: {}", topic, inserted.error().message);
        }
    } else {
        logger_->error("event for {} not stored: {}", topic, insert.error().message);
    }
    counters_.increment("as_outbox_storage_failure");
    return Unexpected{OutboxError::storage_failure};
}

// Below half full the count is not read again: other connections only remove rows and this is the
// only writer, so the last count plus the appends since is an upper bound, and below the first
// warning level an upper bound is all the checks need. From half full on, every append counts.
auto EventOutbox::size_bound(storage::Database& database) -> StoreResult<std::size_t> {
    if (size_bound_ && *size_bound_ * 2 < capacity_)
        return *size_bound_;
    auto size = outbox_size(database);
    if (size)
        size_bound_ = *size;
    return size;
}

// Warns once each time the outbox fills past a level; going back below re-arms the warning.
void EventOutbox::note_fill_level(std::size_t size) {
    const std::size_t percent = capacity_ == 0 ? 100 : size * 100 / capacity_;
    int level = 0;
    for (const int threshold : fill_levels) {
        if (percent >= static_cast<std::size_t>(threshold))
            level = threshold;
    }
    if (level > reported_level_) {
        counters_.increment("as_outbox_level_" + std::to_string(level));
        logger_->warn("event outbox {}% full ({} of {}): the MQTT broker is not taking events",
                      level, size, capacity_);
    }
    reported_level_ = level;
}

auto read_outbox(storage::Database& database, std::int64_t after_id, std::size_t limit)
    -> StoreResult<std::vector<OutboxEvent>> {
    auto select = database.prepare(
        "SELECT id, topic, payload, created_at FROM event_outbox WHERE id > ? ORDER BY id LIMIT ?");
    if (!select)
        return Unexpected{select.error()};
    select->bind_all(after_id, static_cast<std::int64_t>(limit));
    std::vector<OutboxEvent> events;
    while (true) {
        auto row = select->step();
        if (!row)
            return Unexpected{row.error()};
        if (!*row)
            break;
        events.push_back(OutboxEvent{.id = select->column_int64(0),
                                     .topic = select->column_text(1),
                                     .payload = as_text(select->column_blob(2)),
                                     .created_at = std::chrono::system_clock::time_point{
                                         std::chrono::milliseconds{select->column_int64(3)}}});
    }
    return events;
}

auto delete_outbox_event(storage::Database& database, std::int64_t id) -> StoreResult<void> {
    auto remove = database.prepare("DELETE FROM event_outbox WHERE id = ?");
    if (!remove)
        return Unexpected{remove.error()};
    remove->bind_all(id);
    return remove->run();
}

auto delete_outbox_events_up_to(storage::Database& database, std::int64_t last_id)
    -> StoreResult<void> {
    auto remove = database.prepare("DELETE FROM event_outbox WHERE id <= ?");
    if (!remove)
        return Unexpected{remove.error()};
    remove->bind_all(last_id);
    return remove->run();
}

auto outbox_removed_through(storage::Database& database) -> StoreResult<std::int64_t> {
    auto query = database.prepare(
        "SELECT coalesce((SELECT min(id) FROM event_outbox) - 1, "
        "(SELECT seq FROM sqlite_sequence WHERE name = 'event_outbox'), 0)");
    if (!query)
        return Unexpected{query.error()};
    auto row = query->step();
    if (!row)
        return Unexpected{row.error()};
    return *row ? query->column_int64(0) : 0;
}

auto outbox_size(storage::Database& database) -> StoreResult<std::size_t> {
    auto range = database.prepare("SELECT min(id), max(id) FROM event_outbox");
    if (!range)
        return Unexpected{range.error()};
    auto row = range->step();
    if (!row)
        return Unexpected{row.error()};
    if (!*row || range->is_null(0))
        return std::size_t{0};
    return static_cast<std::size_t>(range->column_int64(1) - range->column_int64(0) + 1);
}

}  // namespace hortillon::app_server
