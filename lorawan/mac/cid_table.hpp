#pragma once
// The one table of MAC commands: CID, direction, payload size and spec name. Decoding looks a
// CID up here, encoding takes the CID byte from here, and each command struct takes its `size`
// from here, so a length is written down exactly once. Row i is alternative i of `MacCommand`
// (mac_commands.hpp); a static_assert in mac_commands.cpp keeps the two in step.
//
// Sources: LoRaWAN 1.1 Table 4, TS001-1.0.4 Table 15 (class A) and Table 61 (class B).
// Decoding is version-agnostic: a 1.0.4 device that sends RekeyInd (RFU in 1.0.4) still decodes
// here, and the MAC handlers decide whether the session's version allows it.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "lorawan/direction.hpp"

namespace hortillon::lorawan {

// Command identifiers. A request and its answer share one CID and differ in direction.
enum class Cid : std::uint8_t {
    reset = 0x01,  // 1.1
    link_check = 0x02,
    link_adr = 0x03,
    duty_cycle = 0x04,
    rx_param_setup = 0x05,
    dev_status = 0x06,
    new_channel = 0x07,
    rx_timing_setup = 0x08,
    tx_param_setup = 0x09,      // 1.0.2+
    dl_channel = 0x0a,          // 1.0.2+
    rekey = 0x0b,               // 1.1
    adr_param_setup = 0x0c,     // 1.1
    device_time = 0x0d,         // 1.0.3+
    force_rejoin = 0x0e,        // 1.1, downlink only
    rejoin_param_setup = 0x0f,  // 1.1
    ping_slot_info = 0x10,      // class B
    ping_slot_channel = 0x11,   // class B
    beacon_timing = 0x12,       // class B, deprecated in 1.0.4 and 1.1
    beacon_freq = 0x13,         // class B
    device_mode = 0x20,         // 1.1 class C switch
};

// CIDs 0x80..0xFF are proprietary; their payload length is known only to their vendor.
inline constexpr std::uint8_t first_proprietary_cid = 0x80;

// A command payload of exactly N bytes (the CID excluded).
template <std::size_t N>
using PayloadView = std::span<const std::uint8_t, N>;

struct MacCommandInfo {
    Cid cid;
    Direction direction;    // uplink: device to network; downlink: network to device
    std::size_t size;       // payload bytes after the CID
    std::string_view name;  // spec spelling, for logs
};

// Ordered by CID, uplink row before downlink row. The order is the order of `MacCommand`.
inline constexpr std::array mac_command_table{
    MacCommandInfo{Cid::reset, Direction::uplink, 1, "ResetInd"},
    MacCommandInfo{Cid::reset, Direction::downlink, 1, "ResetConf"},
    MacCommandInfo{Cid::link_check, Direction::uplink, 0, "LinkCheckReq"},
    MacCommandInfo{Cid::link_check, Direction::downlink, 2, "LinkCheckAns"},
    MacCommandInfo{Cid::link_adr, Direction::uplink, 1, "LinkADRAns"},
    MacCommandInfo{Cid::link_adr, Direction::downlink, 4, "LinkADRReq"},
    MacCommandInfo{Cid::duty_cycle, Direction::uplink, 0, "DutyCycleAns"},
    MacCommandInfo{Cid::duty_cycle, Direction::downlink, 1, "DutyCycleReq"},
    MacCommandInfo{Cid::rx_param_setup, Direction::uplink, 1, "RXParamSetupAns"},
    MacCommandInfo{Cid::rx_param_setup, Direction::downlink, 4, "RXParamSetupReq"},
    MacCommandInfo{Cid::dev_status, Direction::uplink, 2, "DevStatusAns"},
    MacCommandInfo{Cid::dev_status, Direction::downlink, 0, "DevStatusReq"},
    MacCommandInfo{Cid::new_channel, Direction::uplink, 1, "NewChannelAns"},
    MacCommandInfo{Cid::new_channel, Direction::downlink, 5, "NewChannelReq"},
    MacCommandInfo{Cid::rx_timing_setup, Direction::uplink, 0, "RXTimingSetupAns"},
    MacCommandInfo{Cid::rx_timing_setup, Direction::downlink, 1, "RXTimingSetupReq"},
    MacCommandInfo{Cid::tx_param_setup, Direction::uplink, 0, "TxParamSetupAns"},
    MacCommandInfo{Cid::tx_param_setup, Direction::downlink, 1, "TxParamSetupReq"},
    MacCommandInfo{Cid::dl_channel, Direction::uplink, 1, "DlChannelAns"},
    MacCommandInfo{Cid::dl_channel, Direction::downlink, 4, "DlChannelReq"},
    MacCommandInfo{Cid::rekey, Direction::uplink, 1, "RekeyInd"},
    MacCommandInfo{Cid::rekey, Direction::downlink, 1, "RekeyConf"},
    MacCommandInfo{Cid::adr_param_setup, Direction::uplink, 0, "ADRParamSetupAns"},
    MacCommandInfo{Cid::adr_param_setup, Direction::downlink, 1, "ADRParamSetupReq"},
    MacCommandInfo{Cid::device_time, Direction::uplink, 0, "DeviceTimeReq"},
    MacCommandInfo{Cid::device_time, Direction::downlink, 5, "DeviceTimeAns"},
    MacCommandInfo{Cid::force_rejoin, Direction::downlink, 2, "ForceRejoinReq"},
    MacCommandInfo{Cid::rejoin_param_setup, Direction::uplink, 1, "RejoinParamSetupAns"},
    MacCommandInfo{Cid::rejoin_param_setup, Direction::downlink, 1, "RejoinParamSetupReq"},
    MacCommandInfo{Cid::ping_slot_info, Direction::uplink, 1, "PingSlotInfoReq"},
    MacCommandInfo{Cid::ping_slot_info, Direction::downlink, 0, "PingSlotInfoAns"},
    MacCommandInfo{Cid::ping_slot_channel, Direction::uplink, 1, "PingSlotChannelAns"},
    MacCommandInfo{Cid::ping_slot_channel, Direction::downlink, 4, "PingSlotChannelReq"},
    MacCommandInfo{Cid::beacon_timing, Direction::uplink, 0, "BeaconTimingReq"},
    MacCommandInfo{Cid::beacon_timing, Direction::downlink, 3, "BeaconTimingAns"},
    MacCommandInfo{Cid::beacon_freq, Direction::uplink, 1, "BeaconFreqAns"},
    MacCommandInfo{Cid::beacon_freq, Direction::downlink, 3, "BeaconFreqReq"},
    MacCommandInfo{Cid::device_mode, Direction::uplink, 1, "DeviceModeInd"},
    MacCommandInfo{Cid::device_mode, Direction::downlink, 1, "DeviceModeConf"},
};

// The row index of (cid, direction), which is also the `MacCommand` alternative index, or
// nullopt when the CID is unknown, proprietary or RFU in that direction. Never fails otherwise.
constexpr auto find_mac_command(std::uint8_t cid, Direction direction)
    -> std::optional<std::size_t> {
    for (std::size_t row = 0; row < mac_command_table.size(); ++row) {
        const auto& info = mac_command_table[row];
        if (static_cast<std::uint8_t>(info.cid) == cid && info.direction == direction) {
            return row;
        }
    }
    return std::nullopt;
}

// The payload size of a command that the table holds. For the command structs only: a pair
// that is not in the table is a compile error, not a runtime failure.
consteval auto mac_payload_size(Cid cid, Direction direction) -> std::size_t {
    const auto row = find_mac_command(static_cast<std::uint8_t>(cid), direction);
    if (!row) {
        throw "MAC command missing from mac_command_table";
    }
    return mac_command_table[*row].size;
}

}  // namespace hortillon::lorawan
