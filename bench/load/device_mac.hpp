#pragma once
// The MAC layer of the simulated ABP devices, as far as the server can tell: each device answers
// the requests of a downlink in the FOpts of its next uplink, accepting every request (LoRaWAN
// 1.0.x, TS001 chapter 5):
//
//   LinkADRReq        LinkADRAns, all three bits set; one per contiguous run of LinkADRReq
//   NewChannelReq     NewChannelAns, both bits set
//   DlChannelReq      DlChannelAns, both bits set
//   RXParamSetupReq   RXParamSetupAns, all three bits set
//   RXTimingSetupReq  RXTimingSetupAns       DutyCycleReq     DutyCycleAns
//   TxParamSetupReq   TxParamSetupAns        DevStatusReq     DevStatusAns (battery 200, margin 10)
//   LinkCheckAns, DeviceTimeAns: nothing to answer
//
// Simplification: the sticky answers (RXParamSetupAns, RXTimingSetupAns, DlChannelAns) go in one
// uplink only, where a device repeats them until it hears a downlink; the server accepts an
// answer once, and its own repeats stop when it has one.

#include <atomic>
#include <cstdint>
#include <mutex>
#include <span>
#include <vector>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/mac_commands.hpp"

namespace hortillon::bench {

// The answers a device that accepts everything gives to `requests`, in their order. Commands
// that need no answer, or that a 1.0.x class A device does not know, get none.
auto mac_answers_to(std::span<const lorawan::MacCommand> requests)
    -> std::vector<lorawan::MacCommand>;

// Counts of one scenario step; read them once the step has drained.
struct MacAnswerTally {
    std::atomic<std::uint64_t> requests{0};         // MAC commands received in verified downlinks
    std::atomic<std::uint64_t> answers_sent{0};     // answers that left in an uplink's FOpts
    std::atomic<std::uint64_t> answers_dropped{0};  // no room left in the 15 bytes of FOpts
    std::atomic<std::uint64_t> undecodable{0};      // downlinks whose commands did not all decode

    void reset();
};

// Answers waiting for each device's next uplink. The gateways' receiving thread queues them,
// the scenario's thread takes them when the device sends; both may run at once.
class MacAnswerQueue {
  public:
    explicit MacAnswerQueue(std::uint64_t devices);

    // Queues the answers to the commands of a verified downlink for `device`, behind those not
    // sent yet, as far as they fit in FOpts.
    void on_downlink(std::uint64_t device, const lorawan::MacCommands& commands);
    // The FOpts of `device`'s next uplink (at most 15 bytes), emptying its queue.
    auto take_f_opts(std::uint64_t device) -> lorawan::Bytes;

    [[nodiscard]] auto tally() -> MacAnswerTally& { return tally_; }

  private:
    std::mutex mutex_;
    std::vector<lorawan::Bytes> waiting_;  // encoded answers, per device
    MacAnswerTally tally_;
};

}  // namespace hortillon::bench
