#pragma once
// A thread-safe queue for what a server hands to its callbacks: the server's thread puts, the
// test's thread takes with a deadline. Taking also orders memory, so counters read after a
// take see every increment the server made before the put.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace hortillon::test_support {

template <class T>
class Mailbox {
  public:
    void put(T value) {
        {
            std::scoped_lock lock(mutex_);
            items_.push_back(std::move(value));
        }
        arrived_.notify_all();
    }

    // The oldest item, waiting until `deadline` for one; nullopt if none came.
    auto take(std::chrono::steady_clock::time_point deadline) -> std::optional<T> {
        std::unique_lock lock(mutex_);
        if (!arrived_.wait_until(lock, deadline, [this] { return !items_.empty(); }))
            return std::nullopt;
        auto item = std::move(items_.front());
        items_.pop_front();
        return item;
    }

    [[nodiscard]] auto size() const -> std::size_t {
        std::scoped_lock lock(mutex_);
        return items_.size();
    }

  private:
    mutable std::mutex mutex_;
    std::condition_variable arrived_;
    std::deque<T> items_;
};

}  // namespace hortillon::test_support
