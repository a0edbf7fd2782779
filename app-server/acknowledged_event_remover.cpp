#include "app-server/acknowledged_event_remover.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "app-server/outbox.hpp"
#include "storage/wal_checkpointer.hpp"

namespace hortillon::app_server {

auto AcknowledgedEventRemover::start(const std::filesystem::path& database_path, std::size_t batch,
                                     std::chrono::milliseconds idle_delay, telemetry::Logger logger)
    -> Result<std::unique_ptr<AcknowledgedEventRemover>, std::string> {
    auto database = storage::Database::open(
        database_path,
        storage::DatabaseOptions{.wal_autocheckpoint_pages = storage::wal_remover_finish_pages});
    if (!database)
        return Unexpected{"outbox " + database_path.string() + ": " + database.error().message};
    return std::make_unique<AcknowledgedEventRemover>(Key{}, std::move(*database), batch,
                                                      idle_delay, std::move(logger));
}

AcknowledgedEventRemover::AcknowledgedEventRemover(Key /*key*/,
                                                   std::unique_ptr<storage::Database> database,
                                                   std::size_t batch,
                                                   std::chrono::milliseconds idle_delay,
                                                   telemetry::Logger logger)
    : database_(std::move(database)),
      batch_(static_cast<std::int64_t>(std::max<std::size_t>(batch, 1))),
      idle_delay_(idle_delay),
      logger_(std::move(logger)),
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
        batch_ready = acknowledged_ - removed_up_to_ >= batch_;
    }
    if (batch_ready)
        wake_.notify_one();
}

void AcknowledgedEventRemover::run(const std::stop_token& stop) {
    while (true) {
        std::int64_t target = 0;
        {
            std::unique_lock lock(mutex_);
            // Ids are contiguous in normal operation: their difference counts the rows.
            wake_.wait_for(lock, stop, idle_delay_,
                           [this] { return acknowledged_ - removed_up_to_ >= batch_; });
            target = acknowledged_;
        }
        if (target > removed_up_to_)
            remove_up_to(target);
        if (stop.stop_requested()) {
            std::int64_t last = 0;
            {
                std::scoped_lock lock(mutex_);
                last = acknowledged_;
            }
            if (last > removed_up_to_)
                remove_up_to(last);
            return;
        }
    }
}

void AcknowledgedEventRemover::remove_up_to(std::int64_t id) {
    if (auto removed = delete_outbox_events_up_to(*database_, id); !removed) {
        logger_->error("events up to {} published but not removed from the outbox: {}", id,
                       removed.error().message);
        return;  // tried again with the next acknowledgements
    }
    std::scoped_lock lock(mutex_);
    removed_up_to_ = id;
}

}  // namespace hortillon::app_server
