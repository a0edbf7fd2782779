#pragma once
// A gateway's periodic status report (the PUSH_DATA `stat` object, every `stat_interval`,
// 30 s by default). Every field is optional: gateways without GPS omit the position, and some
// send `null` or only a subset.

#include <cstdint>
#include <optional>

#include "gateway-bridge/utc_time.hpp"

namespace hortillon::gateway_bridge {

struct GatewayStats {
    std::optional<UtcTime> time;                     // time: gateway system time, UTC
    std::optional<double> latitude;                  // lati, degrees, north positive
    std::optional<double> longitude;                 // long, degrees, east positive
    std::optional<double> altitude_m;                // alti, metres
    std::optional<std::uint32_t> rx_received;        // rxnb: radio packets received
    std::optional<std::uint32_t> rx_ok;              // rxok: ... with a valid PHY CRC
    std::optional<std::uint32_t> rx_forwarded;       // rxfw: ... forwarded
    std::optional<double> ack_ratio_percent;         // ackr: upstream datagrams acknowledged
    std::optional<std::uint32_t> downlink_received;  // dwnb: downlink datagrams received
    std::optional<std::uint32_t> tx_emitted;         // txnb: packets emitted
    std::optional<double> temperature_celsius;       // temp: concentrator (SX1302)

    auto operator==(const GatewayStats&) const -> bool = default;
};

}  // namespace hortillon::gateway_bridge
