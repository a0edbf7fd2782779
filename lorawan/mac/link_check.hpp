#pragma once
// LinkCheckReq / LinkCheckAns (CID 0x02): the device asks whether the network hears it; the
// answer gives the margin of the best gateway and how many gateways heard the request.
// LoRaWAN 1.1 and TS001-1.0.4, chapter 5.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// Uplink, no payload.
struct LinkCheckReq {
    static constexpr Cid cid = Cid::link_check;
    static constexpr Direction direction = Direction::uplink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    // No payload: appends nothing. Cannot fail.
    void encode(Bytes& /*out*/) const {}
    // No payload to read. Cannot fail.
    static auto decode(PayloadView<size> /*payload*/) -> LinkCheckReq { return {}; }

    auto operator==(const LinkCheckReq&) const -> bool = default;
};

// Downlink, 2 bytes:
//   byte  field   meaning
//   0     Margin  dB above the demodulation floor of the best gateway, 0..254 (255 reserved)
//   1     GwCnt   number of gateways that received the LinkCheckReq
struct LinkCheckAns {
    static constexpr Cid cid = Cid::link_check;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    std::uint8_t margin = 0;
    std::uint8_t gw_cnt = 0;

    // Appends the payload (no CID) to `out`. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value. Cannot fail.
    static auto decode(PayloadView<size> payload) -> LinkCheckAns;

    auto operator==(const LinkCheckAns&) const -> bool = default;
};

}  // namespace hortillon::lorawan
