#pragma once

#include <cstdint>
#include <string_view>

namespace hortillon::lorawan {

// Why a PHYPayload could not be decoded or built.
enum class FrameError : std::uint8_t {
    too_short,              // fewer bytes than the smallest frame of its MType
    too_long,               // more than 255 bytes, or more than a fixed-size MType allows
    bad_major,              // Major is not LoRaWAN R1 (0)
    bad_length,             // join-request, join-accept or rejoin-request of the wrong size
    fopts_length_mismatch,  // FOptsLen points beyond the frame, or FOpts longer than 15 bytes
    fopts_with_fport_zero,  // FOpts present and FPort 0: MAC commands in both places
    unknown_rejoin_type,    // rejoin-request type other than 0, 1 or 2
    wrong_direction,        // an uplink MType where a downlink is required, or the reverse
    mic_mismatch,           // the MIC does not verify under the given key
};

// One line for logs and error events.
constexpr auto describe(FrameError error) -> std::string_view {
    switch (error) {
        case FrameError::too_short:
            return "frame too short for its message type";
        case FrameError::too_long:
            return "frame longer than its message type allows";
        case FrameError::bad_major:
            return "unsupported LoRaWAN major version";
        case FrameError::bad_length:
            return "join or rejoin message of the wrong length";
        case FrameError::fopts_length_mismatch:
            return "FOptsLen does not fit the frame";
        case FrameError::fopts_with_fport_zero:
            return "FOpts present with FPort 0";
        case FrameError::unknown_rejoin_type:
            return "unknown rejoin-request type";
        case FrameError::wrong_direction:
            return "message type of the wrong direction";
        case FrameError::mic_mismatch:
            return "MIC does not verify";
    }
    return "unknown frame error";
}

}  // namespace hortillon::lorawan
