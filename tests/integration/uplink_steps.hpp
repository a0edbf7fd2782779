#pragma once
// Steps the MQTT end-to-end tests share: a gateway's reception of a frame, ABP session keys,
// and (eventually.hpp) waiting for a condition that the server's threads make true.

#include <cstdint>

#include "eventually.hpp"
#include "gateway_simulator.hpp"
#include "lorawan/crypto/session_keys.hpp"

namespace hortillon::test_support {

// How a gateway heard a frame; the defaults are EU868 channel 0 at SF7/125 kHz (DR5).
struct Reception {
    std::uint32_t frequency_hz = 868'100'000;
    unsigned spreading_factor = 7;
    double snr = 7.5;
    std::int32_t rssi = -70;
};

// One reception of `phy` by a gateway.
inline auto heard(const lorawan::Bytes& phy, std::uint32_t tmst, const Reception& reception = {})
    -> gateway_bridge::UplinkFrame {
    gateway_bridge::UplinkFrame frame;
    frame.phy_payload = phy;
    frame.tx_info.frequency_hz = reception.frequency_hz;
    frame.tx_info.modulation = gateway_bridge::LoraModulation{reception.spreading_factor, 125'000,
                                                              gateway_bridge::CodeRate::cr_4_5};
    frame.rx_info.tmst = gateway_bridge::GatewayTimestamp{tmst};
    frame.rx_info.lsnr = reception.snr;
    frame.rx_info.rssi = reception.rssi;
    return frame;
}

// LoRaWAN 1.0 ABP keys: every network key byte is `seed`, every AppSKey byte `seed + 1`.
inline auto abp_keys(std::uint8_t seed) -> lorawan::SessionKeys {
    lorawan::AesKey nwk;
    nwk.bytes.fill(seed);
    lorawan::AesKey app;
    app.bytes.fill(static_cast<std::uint8_t>(seed + 1));
    return lorawan::SessionKeys{nwk, nwk, nwk, app};
}

}  // namespace hortillon::test_support
