#pragma once
// Which PULL_RESPs the load generator waits for, and how each one that arrives is judged.
//
// When a confirmed uplink or a join-request leaves, every gateway that "heard" it registers the
// two class A answers the server may send it: RX1 at rx tmst + delay, RX2 one second later.
// A PULL_RESP is matched by (gateway, txpk tmst); it is in time when it arrives at least
// 32.5 ms before that tmst, the margin below which lora_pkt_fwd refuses with TOO_LATE. The
// verdict is what the gateway would answer in its TX_ACK.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "gateway-bridge/downlink_frame.hpp"
#include "gateway-bridge/gateway_timestamp.hpp"

namespace hortillon::bench {

using namespace std::chrono_literals;

inline constexpr std::chrono::microseconds too_late_margin = 32'500us;

enum class ReceiveWindow : std::uint8_t { rx1, rx2 };

// The counts of one scenario step; read them once the step has drained.
struct DownlinkTally {
    std::atomic<std::uint64_t> expected{0};     // uplinks that must be answered
    std::atomic<std::uint64_t> rx1_in_time{0};  // answered in RX1, early enough
    std::atomic<std::uint64_t> rx2_in_time{
        0};                                    // answered in RX2 (after RX1 was refused or skipped)
    std::atomic<std::uint64_t> too_late{0};    // matched a window, but arrived too late
    std::atomic<std::uint64_t> not_answer{0};  // matched, verifies, but is not the answer
                                               // (a data downlink without the ACK bit)
    std::atomic<std::uint64_t> bad_frame{0};   // matched, but the frame does not verify
    std::atomic<std::uint64_t> unmatched{0};   // no window of ours has that tmst

    void reset();
    [[nodiscard]] auto answered_in_time() const -> std::uint64_t {
        return rx1_in_time + rx2_in_time;
    }
};

// What a downlink's PHYPayload is to the device that sent the uplink it answers.
enum class FrameVerdict : std::uint8_t {
    answer,         // what the uplink waits for (an ACK, a join-accept), and it verifies
    not_an_answer,  // it verifies, but is something else (MAC commands without the ACK bit)
    other_device,   // it verifies for another device: the answer to another uplink whose
                    // window falls on the same tmst (RX1 of one, RX2 of another)
    not_verifying,  // its MIC does not verify for the device it is addressed to
};
using FrameCheck =
    std::function<FrameVerdict(std::uint64_t uplink_id, lorawan::ByteView phy_payload)>;

class DownlinkExpectations {
  public:
    DownlinkExpectations(std::chrono::microseconds rx1_delay, FrameCheck check);

    // An uplink heard by `gateway` at `rx_tmst` must be answered; call once per uplink with
    // `first_copy` true, and for each further gateway that heard it with false.
    void expect(std::size_t gateway, gateway_bridge::GatewayTimestamp rx_tmst,
                std::uint64_t uplink_id, bool first_copy);

    // Judges a PULL_RESP that arrived at gateway counter `now`. Returns the TX_ACK error a
    // gateway would send ("TOO_LATE"), or nullopt for success. Thread-safe.
    auto judge(std::size_t gateway, const gateway_bridge::DownlinkFrame& frame,
               gateway_bridge::GatewayTimestamp now) -> std::optional<std::string_view>;

    [[nodiscard]] auto tally() -> DownlinkTally& { return tally_; }
    // Forgets the windows of the previous step and zeroes the tally.
    void reset();

  private:
    struct Window {
        std::uint64_t uplink_id = 0;
        ReceiveWindow window = ReceiveWindow::rx1;
    };
    static auto key(std::size_t gateway, std::uint32_t tmst) -> std::uint64_t {
        return (static_cast<std::uint64_t>(gateway) << 32) | tmst;
    }

    std::chrono::microseconds rx1_delay_;
    FrameCheck check_;
    std::mutex mutex_;
    std::unordered_map<std::uint64_t, Window> windows_;
    std::unordered_set<std::uint64_t> answered_;  // uplink ids already answered in time
    DownlinkTally tally_;
};

}  // namespace hortillon::bench
