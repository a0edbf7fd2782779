#pragma once
// RejoinParamSetupReq / RejoinParamSetupAns (CID 0x0F, LoRaWAN 1.1 only): the network asks the
// device to send a type 0 Rejoin-request at least every 2^(MaxCountN+4) uplinks or every
// 2^(MaxTimeN+10) seconds. RFU in 1.0.x. LoRaWAN 1.1, chapter 5.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// Downlink, 1 byte (RejoinParamSetupReq payload):
//   bits 7:4 MaxTimeN, 3:0 MaxCountN
struct RejoinParamSetupReq {
    static constexpr Cid cid = Cid::rejoin_param_setup;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    std::uint8_t max_time_n = 0;   // 4 bits
    std::uint8_t max_count_n = 0;  // 4 bits

    // Appends the payload (no CID) to `out`; both fields are cut to 4 bits. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value. Cannot fail.
    static auto decode(PayloadView<size> payload) -> RejoinParamSetupReq;

    auto operator==(const RejoinParamSetupReq&) const -> bool = default;
};

// Uplink, 1 byte (Status):
//   bits 7:1 RFU, 0 TimeOK (0: the device has no clock and uses only MaxCountN)
struct RejoinParamSetupAns {
    static constexpr Cid cid = Cid::rejoin_param_setup;
    static constexpr Direction direction = Direction::uplink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    bool time_ok = false;
    std::uint8_t rfu = 0;  // bits 7:1 as received, in place

    // Appends the payload (no CID) to `out`. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value, RFU bits are kept. Cannot fail.
    static auto decode(PayloadView<size> payload) -> RejoinParamSetupAns;

    auto operator==(const RejoinParamSetupAns&) const -> bool = default;
};

}  // namespace hortillon::lorawan
