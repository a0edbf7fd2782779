#pragma once
// The value types a regional channel plan is made of. A region is data (see region.hpp); the
// functions in region.hpp, cflist.hpp and channel_mask.hpp read it and never branch on a region
// name. Sources: LoRaWAN Regional Parameters RP002-1.0.x (and RP 1.0.3revA for the older tables).

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <variant>

namespace hortillon::lorawan::region {

// LoRa always uses coding rate 4/5 in LoRaWAN, so it is not stored per data rate.
struct LoraModulation {
    std::uint8_t spreading_factor = 0;
    std::uint32_t bandwidth_hz = 0;
    friend auto operator==(const LoraModulation&, const LoraModulation&) -> bool = default;
};

struct FskModulation {
    std::uint32_t bit_rate = 0;  // bit/s
    friend auto operator==(const FskModulation&, const FskModulation&) -> bool = default;
};

// LR-FHSS coding rates as RP002 names them (ChirpStack writes 1/3 as "2/6" and 2/3 as "4/6").
enum class LrFhssCodingRate : std::uint8_t { cr_1_3, cr_2_3 };

struct LrFhssModulation {
    std::uint32_t occupied_channel_width_hz = 0;  // OCW
    LrFhssCodingRate coding_rate = LrFhssCodingRate::cr_1_3;
    friend auto operator==(const LrFhssModulation&, const LrFhssModulation&) -> bool = default;
};

// The physical modulation behind a DR index.
using DataRate = std::variant<LoraModulation, FskModulation, LrFhssModulation>;

// M: maximum MACPayload size; N: maximum FRMPayload size with empty FOpts (N = M - 8).
struct PayloadSize {
    std::uint16_t m = 0;
    std::uint16_t n = 0;
    friend auto operator==(const PayloadSize&, const PayloadSize&) -> bool = default;
};

// One row of a region's data-rate table. Payload sizes are the "not repeater compatible" tables,
// which is what a network server enforces.
struct DataRateDefinition {
    std::uint8_t dr = 0;
    DataRate data_rate;
    bool uplink = false;
    bool downlink = false;
    PayloadSize max_payload;
    // Only for regions with dwell_time_limits: the limit when the 400 ms dwell time applies;
    // nullopt means the DR may not be used at all under that limit (AS923 DR0, DR1).
    std::optional<PayloadSize> max_payload_dwell_400ms;
};

// A value in an RX1 table cell that is not allowed (offset RFU for that row).
inline constexpr std::uint8_t no_data_rate = 0xff;

// RX1 DR as a function of uplink DR and RX1DROffset: one row per uplink DR.
struct Rx1DataRateRow {
    std::uint8_t uplink_dr = 0;
    std::array<std::uint8_t, 8> rx1_dr_by_offset{};  // index = RX1DROffset
};

struct Rx1DataRateTable {
    std::uint8_t offset_count = 0;  // valid RX1DROffset values are 0 .. offset_count - 1
    std::span<const Rx1DataRateRow> rows;
};

enum class Rx1FrequencyRule : std::uint8_t {
    same_as_uplink,           // dynamic channel plans (EU868, AS923, ...)
    downlink_channel_modulo,  // fixed plans: RX1 channel = uplink channel mod rx1_channel_modulus
};

// Channels first_index .. first_index + count - 1 at first_frequency_hz + i * step_hz.
struct ChannelBlock {
    std::uint8_t first_index = 0;
    std::uint8_t count = 0;
    std::uint32_t first_frequency_hz = 0;
    std::uint32_t step_hz = 0;
    std::uint8_t min_dr = 0;
    std::uint8_t max_dr = 0;
};

struct FrequencyRange {
    std::uint32_t min_hz = 0;  // inclusive
    std::uint32_t max_hz = 0;  // inclusive
};

struct ReceiveWindow {
    std::uint32_t frequency_hz = 0;
    std::uint8_t dr = 0;
};

// Class B beacon or ping-slot channel. nullopt frequency: the channel hops over
// `hopping_channels` (US915 and AU915: the eight 500 kHz downlink channels, TS001-1.0.4 §14.2 /
// LoRaWAN 1.0.3 Class B §13.2; CN470: eight beacon channels of its own).
struct ClassBChannel {
    std::optional<std::uint32_t> frequency_hz;
    std::uint8_t dr = 0;
    std::span<const ChannelBlock> hopping_channels{};
};

// A regulatory sub-band (ETSI EN 300 220 for EU868). Range is [min_hz, max_hz).
struct DutyCycleBand {
    std::string_view name;
    std::uint32_t min_hz = 0;
    std::uint32_t max_hz = 0;
    double duty_cycle = 1.0;  // 0.01 = 1 %
    double max_eirp_dbm = 0;
};

// CFListType, the last octet of a 16-octet CFList (RP002 §3.3.1, §3.3.2).
enum class CfListType : std::uint8_t { frequencies = 0, channel_mask = 1 };

// What LinkADRReq's ChMaskCntl value selects (RP002 per-region "ChMaskCntl value table").
enum class ChMaskCntlMeaning : std::uint8_t {
    rfu,                      // device rejects with Channel mask ACK = 0
    channel_block,            // ChMask bit i = channel first_channel + i
    all_channels_on,          // all defined channels on, ChMask ignored (16-channel plans)
    all_125khz_on_mask_500,   // 125 kHz channels on, ChMask bits 0..7 = channels 64..71
    all_125khz_off_mask_500,  // 125 kHz channels off, ChMask bits 0..7 = channels 64..71
    sub_band_mask,            // ChMask bit i = block i (8 x 125 kHz + 500 kHz channel 64 + i)
};

struct ChMaskCntlEntry {
    ChMaskCntlMeaning meaning = ChMaskCntlMeaning::rfu;
    std::uint8_t first_channel = 0;  // only for channel_block
};

// Default MAC timing and ADR back-off settings (RP002-1.0.4 p.28 "Default settings").
struct RegionDefaults {
    std::chrono::seconds receive_delay1{};
    std::chrono::seconds receive_delay2{};  // RECEIVE_DELAY1 + 1 s
    std::chrono::seconds join_accept_delay1{};
    std::chrono::seconds join_accept_delay2{};
    std::uint16_t adr_ack_limit = 0;
    std::uint16_t adr_ack_delay = 0;
};

}  // namespace hortillon::lorawan::region
