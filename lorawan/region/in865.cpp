// IN865-867 ("IN865") channel plan, a dynamic channel plan.
// Sources: RP002-1.0.x "IN865-867" chapter as carried by TTN pkg/band/in_865_867*.go and
// ChirpStack lrwn/src/region/in865.rs, cross-checked with LoRaMac-node RegionIN865.h; RP002-1.0.5
// §3.12 pages for the TXPower rule (which 1.0.5 extends, see below).

#include <array>

#include "lorawan/region/region.hpp"
#include "lorawan/region/region_data.hpp"

namespace hortillon::lorawan::region {
namespace {

using namespace data;

// DR0-DR5 LoRa SF12..SF7 at 125 kHz, DR6 RFU, DR7 FSK 50 kbit/s; the RP002-1.0.5 DR12/DR13
// (SF6/SF5) are left out. Max payload "not repeater compatible" as in EU868 (ChirpStack RP002
// table, TTN M values, LoRaMac-node MaxPayloadOfDatarateIN865 N values).
constexpr std::array<DataRateDefinition, 7> in865_data_rates{{
    {0, lora(12, 125'000), true, true, {59, 51}, {}},
    {1, lora(11, 125'000), true, true, {59, 51}, {}},
    {2, lora(10, 125'000), true, true, {59, 51}, {}},
    {3, lora(9, 125'000), true, true, {123, 115}, {}},
    {4, lora(8, 125'000), true, true, {250, 242}, {}},
    {5, lora(7, 125'000), true, true, {250, 242}, {}},
    {7, fsk(50'000), true, true, {250, 242}, {}},
}};

// RX1DROffset 0..7; 6 and 7 act as -1 and -2 (RX1 faster than the uplink). Table as ChirpStack
// carries the RP002 "IN865-867 RX1 data rate mapping". The implementations disagree where the
// result reaches DR5 or above, so those cells are unverified: DR4/7, DR5/6 and DR5/7 are DR5 here
// and in LoRaMac-node, while TTN's formula (clamp(DR - offset, 0, 7)) gives DR6, DR6 and DR7; the
// DR7 row is TTN's and ChirpStack's, while LoRaMac-node caps every cell at DR5. DR7 with offset 1
// would be the RFU DR6 in both, so that cell is refused (rx1_dr_offset_out_of_range).
constexpr std::array<Rx1DataRateRow, 7> in865_rx1_rows{{
    {0, {0, 0, 0, 0, 0, 0, 1, 2}},
    {1, {1, 0, 0, 0, 0, 0, 2, 3}},
    {2, {2, 1, 0, 0, 0, 0, 3, 4}},
    {3, {3, 2, 1, 0, 0, 0, 4, 5}},
    {4, {4, 3, 2, 1, 0, 0, 5, 5}},
    {5, {5, 4, 3, 2, 1, 0, 5, 5}},
    {7, {7, rfu, 5, 4, 3, 2, 7, 7}},
}};

// Three default channels 865.0625, 865.4025 and 865.985 MHz, DR0-DR5; also the join channels.
// They are not evenly spaced, hence one block each.
constexpr std::array<ChannelBlock, 3> in865_default_channels{{
    {.first_index = 0,
     .count = 1,
     .first_frequency_hz = 865'062'500,
     .step_hz = 0,
     .min_dr = 0,
     .max_dr = 5},
    {.first_index = 1,
     .count = 1,
     .first_frequency_hz = 865'402'500,
     .step_hz = 0,
     .min_dr = 0,
     .max_dr = 5},
    {.first_index = 2,
     .count = 1,
     .first_frequency_hz = 865'985'000,
     .step_hz = 0,
     .min_dr = 0,
     .max_dr = 5},
}};

}  // namespace

constinit const Region in865{
    .id = "IN865",
    .name = "IN865-867",
    .frequency_range = {.min_hz = 865'000'000, .max_hz = 867'000'000},
    .data_rates = in865_data_rates,
    .dwell_time_limits = false,
    .implements_tx_param_setup = false,
    .rx1_data_rates = {.offset_count = 8, .rows = in865_rx1_rows},
    .rx1_data_rates_downlink_dwell = {},
    .rx1_frequency_rule = Rx1FrequencyRule::same_as_uplink,
    .default_channels = in865_default_channels,
    .join_channels = in865_default_channels,
    .downlink_channels = {},
    .rx1_channel_modulus = 0,
    .max_channels = 16,
    .rx2_default = {.frequency_hz = 866'550'000, .dr = 2},  // SF10BW125
    // 866.55 MHz at DR4 (LoRaMac-node IN865_BEACON_CHANNEL_FREQ, ChirpStack ping slot); TTN
    // carries 866.5 MHz instead, which is not on the RX2 frequency.
    .beacon = {.frequency_hz = 866'550'000, .dr = 4},
    .ping_slot = {.frequency_hz = 866'550'000, .dr = 4},
    // TXPower 0..10 with default MaxEIRP 30 dBm (RP002-1.0.3/1.0.4 per TTN, ChirpStack and
    // LoRaMac-node). RP002-1.0.5 §3.12.3 extends the table to 0..14 and lowers the default to
    // 29.2 dBm.
    .tx_power_offsets_db = std::span<const std::int8_t>{tx_power_offsets_0_to_14}.first(11),
    .default_max_eirp_dbm = 30,
    .cflist_type = CfListType::frequencies,
    .cflist_first_channel = 3,  // channels 3..7
    .duty_cycle_bands = {},     // no duty cycle (TTN and LoRaMac-node: 100 %)
    .ch_mask_cntl = ch_mask_cntl_16_channels,
    .defaults = rp002_defaults,
};

}  // namespace hortillon::lorawan::region
