#pragma once
// DutyCycleReq / DutyCycleAns (CID 0x04): the network caps the device's aggregated transmit
// duty cycle at 1 / 2^MaxDCycle. LoRaWAN 1.1 and TS001-1.0.4, chapter 5.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// Downlink, 1 byte (DutyCyclePL):
//   bits 7:4 RFU, 3:0 MaxDCycle (0 = no limit beyond the regional one)
struct DutyCycleReq {
    static constexpr Cid cid = Cid::duty_cycle;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    std::uint8_t max_d_cycle = 0;  // MaxDCycle, 4 bits
    std::uint8_t rfu = 0;          // bits 7:4 as received, in place

    // Appends the payload (no CID) to `out`; max_d_cycle is cut to 4 bits. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value, RFU bits are kept. Cannot fail.
    static auto decode(PayloadView<size> payload) -> DutyCycleReq;

    auto operator==(const DutyCycleReq&) const -> bool = default;
};

// Uplink, no payload.
struct DutyCycleAns {
    static constexpr Cid cid = Cid::duty_cycle;
    static constexpr Direction direction = Direction::uplink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    // No payload: appends nothing. Cannot fail.
    void encode(Bytes& /*out*/) const {}
    // No payload to read. Cannot fail.
    static auto decode(PayloadView<size> /*payload*/) -> DutyCycleAns { return {}; }

    auto operator==(const DutyCycleAns&) const -> bool = default;
};

}  // namespace hortillon::lorawan
