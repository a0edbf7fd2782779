#pragma once
// What the network server believes a device's MAC layer currently uses (`DeviceMacState`), as
// the join, the device's answers and its uplinks established it. A value: the MAC functions
// take it and return a new one; the flow persists it (see mac_state_json.hpp).

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "lorawan/mac/mac_commands.hpp"
#include "lorawan/region/cflist.hpp"
#include "lorawan/region/region.hpp"
#include "network-server/adr/adr_algorithm.hpp"

namespace hortillon::network_server {

using SystemTime = std::chrono::system_clock::time_point;

// An uplink channel beyond the region's defaults (CFList or NewChannelReq; dynamic plans).
struct ChannelDefinition {
    std::uint8_t index = 0;
    std::uint32_t frequency_hz = 0;
    std::uint8_t min_dr = 0;
    std::uint8_t max_dr = 0;
    friend auto operator==(const ChannelDefinition&, const ChannelDefinition&) -> bool = default;
};

// TxParamSetupReq values (regions with region.implements_tx_param_setup).
struct TxParams {
    bool uplink_dwell_time_400ms = false;
    bool downlink_dwell_time_400ms = false;
    std::uint8_t max_eirp_index = 15;  // MaxEIRP code (15 = 36 dBm, no extra limit)
    friend auto operator==(const TxParams&, const TxParams&) -> bool = default;
};

// ADRParamSetupReq (1.1): ADR_ACK_LIMIT = 2^limit_exp, ADR_ACK_DELAY = 2^delay_exp.
struct AdrAckParams {
    std::uint8_t limit_exp = 6;  // 64, the RP002 default
    std::uint8_t delay_exp = 5;  // 32
    friend auto operator==(const AdrAckParams&, const AdrAckParams&) -> bool = default;
};

// RejoinParamSetupReq (1.1): a type 0 rejoin every 2^(max_time_n + 10) s or
// 2^(max_count_n + 4) uplinks.
struct RejoinParams {
    std::uint8_t max_time_n = 0;
    std::uint8_t max_count_n = 0;
    bool time_accepted = true;  // RejoinParamSetupAns TimeOK
    friend auto operator==(const RejoinParams&, const RejoinParams&) -> bool = default;
};

// DevStatusAns, for the `status` event.
struct DeviceStatus {
    std::uint8_t battery = 255;  // 0 external power, 1..254 level, 255 unknown
    std::int8_t margin_db = 0;   // demodulation margin of the DevStatusReq, -32..31
    SystemTime received_at{};
    friend auto operator==(const DeviceStatus&, const DeviceStatus&) -> bool = default;

