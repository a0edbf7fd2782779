// US902-928 ("US915") channel plan, a fixed channel plan.
// Sources: RP002-1.0.4 US902-928 chapter, Regional Parameters 1.0.3revA §2.3 (Tables 16-18),
// LoRaWAN 1.0.1 §7.2 (Tables 19-23), ChirpStack lrwn/src/region/us915.rs and TTN
// pkg/band/us_902_928_rp2_v1_0_3.go; ChMaskCntl 5 bit 8 made RFU by the RP002-1.0.4 erratum
// "US915 and AU915 ChMaskCtrl Contradiction".

#include <array>

#include "lorawan/region/region.hpp"
#include "lorawan/region/region_data.hpp"

namespace hortillon::lorawan::region {
namespace {

using namespace data;
using enum LrFhssCodingRate;

// DR0-DR6 uplink, DR8-DR13 downlink, DR7 and DR14/DR15 RFU; the RP002-1.0.5 SF5/SF6 rates are
// left out. Max payload: "not repeater compatible" table (RP 1.0.3revA Table 16, ChirpStack
// RP002 tables); DR2 is 133/125 since RP 1.0.2 (LoRaWAN 1.0.1 had 134/126). The 125 kHz sizes
// already respect the FCC 400 ms dwell time, so there is no separate dwell table.
constexpr std::array<DataRateDefinition, 13> us915_data_rates{{
    {0, lora(10, 125'000), true, false, {19, 11}, {}},
    {1, lora(9, 125'000), true, false, {61, 53}, {}},
    {2, lora(8, 125'000), true, false, {133, 125}, {}},
    {3, lora(7, 125'000), true, false, {250, 242}, {}},
    {4, lora(8, 500'000), true, false, {250, 242}, {}},
    // LR-FHSS, OCW 1.523 MHz (RP002-1.0.2 onwards).
    {5, lr_fhss(1'523'000, cr_1_3), true, false, {58, 50}, {}},
    {6, lr_fhss(1'523'000, cr_2_3), true, false, {133, 125}, {}},
    {8, lora(12, 500'000), false, true, {61, 53}, {}},
    {9, lora(11, 500'000), false, true, {137, 129}, {}},
    {10, lora(10, 500'000), false, true, {250, 242}, {}},
    {11, lora(9, 500'000), false, true, {250, 242}, {}},
    {12, lora(8, 500'000), false, true, {250, 242}, {}},
    {13, lora(7, 500'000), false, true, {250, 242}, {}},
}};

// RP 1.0.3revA Table 17 / RP002 "US902-928 downlink RX1 data rate mapping"; offsets 0..3,
// 4..7 RFU. LR-FHSS rows (DR5, DR6) from the RP002 tables as ChirpStack and TTN carry them.
constexpr std::array<Rx1DataRateRow, 7> us915_rx1_rows{{
    {0, {10, 9, 8, 8, rfu, rfu, rfu, rfu}},
    {1, {11, 10, 9, 8, rfu, rfu, rfu, rfu}},
    {2, {12, 11, 10, 9, rfu, rfu, rfu, rfu}},
    {3, {13, 12, 11, 10, rfu, rfu, rfu, rfu}},
    {4, {13, 13, 12, 11, rfu, rfu, rfu, rfu}},
    {5, {10, 9, 8, 8, rfu, rfu, rfu, rfu}},
    {6, {11, 10, 9, 8, rfu, rfu, rfu, rfu}},
}};

// 64 x 125 kHz at 902.3 + 0.2 n MHz (DR0-DR3) and 8 x 500 kHz at 903.0 + 1.6 n MHz (DR4, and
// the LR-FHSS DR5-DR6 per ChirpStack). All 72 are default channels and join channels.
constexpr std::array<ChannelBlock, 2> us915_uplink_channels{{
    {.first_index = 0,
     .count = 64,
     .first_frequency_hz = 902'300'000,
     .step_hz = 200'000,
     .min_dr = 0,
     .max_dr = 3},
    {.first_index = 64,
     .count = 8,
     .first_frequency_hz = 903'000'000,
     .step_hz = 1'600'000,
     .min_dr = 4,
     .max_dr = 6},
}};

// 8 x 500 kHz downlink channels at 923.3 + 0.6 n MHz, DR8-DR13.
constexpr std::array<ChannelBlock, 1> us915_downlink_channels{{
    {.first_index = 0,
     .count = 8,
     .first_frequency_hz = 923'300'000,
     .step_hz = 600'000,
     .min_dr = 8,
     .max_dr = 13},
}};

}  // namespace

constinit const Region us915{
    .id = "US915",
    .name = "US902-928",
    .frequency_range = {.min_hz = 902'000'000, .max_hz = 928'000'000},
    .data_rates = us915_data_rates,
    .dwell_time_limits = false,
    .implements_tx_param_setup = false,
    .rx1_data_rates = {.offset_count = 4, .rows = us915_rx1_rows},
    .rx1_data_rates_downlink_dwell = {},
    .rx1_frequency_rule = Rx1FrequencyRule::downlink_channel_modulo,
    .default_channels = us915_uplink_channels,
    .join_channels = us915_uplink_channels,  // random 125 kHz at DR0 alternating with 500 kHz DR4
    .downlink_channels = us915_downlink_channels,
    .rx1_channel_modulus = 8,
    .max_channels = 72,
    .rx2_default = {.frequency_hz = 923'300'000, .dr = 8},  // SF12BW500
    // Beacon and ping slots hop over the eight downlink channels at DR8 (RP 1.0.3revA Table 18;
    // the ping-slot DR defaults to the beacon DR, RP002-1.0.4 PING_SLOT_DATARATE).
    .beacon = {.frequency_hz = std::nullopt, .dr = 8, .hopping_channels = us915_downlink_channels},
    .ping_slot = {.frequency_hz = std::nullopt,
                  .dr = 8,
                  .hopping_channels = us915_downlink_channels},
    // TXPower 0..14 -> MaxEIRP - 2 * TXPower dB (RP002 US902-928 TXPower table; TTN TxOffset).
    .tx_power_offsets_db = tx_power_offsets_0_to_14,
    .default_max_eirp_dbm = 30,
    .cflist_type = CfListType::channel_mask,  // RP 1.0.3 and later; none in LoRaWAN 1.0.1/1.0.2
    .cflist_first_channel = 0,
    .duty_cycle_bands = {},  // FCC part 15: dwell-time limited, no duty cycle
    .ch_mask_cntl = ch_mask_cntl_64_plus_8_channels,
    .defaults = rp002_defaults,
};

}  // namespace hortillon::lorawan::region
