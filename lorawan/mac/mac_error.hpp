#pragma once
// Why decoding a run of MAC commands stopped early. Every value means the same thing for the
// caller: the commands before the stop are valid and usable, the bytes from the stop onwards are
// kept raw in MacCommands::unparsed, and the edge logs the reason once and counts it.

#include <cstdint>
#include <string_view>

namespace hortillon::lorawan {

enum class MacError : std::uint8_t {
    // The CID is not defined in any LoRaWAN version (0x00, 0x14..0x1F, 0x21..0x7F).
    unknown_cid,
    // The CID is defined only in the other direction, so it is RFU here (0x0E in an uplink).
    rfu_in_direction,
    // A proprietary CID (0x80..0xFF); only its vendor knows the payload length.
    proprietary_cid,
    // The last command is shorter than its CID requires.
    truncated,
};

// A one-line, log-ready message: what was wrong and what was done with the bytes. Never fails;
// an out-of-range value gives a generic message.
auto describe(MacError error) -> std::string_view;

}  // namespace hortillon::lorawan
