#pragma once
// The network server's view of the radio: which DR a received modulation is in a region, the
// modulation and power to transmit a DR at, and the link margin that ranks gateways.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>

#include "gateway-bridge/modulation.hpp"
#include "gateway-bridge/uplink_frame.hpp"
#include "lorawan/region/region.hpp"
#include "lorawan/result.hpp"

namespace hortillon::network_server {

// The uplink DR index of a received modulation; nullopt when the region has none (an uplink on
// a data rate that does not belong to the region).
auto uplink_data_rate(const lorawan::region::Region& region,
                      const gateway_bridge::Modulation& modulation) -> std::optional<std::uint8_t>;

// The modulation a gateway transmits `dr` with (LoRa code rate 4/5, FSK deviation = bit rate / 2).
// Fails: unknown_data_rate when the region has no such downlink DR.
auto downlink_modulation(const lorawan::region::Region& region, std::uint8_t dr)
    -> Result<gateway_bridge::Modulation, lorawan::region::RegionError>;

// Transmit power (EIRP, dBm) for a downlink on `frequency_hz`: the regulatory sub-band's limit
// where the region defines one (EU868 869.4-869.65 MHz: 29 dBm), else the region's default.
auto downlink_power_dbm(const lorawan::region::Region& region, std::uint32_t frequency_hz)
    -> std::int32_t;

// Index of the reception with the best link margin (SNR, then RSSI), among the gateways that
// `can_transmit` (provisioned, with a known downlink address). nullopt if none can.
auto best_gateway(std::span<const gateway_bridge::UplinkRxInfo> rx_infos,
                  const std::function<bool(const gateway_bridge::UplinkRxInfo&)>& can_transmit)
    -> std::optional<std::size_t>;

// The best link margin (dB) among the receptions of an uplink at `spreading_factor`, rounded
// down and clamped to 0..254 as LinkCheckAns carries it.
auto link_check_margin(std::span<const gateway_bridge::UplinkRxInfo> rx_infos,
                       unsigned spreading_factor) -> std::uint8_t;

}  // namespace hortillon::network_server
