#pragma once
// DeviceMacState as a compact JSON document, for one column of the device store.
//
//   {"version":1,"dr":5,"tx_power_index":2,"nb_trans":1,
//    "enabled_channels":"ff0000000000000000000000",        12 bytes, byte i = channels 8i..8i+7
//    "extra_channels":[[3,867100000,0,5]],                 [index, Hz, min DR, max DR]
//    "downlink_frequencies":[[0,868100000]],               [channel, Hz]
//    "rx1_dr_offset":0,"rx2_dr":0,"rx2_frequency":869525000,"rx1_delay":1,
//    "max_duty_cycle":0,"tx_params":[false,false,15],"adr_ack":[6,5],"rejoin":[0,0,true],
//    "pending":[["0350ff0001",0,1]],                       [downlink MAC bytes, silent uplinks,
//                                                           attempts]
//    "rejected":"0350ff0001", "link_adr_limits":{"max_dr":4,...},
//    "dev_status_requested_at":1700000000000,              Unix milliseconds
//    "last_device_status":[254,10,1700000000000],          [battery, margin, time]
//    "adr_history":[[12,7.5,0,5]]}                         [FCnt, max SNR, TXPower, DR]
//
// Reading is tolerant: a missing member keeps the value of `defaults` (so older documents and
// hand-written ones load), unknown members are ignored.

#include <string>
#include <string_view>

#include "lorawan/result.hpp"
#include "network-server/mac/mac_state.hpp"

namespace hortillon::network_server {

inline constexpr int mac_state_json_version = 1;

enum class MacStateJsonError : std::uint8_t {
    malformed_json,       // not JSON at all
    not_an_object,        // JSON, but not an object
    unsupported_version,  // "version" newer than this code reads
    bad_field,            // a member has the wrong type or an out-of-range value
};

auto to_string(MacStateJsonError error) -> std::string_view;

auto mac_state_to_json(const DeviceMacState& state) -> std::string;

// Fails: malformed_json, not_an_object, unsupported_version, bad_field.
auto mac_state_from_json(std::string_view json, const DeviceMacState& defaults)
    -> Result<DeviceMacState, MacStateJsonError>;

}  // namespace hortillon::network_server
