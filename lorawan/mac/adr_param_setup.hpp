#pragma once
// ADRParamSetupReq / ADRParamSetupAns (CID 0x0C, LoRaWAN 1.1 only): the network sets the ADR
// back-off constants ADR_ACK_LIMIT = 2^Limit_exp and ADR_ACK_DELAY = 2^Delay_exp. RFU in
// 1.0.x. LoRaWAN 1.1, chapter 5.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// Downlink, 1 byte (ADRparam):
//   bits 7:4 Limit_exp, 3:0 Delay_exp
struct AdrParamSetupReq {
    static constexpr Cid cid = Cid::adr_param_setup;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    std::uint8_t limit_exp = 0;  // 4 bits
    std::uint8_t delay_exp = 0;  // 4 bits

    // Appends the payload (no CID) to `out`; both exponents are cut to 4 bits. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; every bit pattern is a value. Cannot fail.
    static auto decode(PayloadView<size> payload) -> AdrParamSetupReq;

    auto operator==(const AdrParamSetupReq&) const -> bool = default;
};

// Uplink, no payload.
struct AdrParamSetupAns {
    static constexpr Cid cid = Cid::adr_param_setup;
    static constexpr Direction direction = Direction::uplink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    // No payload: appends nothing. Cannot fail.
    void encode(Bytes& /*out*/) const {}
    // No payload to read. Cannot fail.
    static auto decode(PayloadView<size> /*payload*/) -> AdrParamSetupAns { return {}; }

    auto operator==(const AdrParamSetupAns&) const -> bool = default;
};

}  // namespace hortillon::lorawan
