#pragma once
// BeaconFreqReq / BeaconFreqAns (CID 0x13, class B): the network moves the frequency on which
// the device listens for beacons. The class B chapter of LoRaWAN 1.1 and TS001-1.0.4.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// Downlink, 3 bytes:
//   byte  field      meaning
//   0..2  Frequency  LE24, units of 100 Hz; 0 restores the regional default (hopping)
struct BeaconFreqReq {
    static constexpr Cid cid = Cid::beacon_freq;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    std::uint32_t frequency = 0;  // Hz

    // Appends the payload (no CID) to `out`; the frequency is cut to whole 100 Hz steps.
    // Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value. Cannot fail.
    static auto decode(PayloadView<size> payload) -> BeaconFreqReq;

    auto operator==(const BeaconFreqReq&) const -> bool = default;
};

// Uplink, 1 byte (Status):
//   bits 7:1 RFU, 0 BeaconFrequencyOK
struct BeaconFreqAns {
    static constexpr Cid cid = Cid::beacon_freq;
    static constexpr Direction direction = Direction::uplink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    bool beacon_frequency_ok = false;
    std::uint8_t rfu = 0;  // bits 7:1 as received, in place

    // Appends the payload (no CID) to `out`. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value, RFU bits are kept. Cannot fail.
    static auto decode(PayloadView<size> payload) -> BeaconFreqAns;

    auto operator==(const BeaconFreqAns&) const -> bool = default;
};

}  // namespace hortillon::lorawan
