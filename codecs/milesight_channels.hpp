#pragma once
// The Milesight "IPSO" channel list shared by the EM300/EM310/EM500 series:
//
//   offset  size  field
//   0       1     channel_id
//   1       1     channel_type
//   2       n     value (n fixed per (channel_id, channel_type))
//   ...           repeated until the end of the payload, in any order
//
// The 2024-06 TTN codecs stop at the first (id, type) pair they do not know and return what was
// decoded so far. We do the same and add a warning naming the record. A record cut short by the
// end of the payload is an error; like the vendor codecs we still decode it with the missing
// bytes read as 0 (so `03 82 44` gives distance 68), unless fewer than `vendor_minimum` value
// bytes are present, in which case the vendor codec skips it and so do we.

#include <cstddef>
#include <cstdint>
#include <span>

#include "codecs/codec.hpp"
#include "codecs/payload_reader.hpp"

namespace hortillon::codecs {

struct MilesightChannel {
    std::uint8_t channel_id = 0;
    std::uint8_t channel_type = 0;
    const char* name = "";           // for messages, e.g. "distance"
    std::size_t size = 0;            // value bytes
    std::size_t vendor_minimum = 1;  // fewer value bytes: the record is skipped
    // Reads the value (offset 0 = first value byte) and adds its keys to `data`.
    void (*decode)(PayloadReader& value, nlohmann::json& data);
};

auto decode_milesight_channels(ByteView payload, std::span<const MilesightChannel> channels)
    -> CodecResult;

}  // namespace hortillon::codecs
