#pragma once
// Building blocks shared by the region tables (eu868.cpp, us915.cpp, au915.cpp, ...). Private
// to lorawan/region: the public view of a region is region.hpp.

#include <array>
#include <chrono>
#include <cstdint>
#include <span>

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

// ChMaskCntl table of the 64 x 125 kHz + 8 x 500 kHz plans (RP 1.0.3revA and RP002 "US902-928
// ChMaskCntl value table", the AU915-928 table is the same): 0..3 = 125 kHz channels in blocks
// of 16, 4 = channels 64..71, 5 = sub-band mask (RP 1.0.3 and later), 6 / 7 = all 125 kHz
// channels on / off with ChMask bits 0..7 for channels 64..71.
inline constexpr std::array<ChMaskCntlEntry, 8> ch_mask_cntl_64_plus_8_channels{{
    {ChMaskCntlMeaning::channel_block, 0},
    {ChMaskCntlMeaning::channel_block, 16},
    {ChMaskCntlMeaning::channel_block, 32},
    {ChMaskCntlMeaning::channel_block, 48},
    {ChMaskCntlMeaning::channel_block, 64},
    {ChMaskCntlMeaning::sub_band_mask, 0},
    {ChMaskCntlMeaning::all_125khz_on_mask_500, 0},
    {ChMaskCntlMeaning::all_125khz_off_mask_500, 0},
}};

// TXPower n -> MaxEIRP - 2 * n dB, n = 0..14 (RP002: every region uses this rule, and differs
// only in how many indices it defines; the region takes the first 6, 8, 11 or 15).
inline constexpr std::array<std::int8_t, 15> tx_power_offsets_0_to_14{
    0, -2, -4, -6, -8, -10, -12, -14, -16, -18, -20, -22, -24, -26, -28};

// TXPower 0..7 (RP002 EU868/AS923 TXPower tables).
inline constexpr std::span<const std::int8_t> tx_power_offsets_0_to_7 =
    std::span<const std::int8_t>{tx_power_offsets_0_to_14}.first(8);

// DR0-DR7 of the EU868-like dynamic plans: LoRa SF12..SF7 at 125 kHz, SF7 at 250 kHz and FSK
// 50 kbit/s, in both directions. EU433 and RU864 define all eight; KR920 and CN470 (classic
// plan) only DR0-DR5. Max payload, "not repeater compatible": 59/51 for DR0-DR2, 123/115 for
// DR3, 250/242 above (RP002-1.0.x "EU433 / KR920 / RU864 / CN470 maximum payload size" tables,
// LoRaWAN 1.0.1 §7 and RP 1.0.3revA; ChirpStack and TTN RP002 band files agree).
inline constexpr std::array<DataRateDefinition, 8> eu_like_data_rates{{
    {0, lora(12, 125'000), true, true, {59, 51}, {}},
    {1, lora(11, 125'000), true, true, {59, 51}, {}},
    {2, lora(10, 125'000), true, true, {59, 51}, {}},
    {3, lora(9, 125'000), true, true, {123, 115}, {}},
    {4, lora(8, 125'000), true, true, {250, 242}, {}},
    {5, lora(7, 125'000), true, true, {250, 242}, {}},
    {6, lora(7, 250'000), true, true, {250, 242}, {}},
    {7, fsk(50'000), true, true, {250, 242}, {}},
}};

// RX1 DR = max(0, uplink DR - RX1DROffset), RX1DROffset 0..5 (6, 7 RFU): the RP002 "RX1 data
// rate mapping" table of EU433, KR920, CN470 and RU864 (as of EU868), rows DR0..DR7.
inline constexpr std::array<Rx1DataRateRow, 8> rx1_rows_dr_minus_offset{{
    {0, {0, 0, 0, 0, 0, 0, rfu, rfu}},
    {1, {1, 0, 0, 0, 0, 0, rfu, rfu}},
    {2, {2, 1, 0, 0, 0, 0, rfu, rfu}},
    {3, {3, 2, 1, 0, 0, 0, rfu, rfu}},
    {4, {4, 3, 2, 1, 0, 0, rfu, rfu}},
    {5, {5, 4, 3, 2, 1, 0, rfu, rfu}},
    {6, {6, 5, 4, 3, 2, 1, rfu, rfu}},
    {7, {7, 6, 5, 4, 3, 2, rfu, rfu}},
}};

}  // namespace hortillon::lorawan::region::data
