#pragma once
// MAC commands as values, and the codecs for a run of them (FOpts, or an FRMPayload on FPort 0).
// The bytes must already be decrypted (LoRaWAN 1.1 encrypts FOpts). Which version allows which
// command, and what a command does, is for the MAC handlers; this layer only reads and writes.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "lorawan/bytes.hpp"
#include "lorawan/direction.hpp"
#include "lorawan/mac/adr_param_setup.hpp"
#include "lorawan/mac/beacon_freq.hpp"
#include "lorawan/mac/beacon_timing.hpp"
#include "lorawan/mac/cid_table.hpp"
#include "lorawan/mac/dev_status.hpp"
#include "lorawan/mac/device_mode.hpp"
#include "lorawan/mac/device_time.hpp"
#include "lorawan/mac/dl_channel.hpp"
#include "lorawan/mac/duty_cycle.hpp"
#include "lorawan/mac/force_rejoin.hpp"
#include "lorawan/mac/link_adr.hpp"
#include "lorawan/mac/link_check.hpp"
#include "lorawan/mac/mac_error.hpp"
#include "lorawan/mac/new_channel.hpp"
#include "lorawan/mac/ping_slot_channel.hpp"
#include "lorawan/mac/ping_slot_info.hpp"
#include "lorawan/mac/rejoin_param_setup.hpp"
#include "lorawan/mac/rekey.hpp"
#include "lorawan/mac/reset.hpp"
#include "lorawan/mac/rx_param_setup.hpp"
#include "lorawan/mac/rx_timing_setup.hpp"
#include "lorawan/mac/tx_param_setup.hpp"

namespace hortillon::lorawan {

// A vendor command (CID 0x80..0xFF). Only encoded: decoding cannot know where its payload ends
// and stops at it with MacError::proprietary_cid, leaving it in MacCommands::unparsed.
struct ProprietaryMacCommand {
    // 0x80..0xFF. Encoding sets bit 7, so a wrong value cannot pass for a standard command.
    std::uint8_t cid = first_proprietary_cid;
    Bytes payload;

    auto operator==(const ProprietaryMacCommand&) const -> bool = default;
};

// Alternative i is row i of mac_command_table (checked at compile time in mac_commands.cpp);
// ProprietaryMacCommand comes last.
using MacCommand =
    std::variant<ResetInd, ResetConf, LinkCheckReq, LinkCheckAns, LinkAdrAns, LinkAdrReq,
                 DutyCycleAns, DutyCycleReq, RxParamSetupAns, RxParamSetupReq, DevStatusAns,
                 DevStatusReq, NewChannelAns, NewChannelReq, RxTimingSetupAns, RxTimingSetupReq,
                 TxParamSetupAns, TxParamSetupReq, DlChannelAns, DlChannelReq, RekeyInd, RekeyConf,
                 AdrParamSetupAns, AdrParamSetupReq, DeviceTimeReq, DeviceTimeAns, ForceRejoinReq,
                 RejoinParamSetupAns, RejoinParamSetupReq, PingSlotInfoReq, PingSlotInfoAns,
                 PingSlotChannelAns, PingSlotChannelReq, BeaconTimingReq, BeaconTimingAns,
                 BeaconFreqAns, BeaconFreqReq, DeviceModeInd, DeviceModeConf,
                 ProprietaryMacCommand>;

// The result of decoding a run of commands. `commands` followed by `unparsed` is exactly the
// input: re-encoding `commands` gives back the bytes before `unparsed`.
struct MacCommands {
    std::vector<MacCommand> commands;
    Bytes unparsed;                      // from the first command that could not be read
    std::optional<MacError> stopped_by;  // set exactly when `unparsed` is not empty
};

// Decodes the commands in `bytes`, sent in `direction`, up to the end or to the first command
// that cannot be read. Never reads outside `bytes` and never fails as a whole; the stop reasons
// are MacError::unknown_cid, rfu_in_direction, proprietary_cid and truncated (see MacCommands).
auto decode_mac_commands(ByteView bytes, Direction direction) -> MacCommands;

// Encodes each command as CID followed by its payload, in order. Does not check that the
// commands share one direction or fit in FOpts (15 bytes); the caller plans that with
// encoded_size. Cannot fail.
auto encode_mac_commands(std::span<const MacCommand> commands) -> Bytes;

// Bytes `command` takes on air, CID included. Cannot fail.
auto encoded_size(const MacCommand& command) -> std::size_t;

// The spec name ("LinkADRReq", "DevStatusAns", ...; "Proprietary" for vendor commands), for
// logs. Cannot fail.
auto mac_command_name(const MacCommand& command) -> std::string_view;

}  // namespace hortillon::lorawan
