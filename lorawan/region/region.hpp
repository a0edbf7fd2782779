#pragma once
// Regional parameters as data: one constant `Region` per channel plan, and pure functions that
// read it. Nothing here does I/O or reads a clock; the tables are immutable.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "lorawan/direction.hpp"
#include "lorawan/region/region_types.hpp"
#include "lorawan/result.hpp"

namespace hortillon::lorawan::region {

enum class RegionError : std::uint8_t {
    unknown_data_rate,                      // DR not defined (or not usable in that direction)
    rx1_dr_offset_out_of_range,             // RX1DROffset beyond the region's table
    frequency_outside_plan,                 // not in the band or not on the channel grid
    tx_power_out_of_range,                  // TXPower index not in the region's table
    data_rate_not_allowed_with_dwell_time,  // AS923 DR0/DR1 under the 400 ms dwell limit
    cflist_not_supported,                   // the region does not use that CFList type
    too_many_cflist_channels,               // more than five frequencies in a type 0 CFList
    frequency_not_encodable,                // not a multiple of 100 Hz or outside 24 bits
    channel_out_of_range,                   // channel index >= the region's max_channels
    wrong_cflist_size,                      // a CFList is exactly 16 octets
    unknown_cflist_type,                    // CFListType other than 0 and 1
    channel_set_not_expressible,            // the chosen LinkADRReq form cannot express it
    ch_mask_cntl_rfu,                       // ChMaskCntl value is RFU in this region
    no_sub_bands,                           // the region has no 8 + 1 channel sub-bands
    data_rate_not_allowed_on_channel,       // DR outside the channel's range (US915 DR4 on 125 kHz)
};

// Stable snake_case name of the error, for logs and counters.
auto to_string(RegionError error) -> std::string_view;

// A complete channel plan. All members are plain data; see the .cpp of each region for sources.
struct Region {
    std::string_view id;    // "EU868", "US915", "AS923-2"
    std::string_view name;  // the RP002 band name, "EU863-870"
    FrequencyRange frequency_range;
    std::span<const DataRateDefinition> data_rates;
    bool dwell_time_limits = false;  // max payload depends on the 400 ms dwell time (AS923, AU915)
    bool implements_tx_param_setup = false;
    Rx1DataRateTable rx1_data_rates;
    Rx1DataRateTable rx1_data_rates_downlink_dwell;  // empty rows: same as rx1_data_rates
    Rx1FrequencyRule rx1_frequency_rule = Rx1FrequencyRule::same_as_uplink;
    std::span<const ChannelBlock> default_channels;   // mandatory uplink channels
    std::span<const ChannelBlock> join_channels;      // channels a join-request may use
    std::span<const ChannelBlock> downlink_channels;  // fixed plans only, indexed by RX1 rule
    std::uint8_t rx1_channel_modulus = 0;             // 8 in US915 and AU915, 48 in CN470
    std::uint8_t max_channels = 0;
    ReceiveWindow rx2_default;
    ClassBChannel beacon;
    ClassBChannel ping_slot;
    std::span<const std::int8_t> tx_power_offsets_db;  // index = TXPower; EIRP = max + offset
    double default_max_eirp_dbm = 0;
    std::optional<CfListType> cflist_type;  // nullopt: no CFList in this region
    std::uint8_t cflist_first_channel = 0;  // type 0: channel of the first frequency
    std::span<const DutyCycleBand> duty_cycle_bands;
    std::array<ChMaskCntlEntry, 8> ch_mask_cntl{};  // index = ChMaskCntl
    RegionDefaults defaults;
};

// Every channel plan (see the .cpp of each for its sources).
extern const Region eu868;
extern const Region us915;
extern const Region au915;
extern const Region as923_1;
extern const Region as923_2;
extern const Region as923_3;
extern const Region as923_4;
extern const Region in865;
extern const Region kr920;
extern const Region eu433;
extern const Region cn470;  // the classic 96 + 48 channel plan, see cn470.cpp
extern const Region ru864;

// The region with this id (exact, case-sensitive), or nullptr. Ids are ChirpStack's common names
// with the AS923 group always spelled out ("AS923-1"); "AS923", ChirpStack's name for group 1,
// is accepted as an alias of "AS923-1".
auto find_region(std::string_view id) -> const Region*;

// Ids of every region find_region knows (aliases excluded), in a stable order.
auto region_ids() -> std::span<const std::string_view>;

// The table row for `dr`, or nullptr if the region does not define it.
auto data_rate_definition(const Region& region, std::uint8_t dr) -> const DataRateDefinition*;

// The modulation of `dr`.
// Fails: unknown_data_rate if the region does not define `dr`.
auto data_rate(const Region& region, std::uint8_t dr) -> Result<DataRate, RegionError>;

// The DR index of a received (uplink) or sent (downlink) modulation; nullopt if the region has no
// DR with that modulation usable in that direction. US915 SF8/500 kHz is DR4 up and DR12 down.
auto data_rate_index(const Region& region, const DataRate& data_rate,
                     Direction direction = Direction::uplink) -> std::optional<std::uint8_t>;

// RX1 data rate for an uplink at `uplink_dr` with `rx1_dr_offset` (RX1DROffset), from the
// region's table; `downlink_dwell_time_400ms` selects AS923's DownlinkDwellTime = 1 table.
// Fails: unknown_data_rate if the table has no row for `uplink_dr`;
//        rx1_dr_offset_out_of_range if the offset is not valid for the region.
auto rx1_data_rate(const Region& region, std::uint8_t uplink_dr, std::uint8_t rx1_dr_offset,
                   bool downlink_dwell_time_400ms = false) -> Result<std::uint8_t, RegionError>;

// The uplink channel index of a frequency on a fixed grid (US915) or a default channel.
// Fails: frequency_outside_plan if no default channel has exactly this frequency. Channels a
// device learned from a CFList or NewChannelReq are device state, not region data.
auto uplink_channel_index(const Region& region, std::uint32_t frequency_hz)
    -> Result<std::uint8_t, RegionError>;

// Whether an uplink on `frequency_hz` can belong to the region. Fixed plans (US915, AU915,
// CN470): only their uplink channel grid. Dynamic plans: any frequency in the band, as a device
// may use channels it learned from a CFList or NewChannelReq (device state, not region data).
auto is_uplink_frequency(const Region& region, std::uint32_t frequency_hz) -> bool;

// Whether `dr` is defined by the region and usable for uplinks.
auto is_uplink_data_rate(const Region& region, std::uint8_t dr) -> bool;

// Checks a received uplink's frequency and DR against the region, so that a frame from a device
// of another region (or on a wrong grid) can be rejected.
// Fails: frequency_outside_plan if is_uplink_frequency is false;
//        unknown_data_rate if is_uplink_data_rate is false;
//        data_rate_not_allowed_on_channel if the frequency is a region channel whose DR range
//        excludes `dr` (US915 DR0 on a 500 kHz channel, AU915 DR6 on a 125 kHz channel).
auto check_uplink(const Region& region, std::uint32_t frequency_hz, std::uint8_t dr)
    -> Result<void, RegionError>;

// RX1 frequency for an uplink received on `uplink_frequency_hz`. Dynamic plans answer the same
// frequency; fixed plans derive the uplink channel and answer downlink channel
// (ch mod region.rx1_channel_modulus), e.g. US915 923.3 + 0.6 * (ch mod 8) MHz.
// Fails: frequency_outside_plan if the frequency is outside the band, or (fixed plans) not an
//        uplink channel of the grid.
auto rx1_frequency(const Region& region, std::uint32_t uplink_frequency_hz)
    -> Result<std::uint32_t, RegionError>;

// Maximum MACPayload (M) and FRMPayload with empty FOpts (N) at `dr`.
// `dwell_time_400ms` only matters where region.dwell_time_limits is set.
// Fails: unknown_data_rate if `dr` is not defined;
//        data_rate_not_allowed_with_dwell_time if `dr` cannot be used under the dwell limit.
auto max_payload_size(const Region& region, std::uint8_t dr, bool dwell_time_400ms)
    -> Result<PayloadSize, RegionError>;

// EIRP in dBm for a TXPower index: max_eirp_dbm + offset[index] (RP002: MaxEIRP - 2 * index).
// Pass region.default_max_eirp_dbm unless the device reported its own.
// Fails: tx_power_out_of_range if the index is not in the table (15 in LinkADRReq means "keep
//        the current power" and is for the caller to handle).
auto tx_power_eirp(const Region& region, std::uint8_t tx_power_index, double max_eirp_dbm)
    -> Result<double, RegionError>;

// The regulatory sub-band containing `frequency_hz`, or nullptr (also for regions without any).
auto duty_cycle_band(const Region& region, std::uint32_t frequency_hz) -> const DutyCycleBand*;

}  // namespace hortillon::lorawan::region
