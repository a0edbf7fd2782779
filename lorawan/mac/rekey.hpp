#pragma once
// RekeyInd / RekeyConf (CID 0x0B, LoRaWAN 1.1 only, OTAA devices): after a join the device
// announces its minor version until the network confirms it; this also confirms the new
// session keys. RFU in 1.0.x. LoRaWAN 1.1, chapter 5.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// Uplink, 1 byte (Dev LoRaWAN version):
//   bits 7:4 RFU, 3:0 Minor (1 = LoRaWAN 1.1)
struct RekeyInd {
    static constexpr Cid cid = Cid::rekey;
    static constexpr Direction direction = Direction::uplink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    std::uint8_t minor = 0;  // 4 bits
    std::uint8_t rfu = 0;    // bits 7:4 as received, in place

    // Appends the payload (no CID) to `out`; minor is cut to 4 bits. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value, RFU bits are kept. Cannot fail.
    static auto decode(PayloadView<size> payload) -> RekeyInd;

    auto operator==(const RekeyInd&) const -> bool = default;
};

// Downlink, 1 byte (Serv LoRaWAN version): same layout as RekeyInd.
struct RekeyConf {
    static constexpr Cid cid = Cid::rekey;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    std::uint8_t minor = 0;  // 4 bits
    std::uint8_t rfu = 0;    // bits 7:4 as received, in place

    // Appends the payload (no CID) to `out`; minor is cut to 4 bits. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value, RFU bits are kept. Cannot fail.
    static auto decode(PayloadView<size> payload) -> RekeyConf;

    auto operator==(const RekeyConf&) const -> bool = default;
};

}  // namespace hortillon::lorawan
