#pragma once
// NewChannelReq / NewChannelAns (CID 0x07): the network creates, changes or (frequency 0)
// disables an uplink channel and its data-rate range. Regions with a fixed channel plan
// (US915) do not use it. LoRaWAN 1.1 and TS001-1.0.4, chapter 5.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// Downlink, 5 bytes:
//   byte  field      bits
//   0     ChIndex    channel index (the regional default channels cannot be changed)
//   1..3  Freq       LE24, units of 100 Hz; 0 disables the channel
//   4     DrRange    7:4 MaxDR, 3:0 MinDR
struct NewChannelReq {
    static constexpr Cid cid = Cid::new_channel;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    std::uint8_t ch_index = 0;
    std::uint32_t frequency = 0;  // Hz
    std::uint8_t max_dr = 0;      // 4 bits
    std::uint8_t min_dr = 0;      // 4 bits

    // Appends the payload (no CID) to `out`; data rates are cut to 4 bits and the frequency to
    // whole 100 Hz steps. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value. Cannot fail.
    static auto decode(PayloadView<size> payload) -> NewChannelReq;

    auto operator==(const NewChannelReq&) const -> bool = default;
};

// Uplink, 1 byte (Status):
//   bits 7:2 RFU, 1 DataRateRangeOK, 0 ChannelFrequencyOK
struct NewChannelAns {
    static constexpr Cid cid = Cid::new_channel;
    static constexpr Direction direction = Direction::uplink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    bool data_rate_range_ok = false;
    bool channel_frequency_ok = false;
    std::uint8_t rfu = 0;  // bits 7:2 as received, in place

    // Appends the payload (no CID) to `out`. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value, RFU bits are kept. Cannot fail.
    static auto decode(PayloadView<size> payload) -> NewChannelAns;

    auto operator==(const NewChannelAns&) const -> bool = default;
};

}  // namespace hortillon::lorawan
