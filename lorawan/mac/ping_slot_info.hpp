#pragma once
// PingSlotInfoReq / PingSlotInfoAns (CID 0x10, class B): the device tells the network how often
// it opens ping slots. The class B chapter of LoRaWAN 1.1 and TS001-1.0.4.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// Uplink, 1 byte (PingSlotParam), the LoRaWAN 1.0.4 and 1.1 layout:
//   bits 7:3 RFU, 2:0 Periodicity (a ping slot every 2^Periodicity s, 2^(7-Periodicity) slots
//   per 128 s beacon period)
// LoRaWAN 1.0.2 used bits 6:4 for Periodicity and 3:0 for the ping-slot data rate; that layout
// is not decoded here. A 1.0.2 device's value lands in `rfu` and `periodicity` reads its low data
// rate bits, so a handler for 1.0.2 class B devices must re-read the raw byte.
struct PingSlotInfoReq {
    static constexpr Cid cid = Cid::ping_slot_info;
    static constexpr Direction direction = Direction::uplink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    std::uint8_t periodicity = 0;  // 3 bits
    std::uint8_t rfu = 0;          // bits 7:3 as received, in place

    // Appends the payload (no CID) to `out`; periodicity is cut to 3 bits. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value, RFU bits are kept. Cannot fail.
    static auto decode(PayloadView<size> payload) -> PingSlotInfoReq;

    auto operator==(const PingSlotInfoReq&) const -> bool = default;
};

// Downlink, no payload.
struct PingSlotInfoAns {
    static constexpr Cid cid = Cid::ping_slot_info;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    // No payload: appends nothing. Cannot fail.
    void encode(Bytes& /*out*/) const {}
    // No payload to read. Cannot fail.
    static auto decode(PayloadView<size> /*payload*/) -> PingSlotInfoAns { return {}; }

    auto operator==(const PingSlotInfoAns&) const -> bool = default;
};

}  // namespace hortillon::lorawan
