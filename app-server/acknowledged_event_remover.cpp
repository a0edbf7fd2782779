#include "app-server/acknowledged_event_remover.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "app-server/outbox.hpp"
#include "storage/wal_checkpointer.hpp"

namespace hortillon::app_server {

auto AcknowledgedEventRemover::start(const std::filesystem::path& database_path, std::size_t batch,
                                     std::chrono::milliseconds max_delay, telemetry::Logger logger)
    -> Result<std::unique_ptr<AcknowledgedEventRemover>, std::string> {
    auto database = storage::Database::open(
        database_path,
        storage::DatabaseOptions{.wal_autocheckpoint_pages = storage::wal_remover_finish_pages});
    if (!database)
        return Unexpected{"outbox " + database_path.string() + ": " + database.error().message};
    // Counting the first batch from the rows already gone: counted from 0, the first
    // acknowledgement after a restart would look like a whole batch.
    const auto removed = outbox_removed_through(**database);
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
