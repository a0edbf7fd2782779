#pragma once
// PingSlotChannelReq / PingSlotChannelAns (CID 0x11, class B): the network moves the ping-slot
// frequency and data rate. The class B chapter of LoRaWAN 1.1 and TS001-1.0.4.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// Downlink, 4 bytes:
//   byte  field      bits
//   0..2  Frequency  LE24, units of 100 Hz; 0 restores the regional default (hopping)
//   3     DR         7:4 RFU, 3:0 data rate
struct PingSlotChannelReq {
    static constexpr Cid cid = Cid::ping_slot_channel;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    std::uint32_t frequency = 0;  // Hz
    std::uint8_t data_rate = 0;   // 4 bits
    std::uint8_t rfu = 0;         // byte 3 bits 7:4 as received, in place

    // Appends the payload (no CID) to `out`; data_rate is cut to 4 bits and the frequency to
    // whole 100 Hz steps. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value, RFU bits are kept. Cannot fail.
    static auto decode(PayloadView<size> payload) -> PingSlotChannelReq;

    auto operator==(const PingSlotChannelReq&) const -> bool = default;
};

// Uplink, 1 byte (Status):
//   bits 7:2 RFU, 1 DataRateOK, 0 ChannelFrequencyOK
struct PingSlotChannelAns {
    static constexpr Cid cid = Cid::ping_slot_channel;
    static constexpr Direction direction = Direction::uplink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    bool data_rate_ok = false;
    bool channel_frequency_ok = false;
    std::uint8_t rfu = 0;  // bits 7:2 as received, in place

    // Appends the payload (no CID) to `out`. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value, RFU bits are kept. Cannot fail.
    static auto decode(PayloadView<size> payload) -> PingSlotChannelAns;

    auto operator==(const PingSlotChannelAns&) const -> bool = default;
};

}  // namespace hortillon::lorawan
