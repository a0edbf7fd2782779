// RU864-870 ("RU864") channel plan, a dynamic channel plan.
// Sources: RP002-1.0.x "RU864-870" chapter as carried by TTN pkg/band/ru_864_870_rp2_v1_0_3.go and
// ChirpStack lrwn/src/region/ru864.rs, cross-checked with LoRaMac-node RegionRU864.h.

#include <array>

#include "lorawan/region/region.hpp"
#include "lorawan/region/region_data.hpp"

namespace hortillon::lorawan::region {
namespace {

using namespace data;

// Two default channels 868.9 and 869.1 MHz, DR0-DR5; also the join channels.
constexpr std::array<ChannelBlock, 1> ru864_default_channels{{
    {.first_index = 0,
     .count = 2,
     .first_frequency_hz = 868'900'000,
     .step_hz = 200'000,
     .min_dr = 0,
     .max_dr = 5},
}};

// One 1 % band over 864-870 MHz (TTN, after Appendix 10 to the GKRCh decision of 07.05.2007;
// LoRaMac-node also uses 1 %). The EIRP cap is TTN's figure (20 dBm ERP + 2.15).
constexpr std::array<DutyCycleBand, 1> ru864_duty_cycle_bands{{
    {"RU864", 864'000'000, 870'000'000, 0.01, 22.15},
}};

}  // namespace

constinit const Region ru864{
    .id = "RU864",
    .name = "RU864-870",
    .frequency_range = {.min_hz = 864'000'000, .max_hz = 870'000'000},
    .data_rates = eu_like_data_rates,  // DR0-DR7 as EU868, no LR-FHSS
    .dwell_time_limits = false,
    .implements_tx_param_setup = false,
    .rx1_data_rates = {.offset_count = 6, .rows = rx1_rows_dr_minus_offset},
    .rx1_data_rates_downlink_dwell = {},
    .rx1_frequency_rule = Rx1FrequencyRule::same_as_uplink,
    .default_channels = ru864_default_channels,
    .join_channels = ru864_default_channels,
    .downlink_channels = {},
    .rx1_channel_modulus = 0,
    // 16 as TTN and ChirpStack, the width of ChMaskCntl 0; LoRaMac-node keeps only 8.
    .max_channels = 16,
    .rx2_default = {.frequency_hz = 869'100'000, .dr = 0},  // SF12BW125
    // Beacon on 869.1 MHz, ping slots on 868.9 MHz, both DR3 (LoRaMac-node, TTN).
    .beacon = {.frequency_hz = 869'100'000, .dr = 3},
    .ping_slot = {.frequency_hz = 868'900'000, .dr = 3},
    .tx_power_offsets_db = tx_power_offsets_0_to_7,  // TXPower 0..7
    .default_max_eirp_dbm = 16,
    .cflist_type = CfListType::frequencies,
    .cflist_first_channel = 2,  // channels 2..6
    .duty_cycle_bands = ru864_duty_cycle_bands,
    .ch_mask_cntl = ch_mask_cntl_16_channels,
    .defaults = rp002_defaults,
};

}  // namespace hortillon::lorawan::region
