#include "gateway-bridge/modulation.hpp"

#include <array>
#include <charconv>

#include "gateway-bridge/field_reader.hpp"

namespace hortillon::gateway_bridge {

namespace {

struct CodeRateText {
    CodeRate rate;
    std::string_view text;
};

// Canonical spellings first (in enumerator order), then the aliases.
constexpr std::array<CodeRateText, 16> code_rate_texts{{
    {CodeRate::cr_4_5, "4/5"},
    {CodeRate::cr_4_6, "4/6"},
    {CodeRate::cr_4_7, "4/7"},
    {CodeRate::cr_4_8, "4/8"},
    {CodeRate::cr_3_8, "3/8"},
    {CodeRate::cr_2_6, "2/6"},
    {CodeRate::cr_1_4, "1/4"},
    {CodeRate::cr_1_6, "1/6"},
    {CodeRate::cr_5_6, "5/6"},
    {CodeRate::cr_li_4_5, "4/5LI"},
    {CodeRate::cr_li_4_6, "4/6LI"},
    {CodeRate::cr_li_4_8, "4/8LI"},
    {CodeRate::off, "OFF"},
    {CodeRate::cr_4_6, "2/3"},
    {CodeRate::cr_4_8, "1/2"},
    {CodeRate::cr_2_6, "1/3"},
}};

constexpr auto canonical_rows_in_order() -> bool {
    for (std::size_t i = 0; i <= static_cast<std::size_t>(CodeRate::off); ++i) {
        if (static_cast<std::size_t>(code_rate_texts[i].rate) != i)
            return false;
    }
    return true;
}
static_assert(canonical_rows_in_order(), "code rate table out of enumerator order");

constexpr std::uint32_t max_lora_bandwidth_khz = 1625;  // the largest LoRa 2.4 GHz bandwidth
constexpr std::uint32_t max_fsk_bit_rate = 1'000'000;

// Parses all of `text` as a decimal number in [min, max].
auto parse_number(std::string_view text, std::uint32_t min, std::uint32_t max)
    -> std::optional<std::uint32_t> {
    std::uint32_t value = 0;
    auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (status != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
        return std::nullopt;
    }
    return value;
}

// "SF7BW125" -> {7, 125 kHz}.
auto parse_lora(std::string_view datr) -> std::optional<LoraModulation> {
    auto bw = datr.find("BW");
    if (!datr.starts_with("SF") || bw == std::string_view::npos)
        return std::nullopt;
    auto sf = parse_number(datr.substr(2, bw - 2), 5, 12);
    auto khz = parse_number(datr.substr(bw + 2), 1, max_lora_bandwidth_khz);
    if (!sf || !khz)
        return std::nullopt;
    return LoraModulation{*sf, *khz * 1000, std::nullopt};
}

// "M0CW137" -> 137 kHz operating channel width.
auto parse_lr_fhss(std::string_view datr) -> std::optional<LrFhssModulation> {
    if (!datr.starts_with("M0CW"))
        return std::nullopt;
    auto khz = parse_number(datr.substr(4), 1, 10'000);
    if (!khz)
        return std::nullopt;
    return LrFhssModulation{*khz * 1000, std::nullopt, std::nullopt};
}

// `modu` when present, else guessed from the JSON type and prefix of `datr`.
auto modu_of(FieldReader& in) -> std::string_view {
    if (in.has("modu"))
        return in.required_string("modu");
    if (!in.is_string("datr"))
        return "FSK";
    auto datr = in.required_string("datr");
    return datr.starts_with("M0CW") ? "LR-FHSS" : "LORA";
}

auto read_code_rate(FieldReader& in) -> std::optional<CodeRate> {
    auto text = in.optional_string("codr");
    if (!text)
        return std::nullopt;
    auto rate = parse_code_rate(*text);
    if (!rate)
        in.fail(DatagramError::bad_data_rate);
    return rate;
}

auto read_fsk(FieldReader& in) -> std::optional<Modulation> {
    if (in.has("datr") && in.is_string("datr")) {
        in.fail(DatagramError::bad_data_rate);
        return std::nullopt;
    }
    auto bit_rate = in.required_int<std::uint32_t>("datr");
    if (bit_rate == 0 || bit_rate > max_fsk_bit_rate)
        in.fail(DatagramError::bad_data_rate);
    return FskModulation{bit_rate, in.optional_int<std::uint32_t>("fdev")};
}

}  // namespace

auto to_string(CodeRate rate) -> std::string_view {
    auto index = static_cast<std::size_t>(rate);
    return index <= static_cast<std::size_t>(CodeRate::off) ? code_rate_texts[index].text : "";
}

auto parse_code_rate(std::string_view text) -> std::optional<CodeRate> {
    for (const auto& row : code_rate_texts) {
        if (row.text == text)
            return row.rate;
    }
    return std::nullopt;
}

auto modu_text(const Modulation& modulation) -> std::string_view {
    static constexpr std::array<std::string_view, 3> texts{"LORA", "FSK", "LR-FHSS"};
    return texts[modulation.index()];
}

auto data_rate_text(const Modulation& modulation) -> std::string {
    if (const auto* lora = std::get_if<LoraModulation>(&modulation)) {
        return "SF" + std::to_string(lora->spreading_factor) + "BW" +
               std::to_string(lora->bandwidth_hz / 1000);
    }
    if (const auto* lr_fhss = std::get_if<LrFhssModulation>(&modulation)) {
        return "M0CW" + std::to_string(lr_fhss->operating_channel_width_hz / 1000);
    }
    return std::to_string(std::get<FskModulation>(modulation).bit_rate);
}

auto read_modulation(FieldReader& in) -> std::optional<Modulation> {
    auto modu = modu_of(in);
    if (modu == "FSK")
        return read_fsk(in);
    if (modu != "LORA" && modu != "LR-FHSS") {
        in.fail(DatagramError::bad_data_rate);
        return std::nullopt;
    }
    if (in.has("datr") && !in.is_string("datr"))
        in.fail(DatagramError::bad_data_rate);
    auto datr = in.required_string("datr");
    auto code_rate = read_code_rate(in);
    if (in.error())
        return std::nullopt;
    if (modu == "LORA") {
        auto lora = parse_lora(datr);
        if (!lora) {
            in.fail(DatagramError::bad_data_rate);
            return std::nullopt;
        }
        lora->code_rate = code_rate;
        return *lora;
    }
    auto lr_fhss = parse_lr_fhss(datr);
    if (!lr_fhss) {
        in.fail(DatagramError::bad_data_rate);
        return std::nullopt;
    }
    lr_fhss->code_rate = code_rate;
    lr_fhss->grid_steps = in.optional_int<std::uint16_t>("hpw");
    return *lr_fhss;
}

}  // namespace hortillon::gateway_bridge
