#pragma once
// The 16-octet CFList of a join-accept (RP002 §3.3.1 type 0, §3.3.2 type 1).
//
// CFListType 0, dynamic channel plans: five frequencies for channels N..N+4, N = number of
// default channels (EU868: 3..7, AS923: 2..6). Frequency = value * 100 Hz, 0 = channel unused.
//
//   octet  0..2    3..5    6..8    9..11   12..14   15
//        | Freq N | N+1  | N+2  | N+3  | N+4   | CFListType = 0x00 |   each LE24
//
// CFListType 1, fixed channel plans: channel mask, LSB of octet 0 = channel 0.
//
//   octet  0..1     2..3     4..5     6..7     8..9     10..14  15
//        | ChMask0 | ChMask1 | ChMask2 | ChMask3 | ChMask4 | RFU 0 | CFListType = 0x01 | LE16
//   ChMask0 = channels 0..15, ..., ChMask4 = channels 64..79 (US915 uses 0..71).

#include <array>
#include <bitset>
#include <cstdint>
#include <span>
#include <variant>

#include "lorawan/bytes.hpp"
#include "lorawan/region/region.hpp"

namespace hortillon::lorawan::region {

inline constexpr std::size_t cflist_size = 16;
inline constexpr std::size_t cflist_frequency_count = 5;

using CfList = std::array<std::uint8_t, cflist_size>;

// Bit i = channel i. 96 bits covers every fixed plan (CN470 has 96 channels).
using ChannelMask = std::bitset<96>;

struct CfListFrequencies {
    std::array<std::uint32_t, cflist_frequency_count> frequencies_hz{};  // 0 = unused
    friend auto operator==(const CfListFrequencies&, const CfListFrequencies&) -> bool = default;
};

using ParsedCfList = std::variant<CfListFrequencies, ChannelMask>;

// A type 0 CFList with up to five extra channel frequencies (missing ones encode as 0).
// Fails: cflist_not_supported if the region does not use CFListType 0;
//        too_many_cflist_channels if more than five frequencies are given;
//        frequency_not_encodable if a frequency is not a multiple of 100 Hz or needs > 24 bits;
//        frequency_outside_plan if a non-zero frequency is outside the region's band.
auto build_cflist(const Region& region, std::span<const std::uint32_t> frequencies_hz)
    -> Result<CfList, RegionError>;

// A type 1 CFList enabling the channels set in `enabled`.
// Fails: cflist_not_supported if the region does not use CFListType 1;
//        channel_out_of_range if a channel >= region.max_channels is set.
auto build_cflist(const Region& region, const ChannelMask& enabled) -> Result<CfList, RegionError>;

// Reads a CFList of the region's type.
// Fails: wrong_cflist_size unless exactly 16 octets; unknown_cflist_type for types 2..255;
//        cflist_not_supported if the type is not the region's;
//        frequency_outside_plan for a non-zero frequency outside the band (type 0);
//        channel_out_of_range if a bit >= region.max_channels is set (type 1, incl. RFU octets).
auto parse_cflist(const Region& region, ByteView cflist) -> Result<ParsedCfList, RegionError>;

}  // namespace hortillon::lorawan::region