    [[nodiscard]] auto external_power() const -> bool { return battery == 0; }
    [[nodiscard]] auto battery_unknown() const -> bool { return battery == 255; }
};

// Requests sent and not answered yet. A LinkADRReq block is one entry; NewChannelReq and
// DlChannelReq get one entry per channel, answered in the order sent.
struct PendingMacRequest {
    std::vector<lorawan::MacCommand> commands{};  // all of one CID
    std::uint16_t uplinks_since_sent = 0;         // uplinks received without its answer
    std::uint16_t attempts = 1;                   // times sent with these values
    friend auto operator==(const PendingMacRequest&, const PendingMacRequest&) -> bool = default;
};

// What a LinkADRAns rejection taught about the device, so that ADR does not ask again.
struct LinkAdrLimits {
    std::optional<std::uint8_t> max_dr{};              // DataRateACK 0 on a higher DR
    std::optional<std::uint8_t> min_tx_power_index{};  // PowerACK 0 on TXPower 0 (RN2483)
    std::optional<std::uint8_t> max_tx_power_index{};  // PowerACK 0 on a lower power
    std::optional<lorawan::region::ChannelMask> rejected_channel_mask{};  // ChannelMaskACK 0
    friend auto operator==(const LinkAdrLimits&, const LinkAdrLimits&) -> bool = default;
};

struct DeviceMacState {
    // Data rate, power and repetitions.
    std::uint8_t dr = 0;  // of the last uplink: the device's own back-off moves it too
    std::uint8_t tx_power_index = 0;
    std::uint8_t nb_trans = 1;
    // Uplink channels: the region's defaults plus `extra_channels`; `enabled_channels` is the
    // mask the device applies (bit i = channel i).
    lorawan::region::ChannelMask enabled_channels{};
    std::vector<ChannelDefinition> extra_channels{};                  // sorted by index
    std::map<std::uint8_t, std::uint32_t> downlink_frequencies_hz{};  // DlChannelReq, by channel
    // Receive windows.
    std::uint8_t rx1_dr_offset = 0;
    std::uint8_t rx2_dr = 0;
    std::uint32_t rx2_frequency_hz = 0;
    std::chrono::seconds rx1_delay{1};
    // Duty cycle, dwell time, EIRP and 1.1 parameters.
    std::uint8_t max_duty_cycle = 0;        // MaxDCycle: aggregated duty cycle 1 / 2^n, 0 = none
    std::optional<TxParams> tx_params{};    // nullopt: the region's defaults
    std::optional<AdrAckParams> adr_ack{};  // nullopt: ADR_ACK_LIMIT/DELAY of the region
    std::optional<RejoinParams> rejoin{};   // nullopt: never set
    // Requests in flight, rejections and limits learned.
    std::vector<PendingMacRequest> pending{};
    std::vector<lorawan::MacCommand> rejected{};  // last rejected request per CID and channel
    LinkAdrLimits link_adr_limits{};
    // Device status and ADR.
    std::optional<SystemTime> dev_status_requested_at{};
    std::optional<DeviceStatus> last_device_status{};
    std::vector<AdrUplink> adr_history{};

    friend auto operator==(const DeviceMacState&, const DeviceMacState&) -> bool = default;
};

// The state of a device that has just been activated with the region's defaults (ABP, or the
// state a 1.1 ResetInd returns to): default channels on, DR0, maximum power, NbTrans 1, the
// region's RX1 delay, RX1 offset 0 and RX2 window.
auto default_mac_state(const lorawan::region::Region& region) -> DeviceMacState;

// The join-accept's receive settings and CFList.
struct JoinMacSettings {
    std::uint8_t rx1_dr_offset = 0;
    std::uint8_t rx2_dr = 0;
    std::uint32_t rx2_frequency_hz = 0;  // 0: the region's
    std::chrono::seconds rx1_delay{1};
    std::optional<lorawan::region::ParsedCfList> cflist{};
    std::uint8_t join_request_dr = 0;  // the DR the join-request came in on
};

// The state right after a join-accept: region defaults, then the accept's DLSettings and
// RxDelay, then the CFList (type 0 defines and enables channels; type 1 sets the mask).
auto mac_state_after_join(const lorawan::region::Region& region, const JoinMacSettings& join)
    -> DeviceMacState;

// Every uplink channel the device knows: the region's defaults and `state.extra_channels`.
auto defined_channels(const lorawan::region::Region& region, const DeviceMacState& state)
    -> lorawan::region::ChannelMask;

// The DR range of channel `index` (a default or extra channel); nullopt if not defined.
auto channel_dr_range(const lorawan::region::Region& region, const DeviceMacState& state,
                      std::uint8_t index) -> std::optional<std::pair<std::uint8_t, std::uint8_t>>;

// Whether some channel enabled in `mask` allows `dr`.
auto mask_allows_dr(const lorawan::region::Region& region, const DeviceMacState& state,
                    const lorawan::region::ChannelMask& mask, std::uint8_t dr) -> bool;

// The highest TXPower index of the region (its lowest power), e.g. 7 in EU868.
auto max_region_tx_power_index(const lorawan::region::Region& region) -> std::uint8_t;

// The CID of a command (ProprietaryMacCommand has none: nullopt).
auto command_cid(const lorawan::MacCommand& command) -> std::optional<lorawan::Cid>;

}  // namespace hortillon::network_server
