#pragma once
// Named event counters ("gw_datagram_bad_json", "gw_unknown_gateway", ...). One object is made
// at start-up and passed by reference to every component that counts: no global registry.
// Names come from the error tables (datagram_error.cpp, tx_ack.cpp, ...), so a drop's log line
// and its counter share one row.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace hortillon::telemetry {

// Thread-safe: the gateway bridge counts on its io_context thread while tests and exporters read
// from others. A counter exists once it has been incremented; unknown names read as 0.
class Counters {
  public:
    using Snapshot = std::map<std::string, std::uint64_t, std::less<>>;

    void increment(std::string_view name, std::uint64_t by = 1);
    [[nodiscard]] auto value(std::string_view name) const -> std::uint64_t;
    // A consistent copy of every counter, sorted by name.
    [[nodiscard]] auto snapshot() const -> Snapshot;

  private:
    mutable std::mutex mutex_;
    Snapshot values_;
};

}  // namespace hortillon::telemetry
