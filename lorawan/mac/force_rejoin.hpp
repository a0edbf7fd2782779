#pragma once
// ForceRejoinReq (CID 0x0E, LoRaWAN 1.1 only, downlink only): the network asks the device to
// send Rejoin-requests. There is no answer; the Rejoin-request is the answer, so CID 0x0E is RFU
// in the uplink direction. RFU in 1.0.x. LoRaWAN 1.1, chapter 5.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// Downlink, 2 bytes, one LE16 word (ForceRejoinReq payload):
//   bits   field        meaning
//   15:14  RFU
//   13:11  Period       retransmission delay 32 s * 2^Period + random 0..32 s
//   10:8   Max_Retries  retransmissions after the first Rejoin-request (0 = none)
//   7      RFU
//   6:4    RejoinType   0 or 1: type 0 Rejoin-request; 2: type 2; others RFU
//   3:0    DR           data rate of the Rejoin-requests
struct ForceRejoinReq {
    static constexpr Cid cid = Cid::force_rejoin;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    std::uint8_t period = 0;       // 3 bits
    std::uint8_t max_retries = 0;  // 3 bits
    std::uint8_t rejoin_type = 0;  // 3 bits
    std::uint8_t data_rate = 0;    // DR, 4 bits
    std::uint16_t rfu = 0;         // bits 15:14 and 7 of the word as received, in place

    // Appends the payload (no CID) to `out`; each field is cut to its bit width. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value, RFU bits are kept. Cannot fail.
    static auto decode(PayloadView<size> payload) -> ForceRejoinReq;
    // The payload as the one LE16 word it is on air (how the store keeps a pending request).
    [[nodiscard]] auto to_word() const -> std::uint16_t;
    static auto from_word(std::uint16_t word) -> ForceRejoinReq;

    auto operator==(const ForceRejoinReq&) const -> bool = default;
};

}  // namespace hortillon::lorawan
