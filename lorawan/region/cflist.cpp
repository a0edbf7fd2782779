// CFList build and parse; the layout diagram is in cflist.hpp.

#include "lorawan/region/cflist.hpp"

namespace hortillon::lorawan::region {
namespace {

constexpr std::size_t cflist_type_offset = 15;
constexpr std::uint32_t frequency_unit_hz = 100;
constexpr std::uint32_t max_frequency_value = 0xff'ffff;  // 24 bits
constexpr std::size_t mask_octets = cflist_type_offset;   // octets 0..14 carry mask bits or RFU

auto encode_frequency(const Region& region, std::uint32_t frequency_hz)
    -> Result<std::uint32_t, RegionError> {
    if (frequency_hz == 0) {
        return 0U;
    }
    if (frequency_hz % frequency_unit_hz != 0 ||
        frequency_hz / frequency_unit_hz > max_frequency_value) {
        return Unexpected{RegionError::frequency_not_encodable};
    }
    if (frequency_hz < region.frequency_range.min_hz ||
        frequency_hz > region.frequency_range.max_hz) {
        return Unexpected{RegionError::frequency_outside_plan};
    }
    return frequency_hz / frequency_unit_hz;
}

auto parse_frequencies(const Region& region, ByteView cflist) -> Result<ParsedCfList, RegionError> {
    CfListFrequencies parsed;
    for (std::size_t i = 0; i < cflist_frequency_count; ++i) {
        const std::uint32_t frequency_hz = read_u24_le(cflist, 3 * i) * frequency_unit_hz;
        if (frequency_hz != 0 && (frequency_hz < region.frequency_range.min_hz ||
                                  frequency_hz > region.frequency_range.max_hz)) {
            return Unexpected{RegionError::frequency_outside_plan};
        }
        parsed.frequencies_hz[i] = frequency_hz;
    }
    return ParsedCfList{parsed};
}

auto parse_channel_mask(const Region& region, ByteView cflist)
    -> Result<ParsedCfList, RegionError> {
    ChannelMask mask;
    for (std::size_t channel = 0; channel < mask_octets * 8; ++channel) {
        if ((cflist[channel / 8] >> (channel % 8) & 1U) == 0) {
            continue;
        }
        if (channel >= region.max_channels || channel >= mask.size()) {
            return Unexpected{RegionError::channel_out_of_range};
        }
        mask.set(channel);
    }
    return ParsedCfList{mask};
}

}  // namespace

auto build_cflist(const Region& region, std::span<const std::uint32_t> frequencies_hz)
    -> Result<CfList, RegionError> {
    if (region.cflist_type != CfListType::frequencies) {
        return Unexpected{RegionError::cflist_not_supported};
    }
    if (frequencies_hz.size() > cflist_frequency_count) {
        return Unexpected{RegionError::too_many_cflist_channels};
    }
    CfList out{};
    for (std::size_t i = 0; i < frequencies_hz.size(); ++i) {
        const auto value = encode_frequency(region, frequencies_hz[i]);
        if (!value) {
            return Unexpected{value.error()};
        }
        out[3 * i] = static_cast<std::uint8_t>(*value);
        out[3 * i + 1] = static_cast<std::uint8_t>(*value >> 8);
        out[3 * i + 2] = static_cast<std::uint8_t>(*value >> 16);
    }
    out[cflist_type_offset] = static_cast<std::uint8_t>(CfListType::frequencies);
    return out;
}

auto build_cflist(const Region& region, const ChannelMask& enabled) -> Result<CfList, RegionError> {
    if (region.cflist_type != CfListType::channel_mask) {
        return Unexpected{RegionError::cflist_not_supported};
    }
    CfList out{};
    for (std::size_t channel = 0; channel < enabled.size(); ++channel) {
        if (!enabled.test(channel)) {
            continue;
        }
        if (channel >= region.max_channels) {
            return Unexpected{RegionError::channel_out_of_range};
        }
        out[channel / 8] = static_cast<std::uint8_t>(out[channel / 8] | (1U << (channel % 8)));
    }
    out[cflist_type_offset] = static_cast<std::uint8_t>(CfListType::channel_mask);
    return out;
}

auto parse_cflist(const Region& region, ByteView cflist) -> Result<ParsedCfList, RegionError> {
    if (cflist.size() != cflist_size) {
        return Unexpected{RegionError::wrong_cflist_size};
    }
    const std::uint8_t type = cflist[cflist_type_offset];
    if (type > static_cast<std::uint8_t>(CfListType::channel_mask)) {
        return Unexpected{RegionError::unknown_cflist_type};
    }
    if (region.cflist_type != static_cast<CfListType>(type)) {
        return Unexpected{RegionError::cflist_not_supported};
    }
    if (static_cast<CfListType>(type) == CfListType::frequencies) {
        return parse_frequencies(region, cflist);
    }
    return parse_channel_mask(region, cflist);
}

}  // namespace hortillon::lorawan::region
