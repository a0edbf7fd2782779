#pragma once
// Where and when a class A or class C downlink is transmitted (LoRaWAN 1.0.4 §3.3, RP002).
//
//   RX1: tmst + RX1 delay, on the RX1 frequency of the uplink, at RX1 DR = table[up DR][offset]
//   RX2: tmst + RX1 delay + 1 s, on the RX2 frequency and DR (device profile, else region)
//   class C: at once, on the RX2 parameters
//   join-accept: as RX1/RX2 with JOIN_ACCEPT_DELAY1/2 and the region's default RX1 offset and RX2

#include <chrono>
#include <cstdint>

#include "gateway-bridge/downlink_frame.hpp"
#include "lorawan/region/region.hpp"
#include "lorawan/result.hpp"

namespace hortillon::network_server {

// The receive-window settings a device is using (from its session and profile).
struct RxSettings {
    std::chrono::seconds rx1_delay{1};
    std::uint8_t rx1_dr_offset = 0;
    std::uint8_t rx2_dr = 0;
    std::uint32_t rx2_frequency_hz = 0;
};

// The defaults of a region: RECEIVE_DELAY1, offset 0 and the region's RX2 window.
auto default_rx_settings(const lorawan::region::Region& region) -> RxSettings;

// The settings a join-accept is sent with: JOIN_ACCEPT_DELAY1 and the region defaults.
auto join_accept_rx_settings(const lorawan::region::Region& region) -> RxSettings;

// The radio facts of the uplink being answered, from the chosen gateway's reception.
struct UplinkRadio {
    std::uint32_t frequency_hz = 0;
    std::uint8_t dr = 0;
    gateway_bridge::GatewayTimestamp tmst;
};

enum class ReceiveWindow : std::uint8_t { rx1, rx2, immediate };

// A downlink's transmit parameters, without its payload.
struct TxWindow {
    ReceiveWindow window = ReceiveWindow::rx1;
    std::uint8_t dr = 0;
    gateway_bridge::DownlinkFrame frame;  // everything but phy_payload; TX on RF chain 0
    std::chrono::microseconds delay_after_uplink{0};  // when the gateway transmits, after tmst
};

// Fails with the region's error when the uplink DR, offset or frequency does not fit the region.
auto plan_rx1(const lorawan::region::Region& region, const RxSettings& settings,
              const UplinkRadio& uplink) -> Result<TxWindow, lorawan::region::RegionError>;
auto plan_rx2(const lorawan::region::Region& region, const RxSettings& settings,
              const UplinkRadio& uplink) -> Result<TxWindow, lorawan::region::RegionError>;
auto plan_immediate(const lorawan::region::Region& region, const RxSettings& settings)
    -> Result<TxWindow, lorawan::region::RegionError>;

}  // namespace hortillon::network_server
