#pragma once
// The Dingtek DF703 downlink commands (ASCII-hex frames), used by the DF703 codec.

#include <nlohmann/json_fwd.hpp>

#include "codecs/codec.hpp"

namespace hortillon::codecs {

// {"data": {"uploadInterval": 4}} -> "80029999" "01" "04" "81" as ASCII bytes, fPort 3.
auto dingtek_df703_encode_downlink(const nlohmann::json& input) -> EncodeResult;
// The reverse; errors for a wrong fPort, a malformed frame, or an unknown option or value.
auto dingtek_df703_decode_downlink(const DownlinkInput& input) -> CodecResult;

}  // namespace hortillon::codecs
