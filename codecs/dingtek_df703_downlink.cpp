// Dingtek DF703 downlink, fPort 3. Every payload byte is an ASCII character:
//
//   offset  size  field
//   0       4     "8002" command header
//   4       4     "9999" password
//   8       2     option, two upper-case hex digits
//   10      2     value, two upper-case hex digits
//   12      2     "81" end
//
//   option  meaning                           encoder key      range
//   01      upload interval, hours            uploadInterval   1-168
//   08      detection interval, minutes       detectInterval   1-60
//   02      full alarm threshold, cm          levelThreshold   15-255
//   03      fire alarm threshold, degC        fireThreshold    1-255
//   04      fall alarm threshold, degrees     fallThreshold    15-90
//   09      0A enable / 09 disable fall       fallEnable (bool)
//           detection; the decoder also maps 00/01 gpsEnable, 03/04 activeMode ABP/OTAA,
//           05/06/0E workMode 0/1/2
//
// Encoder: only the first present key in the table order is encoded; the error strings are
// the vendor codec's. Numbers must be integers (the vendor codec turns 4.5 into "4."); keys
// whose value is not a number (not a boolean for fallEnable) are treated as absent.
// Decoder: like the vendor codec it checks length >= 12, the fixed header and the last two
// bytes; unlike it, option and value must be two hex digits each ("invalid format.").

#include <array>
#include <cmath>
#include <optional>
#include <string_view>

#include "codecs/dingtek_df703_downlink.hpp"
#include "codecs/payload_reader.hpp"

namespace hortillon::codecs {

namespace {

constexpr std::uint8_t df703_f_port = 3;
constexpr std::string_view command_header = "80029999";
constexpr std::string_view command_end = "81";
constexpr std::size_t minimum_frame_size = 12;
constexpr std::uint8_t fall_option = 0x09;

struct NumericOption {
    std::string_view key;
    std::uint8_t option;
    int minimum;
    int maximum;
    std::string_view range_error;
};

constexpr std::array<NumericOption, 5> numeric_options{{
    {"uploadInterval", 0x01, 1, 168, "periodic upload interval range 1-168 hours."},
    {"detectInterval", 0x08, 1, 60, "cyclic detection interval range 1-60 minutes."},
    {"levelThreshold", 0x02, 15, 255, "full alarm threshold range 15-255 cm."},
    {"fireThreshold", 0x03, 1, 255, "fire alarm threshold range 1-255 cellus degree."},
    {"fallThreshold", 0x04, 15, 90, "fall alarm threshold range 15-90 \u00b0."},
}};

auto command_frame(std::uint8_t option, std::uint8_t value) -> EncodeResult {
    constexpr std::string_view hex_digits = "0123456789ABCDEF";
    EncodeResult result;
    result.f_port = df703_f_port;
    result.bytes.assign(command_header.begin(), command_header.end());
    for (const std::uint8_t b : {option, value}) {
        result.bytes.push_back(static_cast<std::uint8_t>(hex_digits[b >> 4]));
        result.bytes.push_back(static_cast<std::uint8_t>(hex_digits[b & 0x0F]));
    }
    result.bytes.insert(result.bytes.end(), command_end.begin(), command_end.end());
    return result;
}

auto encode_numeric(const NumericOption& option, const nlohmann::json& value) -> EncodeResult {
    const double number = value.get<double>();
    if (number != std::trunc(number))
        return encode_error(std::string(option.key) + " must be an integer.");
    if (number < option.minimum || number > option.maximum)
        return encode_error(std::string(option.range_error));
    return command_frame(option.option, static_cast<std::uint8_t>(number));
}

auto hex_digit(std::uint8_t c) -> std::optional<std::uint8_t> {
    if (c >= '0' && c <= '9')
        return static_cast<std::uint8_t>(c - '0');
    if (c >= 'a' && c <= 'f')
        return static_cast<std::uint8_t>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return static_cast<std::uint8_t>(c - 'A' + 10);
    return std::nullopt;
}

auto hex_pair(std::uint8_t high, std::uint8_t low) -> std::optional<std::uint8_t> {
    const auto h = hex_digit(high);
    const auto l = hex_digit(low);
    if (!h || !l)
        return std::nullopt;
    return static_cast<std::uint8_t>((*h << 4) | *l);
}

auto has_fixed_parts(std::span<const std::uint8_t> bytes) -> bool {
    if (bytes.size() < minimum_frame_size)
        return false;
    for (std::size_t i = 0; i < command_header.size(); ++i) {
        if (bytes[i] != static_cast<std::uint8_t>(command_header[i]))
            return false;
    }
    return bytes[bytes.size() - 2] == '8' && bytes[bytes.size() - 1] == '1';
}

auto data_with(std::string_view key, nlohmann::json value) -> CodecResult {
    CodecResult result;
    result.data = nlohmann::json::object();
    result.data[std::string(key)] = std::move(value);
    return result;
}

auto decode_option_9(std::uint8_t value) -> CodecResult {
    switch (value) {
        case 0x00:
            return data_with("gpsEnable", false);
        case 0x01:
            return data_with("gpsEnable", true);
        case 0x03:
            return data_with("activeMode", "ABP");
        case 0x04:
            return data_with("activeMode", "OTAA");
        case 0x05:
            return data_with("workMode", 0);
        case 0x06:
            return data_with("workMode", 1);
        case 0x0E:
            return data_with("workMode", 2);
        case 0x09:
            return data_with("fallEnable", false);
        case 0x0A:
            return data_with("fallEnable", true);
        default:
            return decode_error("invalid parameter value.");
    }
}

}  // namespace

auto dingtek_df703_encode_downlink(const nlohmann::json& input) -> EncodeResult {
    const auto data_it = input.find("data");
    if (data_it == input.end() || !data_it->is_object())
        return encode_error("invalid downlink parameter.");
    const nlohmann::json& data = *data_it;
    for (const auto& option : numeric_options) {
        const auto it = data.find(option.key);
        if (it != data.end() && it->is_number())
            return encode_numeric(option, *it);
    }
    const auto fall = data.find("fallEnable");
    if (fall != data.end() && fall->is_boolean())
        return command_frame(fall_option, fall->get<bool>() ? 0x0A : 0x09);
    return encode_error("invalid downlink parameter.");
}

auto dingtek_df703_decode_downlink(const DownlinkInput& input) -> CodecResult {
    if (input.f_port != df703_f_port)
        return decode_error("invalid FPort.");
    const auto& bytes = input.bytes;
    if (!has_fixed_parts(bytes))
        return decode_error("invalid format.");
    const auto option = hex_pair(bytes[8], bytes[9]);
    const auto value = hex_pair(bytes[10], bytes[11]);
    if (!option || !value)
        return decode_error("invalid format.");
    if (*option == fall_option)
        return decode_option_9(*value);
    for (const auto& numeric : numeric_options) {
        if (numeric.option == *option)
            return data_with(numeric.key, *value);
    }
    return decode_error("invalid parameter key.");
}

}  // namespace hortillon::codecs
