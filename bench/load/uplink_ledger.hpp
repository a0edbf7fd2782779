#pragma once
// What happened to each uplink of one scenario step: when its first PUSH_DATA copy left, and
// how many `up` events arrived for it, the first at what time. Uplink n of a run is device
// n mod D with FCnt n div D (the devices take turns), so an event's DevEUI and fCnt name its
// uplink without a lookup table. Written by the sender and by the MQTT thread; read once the
// step has drained. Sized once for the whole run, so that no late event races a reallocation.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace hortillon::bench {

struct LatencySummary {
    std::chrono::microseconds p50{0};
    std::chrono::microseconds p99{0};
    std::chrono::microseconds max{0};
};

struct LedgerSummary {
    std::uint64_t sent = 0;
    std::uint64_t delivered = 0;   // at least one event
    std::uint64_t lost = 0;        // no event
    std::uint64_t duplicated = 0;  // events beyond the first, summed
    LatencySummary latency;        // first PUSH_DATA copy -> first event, delivered only
    // The same latency split at the event's own `time` (when the application server built it):
    // network and application server up to the outbox, then outbox publisher and broker.
    LatencySummary to_event_built;
    LatencySummary event_built_to_subscriber;
};

class UplinkLedger {
  public:
    // Room for uplinks [0, capacity).
    explicit UplinkLedger(std::uint64_t capacity);

    [[nodiscard]] auto capacity() const -> std::uint64_t { return capacity_; }
    void record_sent(std::uint64_t uplink, std::chrono::steady_clock::time_point when);
    // `built` is the event's `time` field, when the server made it. Returns false for an uplink
    // that was never sent (a foreign event).
    auto record_event(std::uint64_t uplink, std::chrono::steady_clock::time_point when,
                      std::optional<std::chrono::system_clock::time_point> built) -> bool;

    // Uplinks with at least one event, over the whole run.
    [[nodiscard]] auto delivered() const -> std::uint64_t { return delivered_; }
    // Over uplinks [first, first + count), which must all have been sent.
    [[nodiscard]] auto summarize(std::uint64_t first, std::uint64_t count) const -> LedgerSummary;

  private:
    struct Entry {
        std::atomic<std::int64_t> sent_ns{0};
        std::atomic<std::int64_t> first_event_ns{0};
        std::atomic<std::int64_t> built_ns{0};  // steady-clock ns; 0 when unknown
        std::atomic<std::uint32_t> events{0};
    };

    std::uint64_t capacity_;
    std::unique_ptr<Entry[]> entries_;
    // system_clock - steady_clock, taken once: turns an event's UTC `time` into steady time
    // (both clocks run on this machine, and a run is too short for them to drift apart).
    std::chrono::nanoseconds system_minus_steady_;
    std::atomic<std::uint64_t> delivered_{0};
};

}  // namespace hortillon::bench
