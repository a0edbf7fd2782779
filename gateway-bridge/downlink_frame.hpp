#pragma once
// One packet for a gateway to transmit: the `txpk` object of a PULL_RESP.

#include <cstdint>
#include <optional>
#include <variant>

#include "gateway-bridge/gateway_timestamp.hpp"
#include "gateway-bridge/modulation.hpp"
#include "lorawan/bytes.hpp"

namespace hortillon::gateway_bridge {

// `"imme":true`: transmit as soon as possible (class C).
struct SendImmediately {
    auto operator==(const SendImmediately&) const -> bool = default;
};

// When to transmit: immediately (class C), when the gateway's counter reaches a `tmst`
// (class A: `to_gateway_timestamp(rx_tmst, 1s)` for RX1), or at a GPS time `tmms` (class B).
using TxTiming = std::variant<SendImmediately, GatewayTimestamp, GpsTime>;

struct DownlinkFrame {
    lorawan::Bytes phy_payload;             // data (base64) and size; at most 255 bytes
    TxTiming timing = SendImmediately{};    // imme, tmst or tmms
    std::uint32_t frequency_hz = 0;         // freq, printed in MHz with 6 decimals
    std::uint8_t rf_chain = 0;              // rfch
    std::int32_t power_dbm = 14;            // powe
    Modulation modulation;                  // modu, datr, codr (LoRa), fdev (FSK)
    bool invert_polarity = true;            // ipol: true for downlinks to end devices
    std::optional<std::uint16_t> preamble;  // prea, symbols; forwarder default when absent
    bool disable_crc = false;               // ncrc: sent only when true
    std::optional<std::uint8_t> antenna;    // ant (extension, multi-antenna gateways)
    std::optional<std::uint8_t> board;      // brd (extension, multi-board gateways)

    auto operator==(const DownlinkFrame&) const -> bool = default;
};

}  // namespace hortillon::gateway_bridge
