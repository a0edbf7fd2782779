#pragma once
// The Semtech UDP samples (tests/data/semtech-udp-samples.json) as test inputs.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lorawan/bytes.hpp"

namespace hortillon::gateway_bridge::test {

struct Sample {
    std::string name;
    std::string type;         // "PUSH_DATA", "TX_ACK", ...
    nlohmann::json json;      // the parsed body (or inner txpk object); null when absent
    nlohmann::json header;    // version, token_bytes, identifier, gateway_eui; null when absent
    lorawan::Bytes datagram;  // datagram_hex, or a synthetic datagram around the JSON
    bool has_datagram_hex = false;
    bool inner_txpk = false;  // `json` is the value of "txpk", not a whole PULL_RESP body
};

auto load_samples() -> std::vector<Sample>;
auto sample_file() -> nlohmann::json;

// A datagram with version 2, the synthetic token, `identifier`, the synthetic EUI where the type
// has one, and `body`.
auto make_datagram(std::uint8_t identifier, std::string_view body) -> lorawan::Bytes;

// Synthetic headers use this token and EUI.
inline const lorawan::Bytes synthetic_token{0x12, 0x34};
inline constexpr std::uint64_t synthetic_eui = 0x0102030405060708;

}  // namespace hortillon::gateway_bridge::test
