#pragma once
// The durable event outbox: a table in the store's SQLite file (event_outbox, schema migration
// 2). Events are appended by the thread that handles uplinks, in the transaction that stores the
// frame counter when the caller has one open, and drained in id order by the MQTT publisher
// (on its own connection); each row is deleted only after the broker's PUBACK, by the
// AcknowledgedEventRemover (on another). Delivery is therefore at least once: after a crash or a
// lost connection the unacknowledged rows are sent again.
//
// Bounded: at `capacity` rows, new events are refused (append fails with outbox_full, a
// warning is logged and "as_outbox_refused" counted); events already accepted are never dropped.
// Filling past 50, 80 and 100 % logs a warning once per crossing and counts
// "as_outbox_level_50" / "_80" / "_100".

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lorawan/result.hpp"
#include "storage/database.hpp"
#include "telemetry/counters.hpp"
#include "telemetry/log.hpp"

namespace hortillon::app_server {

struct OutboxEvent {
    std::int64_t id = 0;  // increasing: the publishing order
    std::string topic;
    std::string payload;
    std::chrono::system_clock::time_point created_at;
};

enum class OutboxError : std::uint8_t {
    outbox_full,      // at capacity: the event is refused
    storage_failure,  // the write failed
};

auto to_string(OutboxError error) -> std::string_view;

// The write side, used on one thread (the server's), the outbox's only writer (its count of rows
// relies on it). Holds the fill-level state for warnings.
class EventOutbox {
  public:
    EventOutbox(std::size_t capacity, telemetry::Counters& counters, telemetry::Logger logger);

    // Appends one event on `database`, inside its open transaction if there is one; returns
    // its id.
    auto append(storage::Database& database, std::string_view topic, std::string_view payload,
                std::chrono::system_clock::time_point now) -> Result<std::int64_t, OutboxError>;

    [[nodiscard]] auto capacity() const -> std::size_t { return capacity_; }

  private:
    auto size_bound(storage::Database& database) -> storage::StoreResult<std::size_t>;
    void note_fill_level(std::size_t size);

    std::size_t capacity_;
    telemetry::Counters& counters_;
    telemetry::Logger logger_;
    int reported_level_ = 0;  // the last fill level warned about: 0, 50, 80 or 100 (%)
    std::optional<std::size_t> size_bound_;  // at least the rows in the outbox; see size_bound
};

// The read side, for the publisher's connection, and the removal, for the remover's.
// Up to `limit` events with an id above `after_id`, oldest first.
auto read_outbox(storage::Database& database, std::int64_t after_id, std::size_t limit)
    -> storage::StoreResult<std::vector<OutboxEvent>>;
// Removes one event once the broker has acknowledged it.
auto delete_outbox_event(storage::Database& database, std::int64_t id)
    -> storage::StoreResult<void>;
// Removes every event up to `last_id` in one statement, once the broker has acknowledged all of
// them (the publisher sends in id order, so an unbroken run of PUBACKs covers such a range).
auto delete_outbox_events_up_to(storage::Database& database, std::int64_t last_id)
    -> storage::StoreResult<void>;
// Every id up to the result is gone from the outbox: the oldest row's id - 1 or, in an empty
// table, the last id given out (AUTOINCREMENT never gives one twice).
auto outbox_removed_through(storage::Database& database) -> storage::StoreResult<std::int64_t>;
// How many events wait. An upper bound computed from the id range in O(log n): rows are removed
// oldest first, so the range has no holes in normal operation.
auto outbox_size(storage::Database& database) -> storage::StoreResult<std::size_t>;

}  // namespace hortillon::app_server
