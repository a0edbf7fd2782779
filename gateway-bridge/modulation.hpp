#pragma once
// Radio modulations as the Semtech UDP protocol describes them with `modu`, `datr` and `codr`:
//
//   modu       datr                         codr
//   "LORA"     string "SF7BW125"            "4/5".."4/8", "OFF" (rx only)
//   "FSK"      number, bit/s (50000)        absent
//   "LR-FHSS"  string "M0CW137" (OCW kHz)   "1/3", "2/3", "1/2", "5/6" ... ; `hpw` grid steps

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace hortillon::gateway_bridge {

class FieldReader;

// Forward error correction rates, named by their ratio; the table in modulation.cpp also lists
// the aliases "2/3" (= 4/6), "1/2" (= 4/8) and "1/3" (= 2/6) that forwarders accept.
enum class CodeRate : std::uint8_t {
    cr_4_5,
    cr_4_6,
    cr_4_7,
    cr_4_8,
    cr_3_8,
    cr_2_6,
    cr_1_4,
    cr_1_6,
    cr_5_6,
    cr_li_4_5,  // LoRa 2.4 GHz long interleaving
    cr_li_4_6,
    cr_li_4_8,
    off,  // "OFF": the v4.0.1 forwarder's CR0, mostly a false sync
};

// The canonical `codr` text ("4/5", "OFF").
auto to_string(CodeRate rate) -> std::string_view;
// Canonical texts and aliases; nullopt for anything else.
auto parse_code_rate(std::string_view text) -> std::optional<CodeRate>;

struct LoraModulation {
    unsigned spreading_factor = 7;         // 5..12
    std::uint32_t bandwidth_hz = 125'000;  // from "BW125" (kHz)
    std::optional<CodeRate> code_rate;     // required on downlinks

    auto operator==(const LoraModulation&) const -> bool = default;
};

struct FskModulation {
    std::uint32_t bit_rate = 50'000;                      // bit/s
    std::optional<std::uint32_t> frequency_deviation_hz;  // `fdev`: downlinks only, required there

    auto operator==(const FskModulation&) const -> bool = default;
};

struct LrFhssModulation {
    std::uint32_t operating_channel_width_hz = 137'000;  // from "M0CW137" (kHz)
    std::optional<CodeRate> code_rate;
    std::optional<unsigned> grid_steps;  // `hpw`

    auto operator==(const LrFhssModulation&) const -> bool = default;
};

using Modulation = std::variant<LoraModulation, FskModulation, LrFhssModulation>;

// "LORA", "FSK" or "LR-FHSS".
auto modu_text(const Modulation& modulation) -> std::string_view;
// The string `datr` of LoRa ("SF7BW125") and LR-FHSS ("M0CW137"); FSK's `datr` is its bit rate.
auto data_rate_text(const Modulation& modulation) -> std::string;

// Reads `modu`, `datr`, `codr`, `hpw` and (FSK) `fdev` from a JSON object. When `modu` is absent
// the kind follows from `datr`. Records bad_data_rate in `in` for inconsistent or unknown values.
auto read_modulation(FieldReader& in) -> std::optional<Modulation>;

}  // namespace hortillon::gateway_bridge
