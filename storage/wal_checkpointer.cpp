#include "storage/wal_checkpointer.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

namespace hortillon::storage {

auto WalCheckpointer::start(const std::filesystem::path& path, std::chrono::milliseconds interval,
                            FailureHandler on_failure)
    -> StoreResult<std::unique_ptr<WalCheckpointer>> {
    // Its own commits are none; the threshold only matters for the connections that write.
    auto database = Database::open(path, DatabaseOptions{.wal_autocheckpoint_pages = 0});
    if (!database)
        return Unexpected{database.error()};
    return std::make_unique<WalCheckpointer>(Key{}, std::move(*database), interval,
                                             std::move(on_failure));
}

WalCheckpointer::WalCheckpointer(Key /*key*/, std::unique_ptr<Database> database,
                                 std::chrono::milliseconds interval, FailureHandler on_failure)
    : database_(std::move(database)),
      interval_(interval),
      on_failure_(std::move(on_failure)),
      thread_([this](const std::stop_token& stop) { run(stop); }) {}

void WalCheckpointer::run(const std::stop_token& stop) {
    // A low priority (this thread only): its copying yields to uplinks and events, yet still
    // gets a share on busy cores (at the lowest it starved, and the connections' own
    // checkpoints skip while it holds the checkpoint lock). Not being able to lower it is
    // harmless.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
    auto pause = interval_;
    int last_wal_frames = -1;
    while (true) {
        {
            std::unique_lock lock(mutex_);
            if (wake_.wait_for(lock, stop, pause, [] { return false; }); stop.stop_requested())
                return;
        }
        auto done = database_->checkpoint();
        if (!done && on_failure_)
            on_failure_(done.error());
        // A WAL that did not move since the last round: the server is idle, so wake less often
        // (up to 16 intervals); the first round that finds new frames returns to the interval.
        const int wal_frames = done ? *done : -1;
        pause = wal_frames == last_wal_frames ? std::min(pause * 2, interval_ * 16) : interval_;
        last_wal_frames = wal_frames;
    }
}

}  // namespace hortillon::storage
