#pragma once
// LoRaWAN MAC versions and the rules that differ between them.

#include <cstdint>
#include <optional>
#include <string_view>

namespace hortillon::lorawan {

enum class MacVersion : std::uint8_t { v1_0_0, v1_0_1, v1_0_2, v1_0_3, v1_0_4, v1_1_0 };

// "1.0.0" .. "1.0.4", "1.1.0" (also "1.1"); nullopt otherwise.
constexpr auto parse_mac_version(std::string_view text) -> std::optional<MacVersion> {
    if (text == "1.0.0" || text == "1.0")
        return MacVersion::v1_0_0;
    if (text == "1.0.1")
        return MacVersion::v1_0_1;
    if (text == "1.0.2")
        return MacVersion::v1_0_2;
    if (text == "1.0.3")
        return MacVersion::v1_0_3;
    if (text == "1.0.4")
        return MacVersion::v1_0_4;
    if (text == "1.1.0" || text == "1.1")
        return MacVersion::v1_1_0;
    return std::nullopt;
}

constexpr auto to_string(MacVersion version) -> std::string_view {
    switch (version) {
        case MacVersion::v1_0_0:
            return "1.0.0";
        case MacVersion::v1_0_1:
            return "1.0.1";
        case MacVersion::v1_0_2:
            return "1.0.2";
        case MacVersion::v1_0_3:
            return "1.0.3";
        case MacVersion::v1_0_4:
            return "1.0.4";
        case MacVersion::v1_1_0:
            return "1.1.0";
    }
    return "unknown";
}

constexpr auto is_lorawan_1_1(MacVersion version) -> bool {
    return version == MacVersion::v1_1_0;
}

// 1.0.4 and 1.1: DevNonce is a counter that must increase; older: random, must not repeat.
constexpr auto dev_nonce_is_counter(MacVersion version) -> bool {
    return version >= MacVersion::v1_0_4;
}

// MAX_FCNT_GAP (16384) applies up to 1.0.3 and was removed in 1.0.4.
constexpr auto applies_max_f_cnt_gap(MacVersion version) -> bool {
    return version <= MacVersion::v1_0_3;
}

}  // namespace hortillon::lorawan
