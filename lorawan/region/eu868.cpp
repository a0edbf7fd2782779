// EU863-870 ("EU868") channel plan.
// Sources: RP002-1.0.4/1.0.5 EU863-870 chapter, cross-checked with LoRaWAN 1.0.1
// §7.1 (Tables 14-18), Regional Parameters 1.0.3revA §2.2, LoRaMac-node RegionEU868.h,
// ChirpStack lrwn/src/region/eu868.rs and TTN pkg/band/eu_863_870_rp2_v1_0_3.go.

#include <array>

#include "lorawan/region/region.hpp"
#include "lorawan/region/region_data.hpp"

namespace hortillon::lorawan::region {
namespace {

using namespace data;
using enum LrFhssCodingRate;

// DR table (RP002 "EU863-870 Data Rate and End-device Output Power encoding"); DR12/DR13
// (SF6/SF5, RP002-1.0.5 only) are left out; DR14/DR15 are RFU.
// Max payload: "not repeater compatible" table. DR4 is M 250 / N 242: LoRaWAN 1.0.1 Table 18,
// RP 1.0.3revA and LoRaMac-node agree, TTN's RP002-1.0.3 table has M = 250, and N = M - 8 by
// definition. ChirpStack's RP002 table lists DR4 as M 250 / N 222, which contradicts its own M.
constexpr std::array<DataRateDefinition, 12> eu868_data_rates{{
    {0, lora(12, 125'000), true, true, {59, 51}, {}},
    {1, lora(11, 125'000), true, true, {59, 51}, {}},
    {2, lora(10, 125'000), true, true, {59, 51}, {}},
    {3, lora(9, 125'000), true, true, {123, 115}, {}},
    {4, lora(8, 125'000), true, true, {250, 242}, {}},
    {5, lora(7, 125'000), true, true, {250, 242}, {}},
    {6, lora(7, 250'000), true, true, {250, 242}, {}},
    {7, fsk(50'000), true, true, {250, 242}, {}},
    // LR-FHSS, uplink only (RP002-1.0.2 onwards).
    {8, lr_fhss(137'000, cr_1_3), true, false, {58, 50}, {}},
    {9, lr_fhss(137'000, cr_2_3), true, false, {123, 115}, {}},
    {10, lr_fhss(336'000, cr_1_3), true, false, {58, 50}, {}},
    {11, lr_fhss(336'000, cr_2_3), true, false, {123, 115}, {}},
}};

// RX1 DR = table[uplink DR][RX1DROffset], offsets 0..5 (6, 7 RFU). RP002 "EU863-870 RX1 data
// rate mapping"; LR-FHSS rows from ChirpStack/TTN eu868 RP002 tables.
constexpr std::array<Rx1DataRateRow, 12> eu868_rx1_rows{{
    {0, {0, 0, 0, 0, 0, 0, rfu, rfu}},
    {1, {1, 0, 0, 0, 0, 0, rfu, rfu}},
    {2, {2, 1, 0, 0, 0, 0, rfu, rfu}},
    {3, {3, 2, 1, 0, 0, 0, rfu, rfu}},
    {4, {4, 3, 2, 1, 0, 0, rfu, rfu}},
    {5, {5, 4, 3, 2, 1, 0, rfu, rfu}},
    {6, {6, 5, 4, 3, 2, 1, rfu, rfu}},
    {7, {7, 6, 5, 4, 3, 2, rfu, rfu}},
    {8, {1, 0, 0, 0, 0, 0, rfu, rfu}},
    {9, {2, 1, 0, 0, 0, 0, rfu, rfu}},
    {10, {1, 0, 0, 0, 0, 0, rfu, rfu}},
    {11, {2, 1, 0, 0, 0, 0, rfu, rfu}},
}};

// Three mandatory channels 868.1, 868.3, 868.5 MHz, DR0-DR5; also the join channels.
constexpr std::array<ChannelBlock, 1> eu868_default_channels{{
    {.first_index = 0,
     .count = 3,
     .first_frequency_hz = 868'100'000,
     .step_hz = 200'000,
     .min_dr = 0,
     .max_dr = 5},
}};

// ETSI EN 300 220 sub-bands as LoRaMac-node and TTN use them; band O (868.6-868.7) is not used.
// ETSI gives power as ERP (14 dBm, 27 dBm in P); EIRP = ERP + 2.15 dB, as TTN stores it.
constexpr std::array<DutyCycleBand, 6> eu868_duty_cycle_bands{{
    {"K", 863'000'000, 865'000'000, 0.001, 16.15},
    {"L", 865'000'000, 868'000'000, 0.01, 16.15},
    {"M", 868'000'000, 868'600'000, 0.01, 16.15},
    {"N", 868'700'000, 869'200'000, 0.001, 16.15},
    {"P", 869'400'000, 869'650'000, 0.1, 29.15},
    {"R", 869'700'000, 870'000'000, 0.01, 16.15},
}};

}  // namespace

constinit const Region eu868{
    .id = "EU868",
    .name = "EU863-870",
    .frequency_range = {.min_hz = 863'000'000, .max_hz = 870'000'000},
    .data_rates = eu868_data_rates,
    .dwell_time_limits = false,
    .implements_tx_param_setup = false,  // no dwell-time limit in EU868
    .rx1_data_rates = {.offset_count = 6, .rows = eu868_rx1_rows},
    .rx1_data_rates_downlink_dwell = {},
    .rx1_frequency_rule = Rx1FrequencyRule::same_as_uplink,
    .default_channels = eu868_default_channels,
    .join_channels = eu868_default_channels,
    .downlink_channels = {},
    .rx1_channel_modulus = 0,
    .max_channels = 16,
    .rx2_default = {.frequency_hz = 869'525'000, .dr = 0},  // SF12BW125
    .beacon = {.frequency_hz = 869'525'000, .dr = 3},
    .ping_slot = {.frequency_hz = 869'525'000, .dr = 3},
    .tx_power_offsets_db = tx_power_offsets_0_to_7,
    .default_max_eirp_dbm = 16,
    .cflist_type = CfListType::frequencies,
    .cflist_first_channel = 3,  // channels 3..7
    .duty_cycle_bands = eu868_duty_cycle_bands,
    .ch_mask_cntl = ch_mask_cntl_16_channels,
    .defaults = rp002_defaults,
};

}  // namespace hortillon::lorawan::region
