#pragma once
// Base64 (RFC 4648, standard alphabet) through libsodium; never hand-rolled.

#include <optional>
#include <string>
#include <string_view>

#include "lorawan/bytes.hpp"

namespace hortillon::gateway_bridge {

// Padded standard base64, as `txpk.data` is sent.
auto encode_base64(lorawan::ByteView bytes) -> std::string;

// Standard alphabet; the `=` padding may be missing (the protocol document's own examples omit
// it), and non-zero unused trailing bits are ignored (RFC 4648 section 3.5 allows both). nullopt
// for any other character (including the URL-safe `-` and `_`), misplaced padding, or a length
// that no encoding produces.
auto decode_base64(std::string_view text) -> std::optional<lorawan::Bytes>;

}  // namespace hortillon::gateway_bridge
