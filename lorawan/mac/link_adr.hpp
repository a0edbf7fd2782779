#pragma once
// LinkADRReq / LinkADRAns (CID 0x03): the network sets data rate, TX power, enabled channels and
// repetitions; the device acknowledges each part. LoRaWAN 1.1 and TS001-1.0.4, chapter 5. What
// ChMaskCntl means is regional (EU868: 0 and 6; US915: 0..7), so it stays a plain number here.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// Downlink, 4 bytes:
//   byte  field             bits
//   0     DataRate_TXPower  7:4 DataRate, 3:0 TXPower
//   1..2  ChMask            LE16; bit n enables channel n of the block ChMaskCntl picks
//   3     Redundancy        7 RFU, 6:4 ChMaskCntl, 3:0 NbTrans
struct LinkAdrReq {
    static constexpr Cid cid = Cid::link_adr;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    std::uint8_t data_rate = 0;  // 4 bits; 15 = keep the current one (1.0.4)
    std::uint8_t tx_power = 0;   // 4 bits; 15 = keep the current one (1.0.4)
    std::uint16_t ch_mask = 0;
    std::uint8_t ch_mask_cntl = 0;  // 3 bits
    std::uint8_t nb_trans = 0;      // 4 bits; 0 = keep the current one
    std::uint8_t rfu = 0;           // Redundancy bit 7 as received, in place

    // Appends the payload (no CID) to `out`; each field is cut to its bit width. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value, RFU bits are kept. Cannot fail.
    static auto decode(PayloadView<size> payload) -> LinkAdrReq;

    auto operator==(const LinkAdrReq&) const -> bool = default;
};

// Uplink, 1 byte (Status):
//   bits 7:3 RFU, 2 PowerACK, 1 DataRateACK, 0 ChannelMaskACK
struct LinkAdrAns {
    static constexpr Cid cid = Cid::link_adr;
    static constexpr Direction direction = Direction::uplink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    bool power_ack = false;
    bool data_rate_ack = false;
    bool channel_mask_ack = false;
    std::uint8_t rfu = 0;  // bits 7:3 as received, in place

    // Appends the payload (no CID) to `out`. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value, RFU bits are kept. Cannot fail.
    static auto decode(PayloadView<size> payload) -> LinkAdrAns;

    auto operator==(const LinkAdrAns&) const -> bool = default;
};

}  // namespace hortillon::lorawan
