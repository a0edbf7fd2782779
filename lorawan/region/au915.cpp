// AU915-928 ("AU915") channel plan, a fixed channel plan like US915 with its own data rates and
// an uplink dwell-time limit.
// Sources: RP002-1.0.x "AU915-928" chapter as carried by TTN pkg/band/au_915_928_rp2_v1_0_3.go
// and au_915_928.go, ChirpStack lrwn/src/region/au915.rs (RP002-1.0.2+ tables) and LoRaMac-node
// RegionAU915.h; the ChMaskCntl table is the US902-928 one (RP 1.0.3revA, RP002 erratum on
// ChMaskCntl 5 bit 8).

#include <array>

#include "lorawan/region/region.hpp"
#include "lorawan/region/region_data.hpp"

namespace hortillon::lorawan::region {
namespace {

using namespace data;
using enum LrFhssCodingRate;

// DR0-DR7 uplink, DR8-DR13 downlink, DR14/DR15 RFU; the RP002-1.0.5 SF5/SF6 rates are left out.
// DR7 is LR-FHSS OCW 1.523 MHz CR 1/3 (RP002-1.0.2 onwards; AU915 has no CR 2/3 rate).
// Max payload, "not repeater compatible", UplinkDwellTime = 0 and = 1: DR0/DR1 may not be used
// under the 400 ms limit. The downlink rates have the same limit either way. ChirpStack lists
// DR10 as M 250 / N 222 in its no-dwell table, against its own M and TTN's; N = M - 8 = 242.
constexpr std::array<DataRateDefinition, 14> au915_data_rates{{
    {0, lora(12, 125'000), true, false, {59, 51}, std::nullopt},
    {1, lora(11, 125'000), true, false, {59, 51}, std::nullopt},
    {2, lora(10, 125'000), true, false, {59, 51}, PayloadSize{19, 11}},
    {3, lora(9, 125'000), true, false, {123, 115}, PayloadSize{61, 53}},
    {4, lora(8, 125'000), true, false, {250, 242}, PayloadSize{133, 125}},
    {5, lora(7, 125'000), true, false, {250, 242}, PayloadSize{250, 242}},
    {6, lora(8, 500'000), true, false, {250, 242}, PayloadSize{250, 242}},
    {7, lr_fhss(1'523'000, cr_1_3), true, false, {58, 50}, PayloadSize{58, 50}},
    {8, lora(12, 500'000), false, true, {61, 53}, PayloadSize{61, 53}},
    {9, lora(11, 500'000), false, true, {137, 129}, PayloadSize{137, 129}},
    {10, lora(10, 500'000), false, true, {250, 242}, PayloadSize{250, 242}},
    {11, lora(9, 500'000), false, true, {250, 242}, PayloadSize{250, 242}},
    {12, lora(8, 500'000), false, true, {250, 242}, PayloadSize{250, 242}},
    {13, lora(7, 500'000), false, true, {250, 242}, PayloadSize{250, 242}},
}};

// RP002 "AU915-928 downlink RX1 data rate mapping", RX1DROffset 0..5 (6, 7 RFU); the DR7
// (LR-FHSS) row is RP002-1.0.2 onwards. TTN au915928DownlinkDRTable and ChirpStack agree.
constexpr std::array<Rx1DataRateRow, 8> au915_rx1_rows{{
    {0, {8, 8, 8, 8, 8, 8, rfu, rfu}},
    {1, {9, 8, 8, 8, 8, 8, rfu, rfu}},
    {2, {10, 9, 8, 8, 8, 8, rfu, rfu}},
    {3, {11, 10, 9, 8, 8, 8, rfu, rfu}},
    {4, {12, 11, 10, 9, 8, 8, rfu, rfu}},
    {5, {13, 12, 11, 10, 9, 8, rfu, rfu}},
    {6, {13, 13, 12, 11, 10, 9, rfu, rfu}},
    {7, {9, 8, 8, 8, 8, 8, rfu, rfu}},
}};

// 64 x 125 kHz at 915.2 + 0.2 n MHz (DR0-DR5) and 8 x 500 kHz at 915.9 + 1.6 n MHz (DR6, and
// the LR-FHSS DR7 per ChirpStack). All 72 are default and join channels: a joining device
// alternates a 125 kHz channel at DR2 with a 500 kHz channel at DR6.
constexpr std::array<ChannelBlock, 2> au915_uplink_channels{{
    {.first_index = 0,
     .count = 64,
     .first_frequency_hz = 915'200'000,
     .step_hz = 200'000,
     .min_dr = 0,
     .max_dr = 5},
    {.first_index = 64,
     .count = 8,
     .first_frequency_hz = 915'900'000,
     .step_hz = 1'600'000,
     .min_dr = 6,
     .max_dr = 7},
}};

// 8 x 500 kHz downlink channels at 923.3 + 0.6 n MHz, DR8-DR13 (as US915).
constexpr std::array<ChannelBlock, 1> au915_downlink_channels{{
    {.first_index = 0,
     .count = 8,
     .first_frequency_hz = 923'300'000,
     .step_hz = 600'000,
     .min_dr = 8,
     .max_dr = 13},
}};

}  // namespace

constinit const Region au915{
    .id = "AU915",
    .name = "AU915-928",
    .frequency_range = {.min_hz = 915'000'000, .max_hz = 928'000'000},
    .data_rates = au915_data_rates,
    // TxParamSetupReq sets the dwell limits (RP 1.0.3revA onwards; TTN and ChirpStack alike).
    // TTN boots AU915 devices with UplinkDwellTime = 1, DownlinkDwellTime = 0.
    .dwell_time_limits = true,
    .implements_tx_param_setup = true,
    .rx1_data_rates = {.offset_count = 6, .rows = au915_rx1_rows},
    .rx1_data_rates_downlink_dwell = {},
    .rx1_frequency_rule = Rx1FrequencyRule::downlink_channel_modulo,
    .default_channels = au915_uplink_channels,
    .join_channels = au915_uplink_channels,
    .downlink_channels = au915_downlink_channels,
    .rx1_channel_modulus = 8,
    .max_channels = 72,
    .rx2_default = {.frequency_hz = 923'300'000, .dr = 8},  // SF12BW500
    // Beacon and ping slots hop over the eight downlink channels at DR8 (TTN
    // usAuBeaconFrequencies, ChirpStack get_ping_slot_frequency).
    .beacon = {.frequency_hz = std::nullopt, .dr = 8, .hopping_channels = au915_downlink_channels},
    .ping_slot = {.frequency_hz = std::nullopt,
                  .dr = 8,
                  .hopping_channels = au915_downlink_channels},
    .tx_power_offsets_db = tx_power_offsets_0_to_14,  // TXPower 0..14, MaxEIRP - 2 n
    .default_max_eirp_dbm = 30,
    .cflist_type = CfListType::channel_mask,
    .cflist_first_channel = 0,
    .duty_cycle_bands = {},  // LIPD class licence: no duty cycle
    .ch_mask_cntl = ch_mask_cntl_64_plus_8_channels,
    .defaults = rp002_defaults,
};

}  // namespace hortillon::lorawan::region
