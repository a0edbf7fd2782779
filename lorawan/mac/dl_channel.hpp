#pragma once
// DlChannelReq / DlChannelAns (CID 0x0A, 1.0.2+): the network moves the RX1 downlink frequency
// of one uplink channel. The answer is sticky like RXParamSetupAns. LoRaWAN 1.1 and
// TS001-1.0.4, chapter 5.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// Downlink, 4 bytes:
//   byte  field    bits
//   0     ChIndex  uplink channel index
//   1..3  Freq     LE24, units of 100 Hz (RX1 frequency for that channel)
struct DlChannelReq {
    static constexpr Cid cid = Cid::dl_channel;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    std::uint8_t ch_index = 0;
    std::uint32_t frequency = 0;  // Hz

    // Appends the payload (no CID) to `out`; the frequency is cut to whole 100 Hz steps.
    // Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value. Cannot fail.
    static auto decode(PayloadView<size> payload) -> DlChannelReq;

    auto operator==(const DlChannelReq&) const -> bool = default;
};

// Uplink, 1 byte (Status):
//   bits 7:2 RFU, 1 UplinkFrequencyExists, 0 ChannelFrequencyOK
struct DlChannelAns {
    static constexpr Cid cid = Cid::dl_channel;
    static constexpr Direction direction = Direction::uplink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    bool uplink_frequency_exists = false;
    bool channel_frequency_ok = false;
    std::uint8_t rfu = 0;  // bits 7:2 as received, in place

    // Appends the payload (no CID) to `out`. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value, RFU bits are kept. Cannot fail.
    static auto decode(PayloadView<size> payload) -> DlChannelAns;

    auto operator==(const DlChannelAns&) const -> bool = default;
};

}  // namespace hortillon::lorawan
