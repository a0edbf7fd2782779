// KR920-923 ("KR920") channel plan, a dynamic channel plan with listen-before-talk instead of a
// duty cycle.
// Sources: RP002-1.0.x "KR920-923" chapter as carried by TTN pkg/band/kr_920_923_rp2_v1_0_3.go and
// ChirpStack lrwn/src/region/kr920.rs, cross-checked with LoRaMac-node RegionKR920.h.

#include <array>

#include "lorawan/region/region.hpp"
#include "lorawan/region/region_data.hpp"

namespace hortillon::lorawan::region {
namespace {

using namespace data;

// Three default channels 922.1, 922.3 and 922.5 MHz, DR0-DR5; also the join channels.
constexpr std::array<ChannelBlock, 1> kr920_default_channels{{
    {.first_index = 0,
     .count = 3,
     .first_frequency_hz = 922'100'000,
     .step_hz = 200'000,
     .min_dr = 0,
     .max_dr = 5},
}};

}  // namespace

constinit const Region kr920{
    .id = "KR920",
    .name = "KR920-923",
    // Channels are centred between 920.9 and 923.3 MHz (LoRaMac-node KR920 EIRP ranges).
    .frequency_range = {.min_hz = 920'900'000, .max_hz = 923'300'000},
    // DR0-DR5 only: LoRa SF12..SF7 at 125 kHz; DR6 and up RFU.
    .data_rates = std::span<const DataRateDefinition>{eu_like_data_rates}.first(6),
    .dwell_time_limits = false,
    .implements_tx_param_setup = false,
    .rx1_data_rates = {.offset_count = 6,
                       .rows = std::span<const Rx1DataRateRow>{rx1_rows_dr_minus_offset}.first(6)},
    .rx1_data_rates_downlink_dwell = {},
    .rx1_frequency_rule = Rx1FrequencyRule::same_as_uplink,
    .default_channels = kr920_default_channels,
    .join_channels = kr920_default_channels,
    .downlink_channels = {},
    .rx1_channel_modulus = 0,
    .max_channels = 16,
    .rx2_default = {.frequency_hz = 921'900'000, .dr = 0},  // SF12BW125
    .beacon = {.frequency_hz = 923'100'000, .dr = 3},       // LoRaMac-node, ChirpStack
    .ping_slot = {.frequency_hz = 923'100'000, .dr = 3},
    // TXPower 0..7, default MaxEIRP 14 dBm (TTN, LoRaMac-node for 922.1-923.3 MHz, which also
    // notes 10 dBm for 920.9-921.9 MHz).
    .tx_power_offsets_db = tx_power_offsets_0_to_7,
    .default_max_eirp_dbm = 14,
    .cflist_type = CfListType::frequencies,
    .cflist_first_channel = 3,  // channels 3..7
    .duty_cycle_bands = {},     // LBT, no duty cycle
    .ch_mask_cntl = ch_mask_cntl_16_channels,
    .defaults = rp002_defaults,
};

}  // namespace hortillon::lorawan::region
