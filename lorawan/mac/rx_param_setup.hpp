#pragma once
// RXParamSetupReq / RXParamSetupAns (CID 0x05): the network moves the RX2 window (frequency and
// data rate) and sets the RX1 data-rate offset. The answer is sticky: the device repeats it in
// every uplink until it receives a class A downlink. LoRaWAN 1.1 and TS001-1.0.4, chapter 5.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// Downlink, 4 bytes:
//   byte  field       bits
//   0     DLsettings  7 RFU, 6:4 RX1DROffset, 3:0 RX2DataRate
//   1..3  Frequency   LE24, units of 100 Hz (RX2 frequency)
struct RxParamSetupReq {
    static constexpr Cid cid = Cid::rx_param_setup;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    std::uint8_t rx1_dr_offset = 0;  // 3 bits
    std::uint8_t rx2_data_rate = 0;  // 4 bits
    std::uint32_t frequency = 0;     // Hz
    std::uint8_t rfu = 0;            // DLsettings bit 7 as received, in place

    // Appends the payload (no CID) to `out`; fields are cut to their bit widths and the
    // frequency to whole 100 Hz steps. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value, RFU bits are kept. Cannot fail.
    static auto decode(PayloadView<size> payload) -> RxParamSetupReq;

    auto operator==(const RxParamSetupReq&) const -> bool = default;
};

// Uplink, 1 byte (Status):
//   bits 7:3 RFU, 2 RX1DROffsetACK, 1 RX2DataRateACK, 0 ChannelACK
struct RxParamSetupAns {
    static constexpr Cid cid = Cid::rx_param_setup;
    static constexpr Direction direction = Direction::uplink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    bool rx1_dr_offset_ack = false;
    bool rx2_data_rate_ack = false;
    bool channel_ack = false;
    std::uint8_t rfu = 0;  // bits 7:3 as received, in place

    // Appends the payload (no CID) to `out`. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value, RFU bits are kept. Cannot fail.
    static auto decode(PayloadView<size> payload) -> RxParamSetupAns;

    auto operator==(const RxParamSetupAns&) const -> bool = default;
};

}  // namespace hortillon::lorawan
