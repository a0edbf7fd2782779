#pragma once
// Removes the events the broker has acknowledged from the outbox, on a thread and a SQLite
// connection of its own. Such a DELETE waits for the write lock behind the uplink thread's
// commits and, when its commit finishes a WAL checkpoint, for the file's sync: 7 to 12 ms for
// about 260 rows at 10,000 uplinks/s when the threshold was 2,000 pages (it is 6,000 now, see
// wal_remover_finish_pages). Run by the publisher, every event behind it waited as long.
//
// Rows are removed a `batch` at a time, and fewer at most `max_delay` after their
// acknowledgement. About a batch of acknowledged rows may be sent again after a crash, which at
// least once delivery allows; on destruction every acknowledged row is removed. A failed removal
// is logged and tried again one to two `max_delay`s later.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "lorawan/result.hpp"
#include "storage/database.hpp"
#include "telemetry/log.hpp"

namespace hortillon::app_server {

class AcknowledgedEventRemover {
  public:
    // Opens its own connection to the (already migrated) store file; its commits also finish
    // the WalCheckpointer's work (wal_checkpointer.hpp).
    static auto start(const std::filesystem::path& database_path, std::size_t batch,
                      std::chrono::milliseconds max_delay, telemetry::Logger logger)
        -> Result<std::unique_ptr<AcknowledgedEventRemover>, std::string>;

    AcknowledgedEventRemover(const AcknowledgedEventRemover&) = delete;
    auto operator=(const AcknowledgedEventRemover&) -> AcknowledgedEventRemover& = delete;
    // Removes every acknowledged row, then stops: the thread's stop request wakes its wait.
    ~AcknowledgedEventRemover() = default;

    // The broker has acknowledged every row up to `id` (ids given only grow). Any thread.
    void acknowledged_up_to(std::int64_t id);

    // Only start() can name the key: the constructor is public for std::make_unique alone.
    class Key {
        friend class AcknowledgedEventRemover;
        Key() = default;
    };
    AcknowledgedEventRemover(Key key, std::unique_ptr<storage::Database> database,
                             std::int64_t removed_up_to, std::size_t batch,
                             std::chrono::milliseconds max_delay, telemetry::Logger logger);

  private:
    void run(const std::stop_token& stop);
    // A batch is acknowledged and not removed; with mutex_ held. Ids are contiguous in normal
    // operation: their difference counts the rows.
    [[nodiscard]] auto has_batch() const -> bool {
        return acknowledged_ - removed_up_to_ >= batch_;
    }
    // False when the DELETE failed (logged).
    auto remove_up_to(std::int64_t id) -> bool;

    std::unique_ptr<storage::Database> database_;
    std::int64_t batch_;
    std::chrono::milliseconds max_delay_;
    telemetry::Logger logger_;
    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::int64_t acknowledged_;   // guarded by mutex_
    std::int64_t removed_up_to_;  // guarded by mutex_; written by the thread only
    std::jthread thread_;         // last: stopped and joined before the members it uses go
};

}  // namespace hortillon::app_server
