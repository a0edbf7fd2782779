#pragma once
// RXTimingSetupReq / RXTimingSetupAns (CID 0x08): the network sets the delay between the end of
// an uplink and the RX1 window. The answer is sticky like RXParamSetupAns. LoRaWAN 1.1 and
// TS001-1.0.4, chapter 5.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// Downlink, 1 byte (Settings):
//   bits 7:4 RFU, 3:0 Del (0 and 1 mean 1 s, n means n s; RX2 opens one second later)
struct RxTimingSetupReq {
    static constexpr Cid cid = Cid::rx_timing_setup;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    std::uint8_t del = 0;  // Del, 4 bits, seconds
    std::uint8_t rfu = 0;  // bits 7:4 as received, in place

    // Appends the payload (no CID) to `out`; del is cut to 4 bits. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value, RFU bits are kept. Cannot fail.
    static auto decode(PayloadView<size> payload) -> RxTimingSetupReq;

    auto operator==(const RxTimingSetupReq&) const -> bool = default;
};

// Uplink, no payload.
struct RxTimingSetupAns {
    static constexpr Cid cid = Cid::rx_timing_setup;
    static constexpr Direction direction = Direction::uplink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    // No payload: appends nothing. Cannot fail.
    void encode(Bytes& /*out*/) const {}
    // No payload to read. Cannot fail.
    static auto decode(PayloadView<size> /*payload*/) -> RxTimingSetupAns { return {}; }

    auto operator==(const RxTimingSetupAns&) const -> bool = default;
};

}  // namespace hortillon::lorawan
