// Functions that read a Region. They hold no region-specific branches: every rule is a lookup
// in the region's tables.

#include "lorawan/region/region.hpp"

#include <algorithm>
#include <array>

namespace hortillon::lorawan::region {
namespace {

constexpr std::array<const Region*, 12> all_regions{
    &eu868,   &us915, &au915, &as923_1, &as923_2, &as923_3,
    &as923_4, &in865, &kr920, &eu433,   &cn470,   &ru864,
};

constexpr std::array<std::string_view, 12> all_region_ids{
    "EU868",   "US915", "AU915", "AS923-1", "AS923-2", "AS923-3",
    "AS923-4", "IN865", "KR920", "EU433",   "CN470",   "RU864",
};

// ChirpStack calls AS923 group 1 plainly "AS923".
constexpr std::string_view as923_1_alias = "AS923";

auto usable_in(const DataRateDefinition& definition, Direction direction) -> bool {
    return direction == Direction::uplink ? definition.uplink : definition.downlink;
}

auto in_band(const Region& region, std::uint32_t frequency_hz) -> bool {
    return frequency_hz >= region.frequency_range.min_hz &&
           frequency_hz <= region.frequency_range.max_hz;
}

// Index of `frequency_hz` within a block, if it is exactly on the block's grid.
auto channel_in_block(const ChannelBlock& block, std::uint32_t frequency_hz)
    -> std::optional<std::uint8_t> {
    if (frequency_hz < block.first_frequency_hz || block.count == 0) {
        return std::nullopt;
    }
    const std::uint32_t distance = frequency_hz - block.first_frequency_hz;
    if (distance == 0) {
        return block.first_index;  // also single-channel blocks, whose step is 0 (IN865)
    }
    if (block.step_hz == 0 || distance % block.step_hz != 0 ||
        distance / block.step_hz >= block.count) {
        return std::nullopt;
    }
    return static_cast<std::uint8_t>(block.first_index + distance / block.step_hz);
}

// The default-channel block holding `frequency_hz` on its grid, or nullptr.
auto default_channel_block(const Region& region, std::uint32_t frequency_hz)
    -> const ChannelBlock* {
    for (const ChannelBlock& block : region.default_channels) {
        if (channel_in_block(block, frequency_hz)) {
            return &block;
        }
    }
    return nullptr;
}

auto block_frequency(std::span<const ChannelBlock> blocks, std::uint8_t channel)
    -> std::optional<std::uint32_t> {
    for (const ChannelBlock& block : blocks) {
        if (channel >= block.first_index && channel < block.first_index + block.count) {
            return block.first_frequency_hz +
                   static_cast<std::uint32_t>(channel - block.first_index) * block.step_hz;
        }
    }
    return std::nullopt;
}

}  // namespace

auto to_string(RegionError error) -> std::string_view {
    switch (error) {
        case RegionError::unknown_data_rate:
            return "unknown_data_rate";
        case RegionError::rx1_dr_offset_out_of_range:
            return "rx1_dr_offset_out_of_range";
        case RegionError::frequency_outside_plan:
            return "frequency_outside_plan";
        case RegionError::tx_power_out_of_range:
            return "tx_power_out_of_range";
        case RegionError::data_rate_not_allowed_with_dwell_time:
            return "data_rate_not_allowed_with_dwell_time";
        case RegionError::cflist_not_supported:
            return "cflist_not_supported";
        case RegionError::too_many_cflist_channels:
            return "too_many_cflist_channels";
        case RegionError::frequency_not_encodable:
            return "frequency_not_encodable";
        case RegionError::channel_out_of_range:
            return "channel_out_of_range";
        case RegionError::wrong_cflist_size:
            return "wrong_cflist_size";
        case RegionError::unknown_cflist_type:
            return "unknown_cflist_type";
        case RegionError::channel_set_not_expressible:
            return "channel_set_not_expressible";
        case RegionError::ch_mask_cntl_rfu:
            return "ch_mask_cntl_rfu";
        case RegionError::no_sub_bands:
            return "no_sub_bands";
        case RegionError::data_rate_not_allowed_on_channel:
            return "data_rate_not_allowed_on_channel";
    }
    return "unknown";
}

auto find_region(std::string_view id) -> const Region* {
    if (id == as923_1_alias) {
        return &as923_1;
    }
    const auto found = std::find_if(all_regions.begin(), all_regions.end(),
                                    [id](const Region* region) { return region->id == id; });
    return found == all_regions.end() ? nullptr : *found;
}

auto region_ids() -> std::span<const std::string_view> {
    return all_region_ids;
}

auto data_rate_definition(const Region& region, std::uint8_t dr) -> const DataRateDefinition* {
    for (const DataRateDefinition& definition : region.data_rates) {
        if (definition.dr == dr) {
            return &definition;
        }
    }
    return nullptr;
}

auto data_rate(const Region& region, std::uint8_t dr) -> Result<DataRate, RegionError> {
    const DataRateDefinition* definition = data_rate_definition(region, dr);
    if (definition == nullptr) {
        return Unexpected{RegionError::unknown_data_rate};
    }
    return definition->data_rate;
}

auto data_rate_index(const Region& region, const DataRate& data_rate, Direction direction)
    -> std::optional<std::uint8_t> {
    for (const DataRateDefinition& definition : region.data_rates) {
        if (usable_in(definition, direction) && definition.data_rate == data_rate) {
            return definition.dr;
        }
    }
    return std::nullopt;
}

auto rx1_data_rate(const Region& region, std::uint8_t uplink_dr, std::uint8_t rx1_dr_offset,
                   bool downlink_dwell_time_400ms) -> Result<std::uint8_t, RegionError> {
    const bool use_dwell_table =
        downlink_dwell_time_400ms && !region.rx1_data_rates_downlink_dwell.rows.empty();
    const Rx1DataRateTable& table =
        use_dwell_table ? region.rx1_data_rates_downlink_dwell : region.rx1_data_rates;
    const auto row = std::find_if(
        table.rows.begin(), table.rows.end(),
        [uplink_dr](const Rx1DataRateRow& candidate) { return candidate.uplink_dr == uplink_dr; });
    if (row == table.rows.end()) {
        return Unexpected{RegionError::unknown_data_rate};
    }
    if (rx1_dr_offset >= table.offset_count ||
        row->rx1_dr_by_offset[rx1_dr_offset] == no_data_rate) {
        return Unexpected{RegionError::rx1_dr_offset_out_of_range};
    }
    return row->rx1_dr_by_offset[rx1_dr_offset];
}

auto uplink_channel_index(const Region& region, std::uint32_t frequency_hz)
    -> Result<std::uint8_t, RegionError> {
    for (const ChannelBlock& block : region.default_channels) {
        if (const auto channel = channel_in_block(block, frequency_hz)) {
            return *channel;
        }
    }
    return Unexpected{RegionError::frequency_outside_plan};
}

auto is_uplink_frequency(const Region& region, std::uint32_t frequency_hz) -> bool {
    if (region.rx1_frequency_rule == Rx1FrequencyRule::downlink_channel_modulo) {
        return default_channel_block(region, frequency_hz) != nullptr;
    }
    return in_band(region, frequency_hz);
}

auto is_uplink_data_rate(const Region& region, std::uint8_t dr) -> bool {
    const DataRateDefinition* definition = data_rate_definition(region, dr);
    return definition != nullptr && definition->uplink;
}

auto check_uplink(const Region& region, std::uint32_t frequency_hz, std::uint8_t dr)
    -> Result<void, RegionError> {
    if (!is_uplink_frequency(region, frequency_hz)) {
        return Unexpected{RegionError::frequency_outside_plan};
    }
    if (!is_uplink_data_rate(region, dr)) {
        return Unexpected{RegionError::unknown_data_rate};
    }
    const ChannelBlock* block = default_channel_block(region, frequency_hz);
    if (block != nullptr && (dr < block->min_dr || dr > block->max_dr)) {
        return Unexpected{RegionError::data_rate_not_allowed_on_channel};
    }
    return {};
}

auto rx1_frequency(const Region& region, std::uint32_t uplink_frequency_hz)
    -> Result<std::uint32_t, RegionError> {
    if (!in_band(region, uplink_frequency_hz)) {
        return Unexpected{RegionError::frequency_outside_plan};
    }
    if (region.rx1_frequency_rule == Rx1FrequencyRule::same_as_uplink) {
        return uplink_frequency_hz;
    }
    const auto uplink_channel = uplink_channel_index(region, uplink_frequency_hz);
    if (!uplink_channel) {
        return Unexpected{uplink_channel.error()};
    }
    // RX1 channel = uplink channel mod 8 in US915 and AU915, mod 48 in CN470 (RP002 "Receive
    // windows" of each).
    if (region.rx1_channel_modulus == 0) {
        return Unexpected{RegionError::frequency_outside_plan};
    }
    const auto frequency =
        block_frequency(region.downlink_channels,
                        static_cast<std::uint8_t>(*uplink_channel % region.rx1_channel_modulus));
    if (!frequency) {
        return Unexpected{RegionError::frequency_outside_plan};
    }
    return *frequency;
}

auto max_payload_size(const Region& region, std::uint8_t dr, bool dwell_time_400ms)
    -> Result<PayloadSize, RegionError> {
    const DataRateDefinition* definition = data_rate_definition(region, dr);
    if (definition == nullptr) {
        return Unexpected{RegionError::unknown_data_rate};
    }
    if (!region.dwell_time_limits || !dwell_time_400ms) {
        return definition->max_payload;
    }
    if (!definition->max_payload_dwell_400ms) {
        return Unexpected{RegionError::data_rate_not_allowed_with_dwell_time};
    }
    return *definition->max_payload_dwell_400ms;
}

auto tx_power_eirp(const Region& region, std::uint8_t tx_power_index, double max_eirp_dbm)
    -> Result<double, RegionError> {
    if (tx_power_index >= region.tx_power_offsets_db.size()) {
        return Unexpected{RegionError::tx_power_out_of_range};
    }
    return max_eirp_dbm + region.tx_power_offsets_db[tx_power_index];
}

auto duty_cycle_band(const Region& region, std::uint32_t frequency_hz) -> const DutyCycleBand* {
    for (const DutyCycleBand& band : region.duty_cycle_bands) {
        if (frequency_hz >= band.min_hz && frequency_hz < band.max_hz) {
            return &band;
        }
    }
    return nullptr;
}

}  // namespace hortillon::lorawan::region
