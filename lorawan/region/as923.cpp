// AS923 channel plans, groups 1 to 4 (AS923-1 .. AS923-4). The groups share every table and
// differ only in AS923_FREQ_OFFSET: 0, -1.8, -6.6 and -5.9 MHz.
// Sources: RP002-1.0.5 §3.10 (Table 73 payload sizes, §3.10.7 RX1 with offsets 6 and 7),
// Regional Parameters 1.0.3revA §2.7 (beacon), TTN pkg/band/as_923.go and
// as_923_rp2_v1_0_3.go (RX1 rule, group sub-bands), ChirpStack lrwn/src/region/as923.rs.

#include <array>

#include "lorawan/region/region.hpp"
#include "lorawan/region/region_data.hpp"

namespace hortillon::lorawan::region {
namespace {

using namespace data;

// DR0-DR7 as in EU868; the RP002-1.0.5 DR12/DR13 (SF6/SF5) are left out. Max payload: RP002-1.0.5
// Table 73 "not repeater compatible", UplinkDwellTime = 0 and = 1 (DR0, DR1 N/A under 400 ms).
constexpr std::array<DataRateDefinition, 8> as923_data_rates{{
    {0, lora(12, 125'000), true, true, {59, 51}, std::nullopt},
    {1, lora(11, 125'000), true, true, {59, 51}, std::nullopt},
    {2, lora(10, 125'000), true, true, {123, 115}, PayloadSize{19, 11}},
    {3, lora(9, 125'000), true, true, {123, 115}, PayloadSize{61, 53}},
    {4, lora(8, 125'000), true, true, {250, 242}, PayloadSize{133, 125}},
    {5, lora(7, 125'000), true, true, {250, 242}, PayloadSize{250, 242}},
    {6, lora(7, 250'000), true, true, {250, 242}, PayloadSize{250, 242}},
    {7, fsk(50'000), true, true, {250, 242}, PayloadSize{250, 242}},
}};

// RX1DROffset 0..7; 6 and 7 act as -1 and -2. Cell = min(7, max(min_dr, up - effective offset))
// with min_dr 0 (DownlinkDwellTime = 0) or 2 (DownlinkDwellTime = 1): RP002-1.0.5 Tables 74/75,
// TTN as923RP2103Band.Rx1DataRate. (RP 1.0.2 capped at DR5; ChirpStack still does.)
constexpr std::array<Rx1DataRateRow, 8> as923_rx1_rows{{
    {0, {0, 0, 0, 0, 0, 0, 1, 2}},
    {1, {1, 0, 0, 0, 0, 0, 2, 3}},
    {2, {2, 1, 0, 0, 0, 0, 3, 4}},
    {3, {3, 2, 1, 0, 0, 0, 4, 5}},
    {4, {4, 3, 2, 1, 0, 0, 5, 6}},
    {5, {5, 4, 3, 2, 1, 0, 6, 7}},
    {6, {6, 5, 4, 3, 2, 1, 7, 7}},
    {7, {7, 6, 5, 4, 3, 2, 7, 7}},
}};

constexpr std::array<Rx1DataRateRow, 8> as923_rx1_rows_downlink_dwell{{
    {0, {2, 2, 2, 2, 2, 2, 2, 2}},
    {1, {2, 2, 2, 2, 2, 2, 2, 3}},
    {2, {2, 2, 2, 2, 2, 2, 3, 4}},
    {3, {3, 2, 2, 2, 2, 2, 4, 5}},
    {4, {4, 3, 2, 2, 2, 2, 5, 6}},
    {5, {5, 4, 3, 2, 2, 2, 6, 7}},
    {6, {6, 5, 4, 3, 2, 2, 7, 7}},
    {7, {7, 6, 5, 4, 3, 2, 7, 7}},
}};

// Two default channels, 923.2 and 923.4 MHz + offset, DR0-DR5; also the join channels.
constexpr auto default_channels(std::uint32_t first_frequency_hz) -> std::array<ChannelBlock, 1> {
    return {{{.first_index = 0,
              .count = 2,
              .first_frequency_hz = first_frequency_hz,
              .step_hz = 200'000,
              .min_dr = 0,
              .max_dr = 5}}};
}
constexpr auto as923_1_channels = default_channels(923'200'000);
constexpr auto as923_2_channels = default_channels(921'400'000);
constexpr auto as923_3_channels = default_channels(916'600'000);
constexpr auto as923_4_channels = default_channels(917'300'000);

// The group's 1 % sub-band around its default channels, 16 dBm EIRP (TTN as923SubBandParameters).
constexpr std::array<DutyCycleBand, 1> as923_1_bands{
    {{"AS923-1", 923'000'000, 923'500'000, 0.01, 16}}};
constexpr std::array<DutyCycleBand, 1> as923_2_bands{
    {{"AS923-2", 921'400'000, 922'000'000, 0.01, 16}}};
constexpr std::array<DutyCycleBand, 1> as923_3_bands{
    {{"AS923-3", 916'500'000, 917'000'000, 0.01, 16}}};
constexpr std::array<DutyCycleBand, 1> as923_4_bands{
    {{"AS923-4", 917'300'000, 917'500'000, 0.01, 16}}};

// Everything but the frequencies. AS923 spans 915-928 MHz for all groups (as the RP002 AS923
// introduction is summarised in Azure IoT Edge LoRaWAN starter kit ADR 004); a group's country
// allocation is narrower and is the operator's configuration.
constexpr Region as923_common{
    .id = {},
    .name = {},
    .frequency_range = {.min_hz = 915'000'000, .max_hz = 928'000'000},
    .data_rates = as923_data_rates,
    .dwell_time_limits = true,
    .implements_tx_param_setup = true,
    .rx1_data_rates = {.offset_count = 8, .rows = as923_rx1_rows},
    .rx1_data_rates_downlink_dwell = {.offset_count = 8, .rows = as923_rx1_rows_downlink_dwell},
    .rx1_frequency_rule = Rx1FrequencyRule::same_as_uplink,
    .default_channels = {},
    .join_channels = {},
    .downlink_channels = {},
    .rx1_channel_modulus = 0,
    .max_channels = 16,
    .rx2_default = {},
    .beacon = {},
    .ping_slot = {},
    .tx_power_offsets_db = tx_power_offsets_0_to_7,
    .default_max_eirp_dbm = 16,
    .cflist_type = CfListType::frequencies,
    .cflist_first_channel = 2,  // channels 2..6
    .duty_cycle_bands = {},
    .ch_mask_cntl = ch_mask_cntl_16_channels,
    .defaults = rp002_defaults,
};

// One group: RX2 on the first default channel at DR2; beacon and ping slot at 923.4 MHz +
// offset, DR3 (RP 1.0.3revA p.51, TTN as923BeaconFrequencies).
constexpr auto as923_group(std::string_view id, std::span<const ChannelBlock> channels,
                           std::span<const DutyCycleBand> bands, std::uint32_t beacon_hz)
    -> Region {
    Region region = as923_common;
    region.id = id;
    region.name = id;
    region.default_channels = channels;
    region.join_channels = channels;
    region.rx2_default = {.frequency_hz = channels.front().first_frequency_hz, .dr = 2};
    region.beacon = {.frequency_hz = beacon_hz, .dr = 3};
    region.ping_slot = {.frequency_hz = beacon_hz, .dr = 3};
    region.duty_cycle_bands = bands;
    return region;
}

}  // namespace

constinit const Region as923_1 =
    as923_group("AS923-1", as923_1_channels, as923_1_bands, 923'400'000);
constinit const Region as923_2 =
    as923_group("AS923-2", as923_2_channels, as923_2_bands, 921'600'000);
constinit const Region as923_3 =
    as923_group("AS923-3", as923_3_channels, as923_3_bands, 916'800'000);
constinit const Region as923_4 =
    as923_group("AS923-4", as923_4_channels, as923_4_bands, 917'500'000);

}  // namespace hortillon::lorawan::region
