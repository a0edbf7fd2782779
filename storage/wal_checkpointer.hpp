#pragma once
// Copies the WAL back into the database file from a thread and a connection of its own, every
// `interval`, so that commits of the uplink thread and of the outbox's deletes seldom wait for a
// checkpoint. SQLite's automatic checkpoint runs inside whichever commit crosses its threshold:
// at 6000 pages, when the publisher still deleted published events itself, event delivery's p99
// went from 12 to 34 ms at 12,000 uplinks/s (a write of every page, then fdatasync, inside a
// commit); at SQLite's 1000 pages the same hot pages (sessions, the outbox's ends) were copied
// six times as often.
// Checkpoints here are PASSIVE: they never wait for readers or writers, and run at a low priority.

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "storage/database.hpp"

namespace hortillon::storage {

// The writing connections keep SQLite's automatic checkpoint as a finisher. A checkpoint beside
// a steady stream of commits never finds the WAL fully copied, and only then can a commit start
// the WAL over from its beginning: without the finisher the file grew to the threshold, where
// every commit checkpointed. When the checkpointer gets its share of the cores, it has copied
// nearly every frame by the time a commit crosses these thresholds, so the commit's checkpoint is
// short and the WAL starts over. The connection that deletes published events (app-server's
// AcknowledgedEventRemover) finishes first; the uplink thread's only when no events are being
// deleted. No event waits for the
// remover's commits, so its threshold can be high: on saturated cores, where the low-priority
// checkpointer gets little time, the remover copies most of the WAL, with two fdatasync per
// checkpoint; at 14,000 uplinks/s the remover and the checkpointer together took about 7.0 µs of
// CPU per uplink with a threshold of 2,000 pages, 5.8 with 6,000.
inline constexpr int wal_remover_finish_pages = 6'000;
inline constexpr int wal_uplink_finish_pages = 8'000;

class WalCheckpointer {
  public:
    using FailureHandler = std::function<void(const StoreFailure&)>;

    // Opens its own connection to `path`. `on_failure` is called on the checkpointer's thread.
    static auto start(const std::filesystem::path& path, std::chrono::milliseconds interval,
                      FailureHandler on_failure) -> StoreResult<std::unique_ptr<WalCheckpointer>>;

    WalCheckpointer(const WalCheckpointer&) = delete;
    auto operator=(const WalCheckpointer&) -> WalCheckpointer& = delete;
    // Stops at once, even inside a long interval: the thread's stop request wakes its wait.
    ~WalCheckpointer() = default;

    // Only start() can name the key: the constructor is public for std::make_unique alone.
    class Key {
        friend class WalCheckpointer;
        Key() = default;
    };
    WalCheckpointer(Key key, std::unique_ptr<Database> database, std::chrono::milliseconds interval,
                    FailureHandler on_failure);

  private:
    void run(const std::stop_token& stop);

    std::unique_ptr<Database> database_;
    std::chrono::milliseconds interval_;
    FailureHandler on_failure_;
    std::mutex mutex_;
    std::condition_variable_any wake_;  // stop requests
    std::jthread thread_;               // last: stopped and joined before the members it uses go
};

}  // namespace hortillon::storage
