#pragma once
// DeviceTimeReq / DeviceTimeAns (CID 0x0D, 1.0.3+): the device asks for the network time; the
// answer is the GPS time at the end of the uplink that carried the request, to within 100 ms.
// The MAC handler computes it from the gateway receive time; this codec only carries it.
// LoRaWAN 1.1 and TS001-1.0.4, chapter 5.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// Uplink, no payload.
struct DeviceTimeReq {
    static constexpr Cid cid = Cid::device_time;
    static constexpr Direction direction = Direction::uplink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    // No payload: appends nothing. Cannot fail.
    void encode(Bytes& /*out*/) const {}
    // No payload to read. Cannot fail.
    static auto decode(PayloadView<size> /*payload*/) -> DeviceTimeReq { return {}; }

    auto operator==(const DeviceTimeReq&) const -> bool = default;
};

// Downlink, 5 bytes:
//   byte  field              meaning
//   0..3  Seconds            LE32, whole seconds since the GPS epoch (1980-01-06 00:00:00 UTC)
//   4     fractional-second  units of 1/256 s
struct DeviceTimeAns {
    static constexpr Cid cid = Cid::device_time;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    std::uint32_t seconds = 0;
    std::uint8_t fractional_second = 0;  // 1/256 s steps

    // Appends the payload (no CID) to `out`. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value. Cannot fail.
    static auto decode(PayloadView<size> payload) -> DeviceTimeAns;

    auto operator==(const DeviceTimeAns&) const -> bool = default;
};

}  // namespace hortillon::lorawan
