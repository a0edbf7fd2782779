#pragma once
// TxParamSetupReq / TxParamSetupAns (CID 0x09, 1.0.2+): the network sets dwell-time limits and
// the maximum EIRP, in regions that implement it (AS923; not EU868 or US915). In 1.0.4 the
// answer is sticky like RXParamSetupAns. LoRaWAN 1.1 and TS001-1.0.4, chapter 5.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// Downlink, 1 byte (EIRP_DwellTime):
//   bits 7:6 RFU, 5 DownlinkDwellTime, 4 UplinkDwellTime (1 = 400 ms limit), 3:0 MaxEIRP
//   MaxEIRP indexes 8, 10, 12, 13, 14, 16, 18, 20, 21, 24, 26, 27, 29, 30, 33, 36 dBm.
struct TxParamSetupReq {
    static constexpr Cid cid = Cid::tx_param_setup;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    bool downlink_dwell_time = false;
    bool uplink_dwell_time = false;
    std::uint8_t max_eirp = 0;  // 4-bit index into the table above
    std::uint8_t rfu = 0;       // bits 7:6 as received, in place

    // Appends the payload (no CID) to `out`; max_eirp is cut to 4 bits. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value, RFU bits are kept. Cannot fail.
    static auto decode(PayloadView<size> payload) -> TxParamSetupReq;

    auto operator==(const TxParamSetupReq&) const -> bool = default;
};

// Uplink, no payload.
struct TxParamSetupAns {
    static constexpr Cid cid = Cid::tx_param_setup;
    static constexpr Direction direction = Direction::uplink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    // No payload: appends nothing. Cannot fail.
    void encode(Bytes& /*out*/) const {}
    // No payload to read. Cannot fail.
    static auto decode(PayloadView<size> /*payload*/) -> TxParamSetupAns { return {}; }

    auto operator==(const TxParamSetupAns&) const -> bool = default;
};

}  // namespace hortillon::lorawan
