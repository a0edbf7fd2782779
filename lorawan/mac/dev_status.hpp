#pragma once
// DevStatusReq / DevStatusAns (CID 0x06): the network asks for battery level and the downlink
// SNR margin the device measured. LoRaWAN 1.1 and TS001-1.0.4, chapter 5.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// Downlink, no payload.
struct DevStatusReq {
    static constexpr Cid cid = Cid::dev_status;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    // No payload: appends nothing. Cannot fail.
    void encode(Bytes& /*out*/) const {}
    // No payload to read. Cannot fail.
    static auto decode(PayloadView<size> /*payload*/) -> DevStatusReq { return {}; }

    auto operator==(const DevStatusReq&) const -> bool = default;
};

// Uplink, 2 bytes:
//   byte  field    bits
//   0     Battery  0 = external power, 1..254 = level, 255 = cannot measure
//   1     Margin   7:6 RFU, 5:0 SNR in dB, signed 6-bit (-32..31)
struct DevStatusAns {
    static constexpr Cid cid = Cid::dev_status;
    static constexpr Direction direction = Direction::uplink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    std::uint8_t battery = 0;
    std::int8_t margin = 0;  // -32..31 dB
    std::uint8_t rfu = 0;    // byte 1 bits 7:6 as received, in place

    // Appends the payload (no CID) to `out`; a margin outside -32..31 wraps into 6 bits.
    // Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload and sign-extends the margin. Every bit pattern is a value. Cannot fail.
    static auto decode(PayloadView<size> payload) -> DevStatusAns;

    auto operator==(const DevStatusAns&) const -> bool = default;
};

}  // namespace hortillon::lorawan
