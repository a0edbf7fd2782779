#pragma once
// Class B ping-slot offset (LoRaWAN 1.1 §15.2, 1.0.4 class B §13.2).

#include <cstdint>

#include "lorawan/identifiers.hpp"

namespace hortillon::lorawan {

// Rand = aes128_encrypt(16 zero bytes, BeaconTime(LE32) | DevAddr(LE) | pad16);
// offset = (Rand[0] + 256 * Rand[1]) mod ping_period, ping_period = 2^12 / pingNb (32..4096).
// Precondition: ping_period > 0.
auto ping_offset(std::uint32_t beacon_time, DevAddr dev_addr, std::uint32_t ping_period)
    -> std::uint32_t;

}  // namespace hortillon::lorawan
