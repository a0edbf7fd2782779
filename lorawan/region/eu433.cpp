// EU433 channel plan, a dynamic channel plan in the 433.05-434.79 MHz ISM band.
// Sources: RP002-1.0.x "EU433" chapter as carried by TTN pkg/band/eu_433_rp2_v1_0_3.go and
// ChirpStack lrwn/src/region/eu433.rs, cross-checked with LoRaMac-node RegionEU433.h.

#include <array>

#include "lorawan/region/region.hpp"
#include "lorawan/region/region_data.hpp"

namespace hortillon::lorawan::region {
namespace {

using namespace data;

// Three default channels 433.175, 433.375 and 433.575 MHz, DR0-DR5; also the join channels.
constexpr std::array<ChannelBlock, 1> eu433_default_channels{{
    {.first_index = 0,
     .count = 3,
     .first_frequency_hz = 433'175'000,
     .step_hz = 200'000,
     .min_dr = 0,
     .max_dr = 5},
}};

// The whole band is one ETSI EN 300 220 sub-band: 10 mW ERP (12.15 dBm EIRP) at 10 % duty cycle
// as TTN stores it. LoRaMac-node limits its single EU433 band to 1 %; unverified which is meant.
constexpr std::array<DutyCycleBand, 1> eu433_duty_cycle_bands{{
    {"EU433", 433'050'000, 434'790'000, 0.1, 12.15},
}};

}  // namespace

constinit const Region eu433{
    .id = "EU433",
    .name = "EU433",
    .frequency_range = {.min_hz = 433'050'000, .max_hz = 434'790'000},
    .data_rates = eu_like_data_rates,  // DR0-DR7 as EU868, no LR-FHSS
    .dwell_time_limits = false,
    .implements_tx_param_setup = false,
    .rx1_data_rates = {.offset_count = 6, .rows = rx1_rows_dr_minus_offset},
    .rx1_data_rates_downlink_dwell = {},
    .rx1_frequency_rule = Rx1FrequencyRule::same_as_uplink,
    .default_channels = eu433_default_channels,
    .join_channels = eu433_default_channels,
    .downlink_channels = {},
    .rx1_channel_modulus = 0,
    .max_channels = 16,
    .rx2_default = {.frequency_hz = 434'665'000, .dr = 0},  // SF12BW125
    // 434.665 MHz at DR3 (LoRaMac-node EU433_BEACON_CHANNEL_FREQ, ChirpStack); TTN carries
    // 434.655 MHz instead.
    .beacon = {.frequency_hz = 434'665'000, .dr = 3},
    .ping_slot = {.frequency_hz = 434'665'000, .dr = 3},
    // TXPower 0..5, default MaxEIRP 12.15 dBm (TTN, ChirpStack, LoRaMac-node).
    .tx_power_offsets_db = std::span<const std::int8_t>{tx_power_offsets_0_to_14}.first(6),
    .default_max_eirp_dbm = 12.15,
    .cflist_type = CfListType::frequencies,
    .cflist_first_channel = 3,  // channels 3..7
    .duty_cycle_bands = eu433_duty_cycle_bands,
    .ch_mask_cntl = ch_mask_cntl_16_channels,
    .defaults = rp002_defaults,
};

}  // namespace hortillon::lorawan::region
