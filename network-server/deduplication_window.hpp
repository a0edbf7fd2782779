#pragma once
// Collects the copies of one uplink that several gateways (or one gateway on several channels)
// hear, for a fixed window after the first copy, and releases them as one uplink.
//
// States of one PHYPayload:  open (collecting, until first + window) -> released (delivered once;
// remembered for `late_copy_memory` so that late copies are dropped, not delivered again).
// The window is driven by the caller's clock: `next_deadline()` tells when to call
// `on_deadline(now)`; nothing here reads a clock or sleeps.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gateway-bridge/uplink_frame.hpp"

namespace hortillon::network_server {

using SteadyTime = std::chrono::steady_clock::time_point;

// One uplink as heard by every gateway that reported it within the window.
struct CollectedUplink {
    lorawan::Bytes phy_payload;
    gateway_bridge::UplinkTxInfo tx_info;                // from the first copy
    std::vector<gateway_bridge::UplinkRxInfo> rx_infos;  // one per gateway, in arrival order
    SteadyTime first_seen;
};

struct DeduplicationSettings {
    std::chrono::milliseconds window{200};
    // How long a released frame is remembered to drop late copies. Shorter than the earliest
    // NbTrans retransmission (after RX2), which must reach the uplink flow to be acknowledged.
    std::chrono::milliseconds late_copy_memory{1500};
    std::size_t capacity = 100'000;  // open uplinks at most
};

enum class CopyOutcome {
    first_copy,    // opened a new uplink; a deadline was added
    added,         // another gateway's copy, joined to the open uplink
    same_gateway,  // a second copy from a gateway already in the uplink (kept the stronger)
    late_copy,     // the uplink was already released: dropped
    window_full,   // capacity reached: dropped (the caller logs and counts it)
};

class DeduplicationWindow {
  public:
    explicit DeduplicationWindow(DeduplicationSettings settings) : settings_(settings) {}
    // The queues point into the map's nodes: a copy would point into the original's.
    DeduplicationWindow(const DeduplicationWindow&) = delete;
    auto operator=(const DeduplicationWindow&) -> DeduplicationWindow& = delete;
    DeduplicationWindow(DeduplicationWindow&&) noexcept = default;
    auto operator=(DeduplicationWindow&&) noexcept -> DeduplicationWindow& = default;

    // Adds one received copy at `now`.
    auto add(gateway_bridge::UplinkFrame frame, SteadyTime now) -> CopyOutcome;

    // When the earliest open uplink is due, or nullopt when nothing is open.
    [[nodiscard]] auto next_deadline() const -> std::optional<SteadyTime>;

    // Releases the uplinks whose window has closed by `now`, oldest first, at most `limit` of
    // them. The others stay open and due (next_deadline() is then not after `now`), so the
    // caller may read more datagrams before the next call; a copy arriving meanwhile still
    // joins its uplink.
    auto on_deadline(SteadyTime now, std::size_t limit = std::numeric_limits<std::size_t>::max())
        -> std::vector<CollectedUplink>;
    // Releases every open uplink at `now`, due or not, oldest first: for a shutdown, which
    // would rather handle an uplink without its late copies than lose it.
    auto close_all(SteadyTime now) -> std::vector<CollectedUplink>;

    [[nodiscard]] auto open_count() const -> std::size_t { return open_order_.size(); }

  private:
    // One map for every frame, open or released: a copy costs one lookup, and releasing or
    // forgetting a frame changes its entry in place instead of moving it between maps. Frames are
    // looked up by a view of their bytes: the key string is made once per uplink.
    struct KeyHash {
        using is_transparent = void;
        auto operator()(std::string_view key) const -> std::size_t {
            return std::hash<std::string_view>{}(key);
        }
    };
    struct Entry {
        bool released = false;
        CollectedUplink uplink;  // while open; moved out when released
        SteadyTime forget_at;    // once released
    };
    using Frames = std::unordered_map<std::string, Entry, KeyHash, std::equal_to<>>;
    using Node = Frames::value_type;  // nodes of an unordered_map do not move

    enum class Which : std::uint8_t { due, all };
    auto release(SteadyTime now, std::size_t limit, Which which) -> std::vector<CollectedUplink>;
    void forget_released(SteadyTime now);

    DeduplicationSettings settings_;
    Frames frames_;
    std::deque<Node*> open_order_;      // open frames by first_seen: windows are all as long
    std::deque<Node*> released_order_;  // released frames by forget_at
};

}  // namespace hortillon::network_server
