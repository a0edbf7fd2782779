#include "app-server/acknowledged_event_remover.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "app-server/outbox.hpp"
#include "storage/wal_checkpointer.hpp"

namespace hortillon::app_server {

namespace {
// Every id up to the result is gone from the outbox: the oldest row's id - 1 or, in an empty
// table, the last id given out (AUTOINCREMENT never gives one twice). Counting a batch from 0
// would make the first acknowledgement after a restart look like a whole batch.
auto removed_before_start(storage::Database& database) -> storage::StoreResult<std::int64_t> {
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
}  // namespace

auto AcknowledgedEventRemover::start(const std::filesystem::path& database_path, std::size_t batch,
                                     std::chrono::milliseconds max_delay, telemetry::Logger logger)
    -> Result<std::unique_ptr<AcknowledgedEventRemover>, std::string> {
    auto database = storage::Database::open(
        database_path,
        storage::DatabaseOptions{.wal_autocheckpoint_pages = storage::wal_remover_finish_pages});
    if (!database)
        return Unexpected{"outbox " + database_path.string() + ": " + database.error().message};
    const auto removed = removed_before_start(**database);
    if (!removed)
        return Unexpected{"outbox " + database_path.string() + ": " + removed.error().message};
    return std::make_unique<AcknowledgedEventRemover>(Key{}, std::move(*database), *removed, batch,
                                                      max_delay, std::move(logger));
}

AcknowledgedEventRemover::AcknowledgedEventRemover(Key /*key*/,
                                                   std::unique_ptr<storage::Database> database,
                                                   std::int64_t removed_up_to, std::size_t batch,
                                                   std::chrono::milliseconds max_delay,
                                                   telemetry::Logger logger)
    : database_(std::move(database)),
      batch_(static_cast<std::int64_t>(std::max<std::size_t>(batch, 1))),
      max_delay_(max_delay),
      logger_(std::move(logger)),
      acknowledged_(removed_up_to),
      removed_up_to_(removed_up_to),
      thread_([this](const std::stop_token& stop) { run(stop); }) {}

AcknowledgedEventRemover::~AcknowledgedEventRemover() {
    thread_.request_stop();  // wakes the wait in run(), which removes the rest
    thread_.join();
}

void AcknowledgedEventRemover::acknowledged_up_to(std::int64_t id) {
    bool batch_ready = false;
    {
        std::scoped_lock lock(mutex_);
        acknowledged_ = std::max(acknowledged_, id);
        batch_ready = has_batch();
    }
    if (batch_ready)
        wake_.notify_one();
}

void AcknowledgedEventRemover::run(const std::stop_token& stop) {
    // removed_up_to_ is read here without the lock: this thread is its only writer.
    while (!stop.stop_requested()) {
        std::int64_t target = 0;
        {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, stop, max_delay_, [this] { return has_batch(); });
            target = acknowledged_;
        }
        if (target > removed_up_to_ && !remove_up_to(target)) {
            // Not at once again: a full disk or a read-only file fails the same way each time.
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, stop, max_delay_, [] { return false; });
        }
    }
    std::int64_t last = 0;
    {
        std::scoped_lock lock(mutex_);
        last = acknowledged_;
    }
    if (last > removed_up_to_)
        remove_up_to(last);
}

auto AcknowledgedEventRemover::remove_up_to(std::int64_t id) -> bool {
    if (auto removed = delete_outbox_events_up_to(*database_, id); !removed) {
        logger_->error("events up to {} published but not removed from the outbox: {}", id,
                       removed.error().message);
        return false;
    }
    std::scoped_lock lock(mutex_);
    removed_up_to_ = id;
    return true;
}

}  // namespace hortillon::app_server
