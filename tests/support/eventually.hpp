#pragma once
// Deadlines and polling for conditions that other threads or processes make true.

#include <chrono>
#include <thread>

namespace hortillon::test_support {

using Clock = std::chrono::steady_clock;

// A deadline `timeout` from now: `sim.pull_data(within(2s))`.
inline auto within(Clock::duration timeout) -> Clock::time_point {
    return Clock::now() + timeout;
}

// Long enough for a loaded CI machine, short enough that a hung test fails quickly.
inline constexpr std::chrono::seconds default_timeout{5};

// Polls `condition` until it holds or `timeout` passes; returns its last value.
template <class Condition>
auto eventually(Condition condition, Clock::duration timeout = default_timeout) -> bool {
    const auto deadline = within(timeout);
    while (!condition()) {
        if (Clock::now() > deadline)
            return condition();
        std::this_thread::sleep_for(std::chrono::milliseconds{10});
    }
    return true;
}

}  // namespace hortillon::test_support
