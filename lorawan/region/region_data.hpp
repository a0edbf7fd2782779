#pragma once
// Building blocks shared by the region tables (eu868.cpp, us915.cpp, as923.cpp). Private to
// lorawan/region: the public view of a region is region.hpp.

#include <array>
#include <chrono>
#include <cstdint>

#include "lorawan/region/region_types.hpp"

namespace hortillon::lorawan::region::data {

using namespace std::chrono_literals;

// RP002-1.0.4 p.28 and RP002-1.0.5 §3.3 "Default settings" (same in every region so far):
// RECEIVE_DELAY2 = RECEIVE_DELAY1 + 1 s, ADR_ACK_LIMIT 64, ADR_ACK_DELAY 32.
inline constexpr RegionDefaults rp002_defaults{
    .receive_delay1 = 1s,
    .receive_delay2 = 2s,
    .join_accept_delay1 = 5s,
    .join_accept_delay2 = 6s,
    .adr_ack_limit = 64,
    .adr_ack_delay = 32,
};

// Shorthands that keep the data tables one row per line.
constexpr auto lora(std::uint8_t sf, std::uint32_t bandwidth_hz) -> DataRate {
    return LoraModulation{.spreading_factor = sf, .bandwidth_hz = bandwidth_hz};
}
constexpr auto fsk(std::uint32_t bit_rate) -> DataRate {
    return FskModulation{.bit_rate = bit_rate};
}
constexpr auto lr_fhss(std::uint32_t ocw_hz, LrFhssCodingRate coding_rate) -> DataRate {
    return LrFhssModulation{.occupied_channel_width_hz = ocw_hz, .coding_rate = coding_rate};
}

inline constexpr std::uint8_t rfu = no_data_rate;  // an RFU cell in an RX1 table

// ChMaskCntl table of the 16-channel dynamic plans (EU868 Table "ChMaskCntl value table",
// AS923 likewise): 0 = channels 0..15, 6 = all defined channels on, the rest RFU.
inline constexpr std::array<ChMaskCntlEntry, 8> ch_mask_cntl_16_channels{{
    {ChMaskCntlMeaning::channel_block, 0},
    {},
    {},
    {},
    {},
    {},
    {ChMaskCntlMeaning::all_channels_on, 0},
    {},
}};

// TXPower 0..7 -> MaxEIRP - 2 * TXPower dB (RP002 EU868/AS923 TXPower tables).
inline constexpr std::array<std::int8_t, 8> tx_power_offsets_0_to_7{0,  -2,  -4,  -6,
                                                                    -8, -10, -12, -14};

}  // namespace hortillon::lorawan::region::data
