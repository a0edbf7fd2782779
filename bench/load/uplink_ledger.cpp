#include "bench/load/uplink_ledger.hpp"

#include <algorithm>

namespace hortillon::bench {

namespace {
auto nanoseconds_of(std::chrono::steady_clock::time_point when) -> std::int64_t {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(when.time_since_epoch()).count();
}

auto percentile(const std::vector<std::int64_t>& sorted, double fraction)
    -> std::chrono::microseconds {
    if (sorted.empty())
        return std::chrono::microseconds{0};
    const auto rank = static_cast<std::size_t>(fraction * static_cast<double>(sorted.size() - 1));
    return std::chrono::microseconds{sorted[rank] / 1000};
}
auto summarize_latencies(std::vector<std::int64_t>& nanoseconds) -> LatencySummary {
    std::sort(nanoseconds.begin(), nanoseconds.end());
    return LatencySummary{.p50 = percentile(nanoseconds, 0.50),
                          .p99 = percentile(nanoseconds, 0.99),
                          .max = percentile(nanoseconds, 1.0)};
}
}  // namespace

// Value-initialised: every counter starts at zero.
UplinkLedger::UplinkLedger(std::uint64_t capacity)
    : capacity_(capacity),
      entries_(std::make_unique<Entry[]>(capacity)),
      system_minus_steady_(std::chrono::system_clock::now().time_since_epoch() -
                           std::chrono::steady_clock::now().time_since_epoch()) {}

void UplinkLedger::record_sent(std::uint64_t uplink, std::chrono::steady_clock::time_point when) {
    entries_[uplink].sent_ns.store(nanoseconds_of(when), std::memory_order_release);
}

auto UplinkLedger::record_event(std::uint64_t uplink, std::chrono::steady_clock::time_point when,
                                std::optional<std::chrono::system_clock::time_point> built)
    -> bool {
    if (uplink >= capacity_ || entries_[uplink].sent_ns.load(std::memory_order_acquire) == 0)
        return false;
    Entry& entry = entries_[uplink];
    if (entry.events.fetch_add(1) == 0) {
        if (built) {
            const auto steady = built->time_since_epoch() - system_minus_steady_;
            entry.built_ns.store(
                std::chrono::duration_cast<std::chrono::nanoseconds>(steady).count(),
                std::memory_order_release);
        }
        entry.first_event_ns.store(nanoseconds_of(when), std::memory_order_release);
        ++delivered_;
    }
    return true;
}

auto UplinkLedger::summarize(std::uint64_t first, std::uint64_t count) const -> LedgerSummary {
    LedgerSummary summary;
    summary.sent = count;
    std::vector<std::int64_t> latencies;
    std::vector<std::int64_t> to_built;
    std::vector<std::int64_t> built_to_subscriber;
    latencies.reserve(count);
    for (std::uint64_t i = first; i < first + count && i < capacity_; ++i) {
        const Entry& entry = entries_[i];
        const auto events = entry.events.load();
        if (events == 0) {
            ++summary.lost;
            continue;
        }
        ++summary.delivered;
        summary.duplicated += events - 1;
        const auto sent = entry.sent_ns.load(std::memory_order_acquire);
        const auto arrived = entry.first_event_ns.load(std::memory_order_acquire);
        latencies.push_back(arrived - sent);
        if (const auto built = entry.built_ns.load(std::memory_order_acquire); built != 0) {
            to_built.push_back(built - sent);
            built_to_subscriber.push_back(arrived - built);
        }
    }
    summary.latency = summarize_latencies(latencies);
    summary.to_event_built = summarize_latencies(to_built);
    summary.event_built_to_subscriber = summarize_latencies(built_to_subscriber);
    return summary;
}

}  // namespace hortillon::bench
