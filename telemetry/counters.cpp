#include "telemetry/counters.hpp"

namespace hortillon::telemetry {

void Counters::increment(std::string_view name, std::uint64_t by) {
    std::scoped_lock lock(mutex_);
    // Heterogeneous lookup first, so that the common case allocates no key string.
    if (auto found = values_.find(name); found != values_.end()) {
        found->second += by;
        return;
    }
    values_.emplace(std::string(name), by);
}

auto Counters::value(std::string_view name) const -> std::uint64_t {
    std::scoped_lock lock(mutex_);
    auto found = values_.find(name);
    return found == values_.end() ? 0 : found->second;
}

auto Counters::snapshot() const -> Snapshot {
    std::scoped_lock lock(mutex_);
    return values_;
}

}  // namespace hortillon::telemetry
