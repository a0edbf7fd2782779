#pragma once
// Applying what a device says in an uplink to the server's `DeviceMacState`: answers to our
// requests (LoRaWAN 1.0.4 and 1.1 chapter 5), 1.1 indications, and what the uplink itself shows
// (its DR, and its SNR for the ADR history).
//
//   LinkADRAns         all three ACK bits: the state takes the requested DR/TXPower/NbTrans/mask
//                      (the ADR history restarts when they change); otherwise nothing changes and
//                      the rejection is recorded: a DR or power refused bounds what ADR asks next
//   RXParamSetupAns    all three bits: RX1DROffset/RX2 set; else recorded (sticky answer)
//   RXTimingSetupAns   RX1 delay set (sticky)
//   DlChannelAns       both bits: RX1 frequency of the channel set; else recorded (sticky)
//   TxParamSetupAns    dwell times and MaxEIRP set (sticky in 1.0.4)
//   NewChannelAns      both bits: channel defined, enabled (frequency 0: removed); else recorded
//   DutyCycleAns, ADRParamSetupAns: values set; RejoinParamSetupAns: set, TimeOK as reported
//   DevStatusAns       the `status` event: battery and margin
//   ResetInd (1.1)     ResetConf due, state back to the region's defaults
//   RekeyInd (1.1)     RekeyConf due (the key switch itself is the session's business)
//
// Sticky answers are repeated by the device in every uplink until it receives a class A
// downlink, so any of them sets `downlink_required`, even a repetition with nothing pending.

#include <span>
#include <string_view>
#include <vector>

#include "lorawan/mac/mac_commands.hpp"
#include "lorawan/mac_version.hpp"
#include "network-server/mac/mac_state.hpp"

namespace hortillon::network_server {

// The facts of the uplink that carried the answers.
struct MacUplink {
    lorawan::MacVersion mac_version = lorawan::MacVersion::v1_0_3;
    std::uint32_t f_cnt = 0;  // full 32-bit FCntUp
    std::uint8_t dr = 0;
    double max_snr_db = 0;  // best SNR over the gateways that heard it
    bool adr_ack_req = false;
    SystemTime received_at{};
};

enum class MacFindingKind : std::uint8_t {
    acknowledged,       // the device applied the request
    rejected,           // the device refused (part of) it; `status` has the answer's bits
    unexpected_answer,  // an answer with no matching request pending
    repeated_answer,    // a sticky answer repeated after it was applied
    not_allowed,        // a command this device's LoRaWAN version does not have
    ignored,            // a command this layer does not handle (class B, proprietary, ...)
    device_status,      // DevStatusAns: see MacAnswersOutcome::device_status
    device_reset,       // ResetInd: state back to defaults, ResetConf due
    rekey,              // RekeyInd: RekeyConf due
    device_backed_off,  // ADRACKReq at a lower DR than set: the device's own ADR back-off
    gave_up,            // a request sent the most times allowed without effect; dropped
};

auto to_string(MacFindingKind kind) -> std::string_view;

struct MacFinding {
    MacFindingKind kind = MacFindingKind::acknowledged;
    std::optional<lorawan::Cid> cid{};  // nullopt for device_backed_off and proprietary commands
    std::uint8_t status = 0;            // the answer's status bits where it has some
    friend auto operator==(const MacFinding&, const MacFinding&) -> bool = default;
};

struct MacAnswersOutcome {
    DeviceMacState state;
    std::vector<MacFinding> findings{};
    std::vector<lorawan::MacCommand> answers{};   // ResetConf, RekeyConf for the next downlink
    std::optional<DeviceStatus> device_status{};  // for the `status` event
    bool downlink_required = false;  // a sticky answer, or an answer of ours, needs a downlink
};

// `device_answers` are the uplink's MAC commands other than LinkCheckReq and DeviceTimeReq
// (MacOutcome::device_answers). Pending requests without an answer count one more silent
// uplink; the uplink is appended to the ADR history with the TXPower now believed in use.
auto apply_mac_answers(const DeviceMacState& state,
                       std::span<const lorawan::MacCommand> device_answers, const MacUplink& uplink,
                       const lorawan::region::Region& region) -> MacAnswersOutcome;

}  // namespace hortillon::network_server
