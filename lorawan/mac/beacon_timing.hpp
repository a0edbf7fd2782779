#pragma once
// BeaconTimingReq / BeaconTimingAns (CID 0x12, class B): the device asks when the next beacon
// comes. Deprecated in TS001-1.0.4 and LoRaWAN 1.1 in favour of DeviceTimeReq, but 1.0.2 and
// 1.0.3 class B devices still send it, so it is decoded. LoRaWAN 1.0.2 class B chapter.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// Uplink, no payload.
struct BeaconTimingReq {
    static constexpr Cid cid = Cid::beacon_timing;
    static constexpr Direction direction = Direction::uplink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    // No payload: appends nothing. Cannot fail.
    void encode(Bytes& /*out*/) const {}
    // No payload to read. Cannot fail.
    static auto decode(PayloadView<size> /*payload*/) -> BeaconTimingReq { return {}; }

    auto operator==(const BeaconTimingReq&) const -> bool = default;
};

// Downlink, 3 bytes:
//   byte  field    meaning
//   0..1  Delay    LE16, time to the next beacon in 30 ms units
//   2     Channel  index of the beacon channel (0 where the region has a single one)
struct BeaconTimingAns {
    static constexpr Cid cid = Cid::beacon_timing;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    std::uint16_t delay = 0;  // 30 ms units
    std::uint8_t channel = 0;

    // Appends the payload (no CID) to `out`. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value. Cannot fail.
    static auto decode(PayloadView<size> payload) -> BeaconTimingAns;

    auto operator==(const BeaconTimingAns&) const -> bool = default;
};

}  // namespace hortillon::lorawan
