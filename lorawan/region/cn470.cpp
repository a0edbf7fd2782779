// CN470-510 ("CN470") channel plan, the classic 20 MHz-wide fixed plan: 96 uplink channels at
// 470.3 + 0.2 n MHz, 48 downlink channels at 500.3 + 0.2 n MHz, RX1 on downlink channel
// (uplink channel mod 48).
//
// Which CN470 plan: RP002-1.0.1 and later replace this plan by four others (20 MHz plans A and B,
// 26 MHz plans A and B) with their own channels, DR6/DR7 and a common join channel list. This
// file implements the plan of LoRaWAN 1.0.x Regional Parameters (RP 1.0.2/1.0.3revA) and
// RP002-1.0.0, which is what deployed 1.0.x devices use. A later plan would be another Region.
//
// Sources: RP 1.0.3revA and RP002-1.0.0 "CN470-510" chapter as carried by TTN
// pkg/band/cn_470_510_rp1_v1_0_3_rev_a.go and ChirpStack lrwn/src/region/cn470.rs (channels,
// RX1, RX2, beacon frequencies).

#include <array>

#include "lorawan/region/region.hpp"
#include "lorawan/region/region_data.hpp"

namespace hortillon::lorawan::region {
namespace {

using namespace data;

constexpr std::array<ChannelBlock, 1> cn470_uplink_channels{{
    {.first_index = 0,
     .count = 96,
     .first_frequency_hz = 470'300'000,
     .step_hz = 200'000,
     .min_dr = 0,
     .max_dr = 5},
}};

constexpr std::array<ChannelBlock, 1> cn470_downlink_channels{{
    {.first_index = 0,
     .count = 48,
     .first_frequency_hz = 500'300'000,
     .step_hz = 200'000,
     .min_dr = 0,
     .max_dr = 5},
}};

// Class B: the beacon and the ping slots hop over 508.3 + 0.2 n MHz, n = 0..7 (TTN
// cn470510BeaconFrequencies, ChirpStack get_ping_slot_frequency), beacon at DR2 (TTN).
constexpr std::array<ChannelBlock, 1> cn470_beacon_channels{{
    {.first_index = 0,
     .count = 8,
     .first_frequency_hz = 508'300'000,
     .step_hz = 200'000,
     .min_dr = 2,
     .max_dr = 2},
}};

// "CN470-510 ChMaskCntl value table": 0..5 = channels in blocks of 16, 6 = all channels on
// (ChMask ignored), 7 RFU (TTN parseChMask96, ChirpStack base LinkADRReq planning).
constexpr std::array<ChMaskCntlEntry, 8> cn470_ch_mask_cntl{{
    {ChMaskCntlMeaning::channel_block, 0},
    {ChMaskCntlMeaning::channel_block, 16},
    {ChMaskCntlMeaning::channel_block, 32},
    {ChMaskCntlMeaning::channel_block, 48},
    {ChMaskCntlMeaning::channel_block, 64},
    {ChMaskCntlMeaning::channel_block, 80},
    {ChMaskCntlMeaning::all_channels_on, 0},
    {},
}};

}  // namespace

constinit const Region cn470{
    .id = "CN470",
    .name = "CN470-510",
    .frequency_range = {.min_hz = 470'000'000, .max_hz = 510'000'000},
    // DR0-DR5 only, LoRa SF12..SF7 at 125 kHz both ways; DR6-DR15 RFU in this plan (the
    // SF7/500 kHz DR6 and FSK DR7 belong to the RP002-1.0.1 plans). Payload sizes as EU868.
    .data_rates = std::span<const DataRateDefinition>{eu_like_data_rates}.first(6),
    .dwell_time_limits = false,
    .implements_tx_param_setup = false,
    .rx1_data_rates = {.offset_count = 6,
                       .rows = std::span<const Rx1DataRateRow>{rx1_rows_dr_minus_offset}.first(6)},
    .rx1_data_rates_downlink_dwell = {},
    .rx1_frequency_rule = Rx1FrequencyRule::downlink_channel_modulo,
    .default_channels = cn470_uplink_channels,
    .join_channels = cn470_uplink_channels,
    .downlink_channels = cn470_downlink_channels,
    .rx1_channel_modulus = 48,
    .max_channels = 96,
    .rx2_default = {.frequency_hz = 505'300'000, .dr = 0},  // SF12BW125
    .beacon = {.frequency_hz = std::nullopt, .dr = 2, .hopping_channels = cn470_beacon_channels},
    .ping_slot = {.frequency_hz = std::nullopt, .dr = 2, .hopping_channels = cn470_beacon_channels},
    // TXPower 0..7, default MaxEIRP 19.15 dBm (TTN RP 1.0.3revA band; ChirpStack sends 19 dBm).
    .tx_power_offsets_db = tx_power_offsets_0_to_7,
    .default_max_eirp_dbm = 19.15,
    .cflist_type = CfListType::channel_mask,  // ChMask0..ChMask5, channels 0..95
    .cflist_first_channel = 0,
    .duty_cycle_bands = {},
    .ch_mask_cntl = cn470_ch_mask_cntl,
    .defaults = rp002_defaults,
};

}  // namespace hortillon::lorawan::region
