// Decentlab downlink commands (dl-downlink-codec.js of the TTN Device Repository snapshot
// 2024-06), fPort 1, 6 bytes; see decentlab_protocol.hpp for the layout.
//
// Encoder input {"data": {"command": <name>, "parameter": <integer>}}; errors "invalid
// command", "invalid parameter". Decoder errors, checked in this order: "invalid message
// length", "invalid FPort", "invalid command", "invalid CRC"; output {command, parameter?}.
// Deviation: the vendor encoder wraps or garbles a parameter outside 0-65535 (it keeps the
// last four hex digits, and a negative number breaks the hex string); we reject it as
// "invalid parameter". Like the vendor's parseInt, a number is truncated toward zero and a
// string is read up to its first non-digit.

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "codecs/decentlab_protocol.hpp"

namespace hortillon::codecs {

namespace {

constexpr std::uint8_t downlink_f_port = 1;
constexpr std::size_t downlink_size = 6;

struct Command {
    std::uint16_t code;
    std::string_view name;
    bool no_parameter;
};

constexpr std::array<Command, 85> commands{{
    {0x0001, "set period", false},
    {0x0002, "set period + save", false},
    {0x0003, "set dr", false},
    {0x0004, "set dr + save", false},
    {0x0005, "set adr on", true},
    {0x0006, "set adr on + save", true},
    {0x0007, "set adr off", true},
    {0x0008, "set adr off + save", true},
    {0x0009, "set dr_min", false},
    {0x000A, "set dr_min + save", false},
    {0x000B, "set dr_max", false},
    {0x000C, "set dr_max + save", false},
    {0x000D, "set pwridx_min", false},
    {0x000E, "set pwridx_min + save", false},
    {0x000F, "set pwridx_max", false},
    {0x0010, "set pwridx_max + save", false},
    {0x0011, "set send_period", false},
    {0x0012, "set send_period + save", false},
    {0x0013, "set join_period", false},
    {0x0014, "set join_period + save", false},
    {0x0015, "set pwridx", false},
    {0x0016, "set pwridx + save", false},
    {0x0017, "set linkcheck_period", false},
    {0x0018, "set linkcheck_period + save", false},
    {0x0019, "set linkcheck_tolerance", false},
    {0x001A, "set linkcheck_tolerance + save", false},
    {0x001B, "set linkcheck_limit", false},
    {0x001C, "set linkcheck_limit + save", false},
    {0x001D, "set port", false},
    {0x001E, "set port + save", false},
    {0x0020, "set param 0", false},
    {0x0021, "set param 1", false},
    {0x0022, "set param 2", false},
    {0x0023, "set param 3", false},
    {0x0024, "set param 4", false},
    {0x0025, "set param 5", false},
    {0x0026, "set param 6", false},
    {0x0027, "set param 7", false},
    {0x0028, "set param 8", false},
    {0x0029, "set param 9", false},
    {0x002A, "set param 10", false},
    {0x002B, "set param 11", false},
    {0x002C, "set param 12", false},
    {0x002D, "set param 13", false},
    {0x002E, "set param 14", false},
    {0x002F, "set param 15", false},
    {0x0030, "set param 0 + save", false},
    {0x0031, "set param 1 + save", false},
    {0x0032, "set param 2 + save", false},
    {0x0033, "set param 3 + save", false},
    {0x0034, "set param 4 + save", false},
    {0x0035, "set param 5 + save", false},
    {0x0036, "set param 6 + save", false},
    {0x0037, "set param 7 + save", false},
    {0x0038, "set param 8 + save", false},
    {0x0039, "set param 9 + save", false},
    {0x003A, "set param 10 + save", false},
    {0x003B, "set param 11 + save", false},
    {0x003C, "set param 12 + save", false},
    {0x003D, "set param 13 + save", false},
    {0x003E, "set param 14 + save", false},
    {0x003F, "set param 15 + save", false},
    {0x0050, "set sensor_period 0", false},
    {0x0051, "set sensor_period 1", false},
    {0x0052, "set sensor_period 2", false},
    {0x0053, "set sensor_period 3", false},
    {0x0054, "set sensor_period 4", false},
    {0x0055, "set sensor_period 5", false},
    {0x0056, "set sensor_period 6", false},
    {0x0057, "set sensor_period 7", false},
    {0x0058, "set sensor_period 8", false},
    {0x0059, "set sensor_period 9", false},
    {0x0060, "set sensor_period 0 + save", false},
    {0x0061, "set sensor_period 1 + save", false},
    {0x0062, "set sensor_period 2 + save", false},
    {0x0063, "set sensor_period 3 + save", false},
    {0x0064, "set sensor_period 4 + save", false},
    {0x0065, "set sensor_period 5 + save", false},
    {0x0066, "set sensor_period 6 + save", false},
    {0x0067, "set sensor_period 7 + save", false},
    {0x0068, "set sensor_period 8 + save", false},
    {0x0069, "set sensor_period 9 + save", false},
    {0xFEFE, "reset", true},
    {0xFEF0, "factory reset", true},
    {0xFEF1, "sleep", true},
}};

// CRC-16/MODBUS: reflected polynomial 0xA001, initial value 0xFFFF, no final xor.
auto crc16_modbus(std::span<const std::uint8_t> bytes) -> std::uint16_t {
    std::uint16_t crc = 0xFFFF;
    for (const auto b : bytes) {
        crc ^= b;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1U) != 0 ? static_cast<std::uint16_t>((crc >> 1) ^ 0xA001) : crc >> 1;
    }
    return crc;
}

auto find_command(std::string_view name) -> const Command* {
    const auto it = std::find_if(commands.begin(), commands.end(),
                                 [name](const Command& c) { return c.name == name; });
    return it == commands.end() ? nullptr : &*it;
}

auto find_command(std::uint16_t code) -> const Command* {
    const auto it = std::find_if(commands.begin(), commands.end(),
                                 [code](const Command& c) { return c.code == code; });
    return it == commands.end() ? nullptr : &*it;
}

// JavaScript parseInt(parameter) for numbers and strings; nullopt where it gives NaN.
auto parse_integer(const nlohmann::json& parameter) -> std::optional<double> {
    if (parameter.is_number()) {
        const double value = std::trunc(parameter.get<double>());
        return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
    }
    if (!parameter.is_string())
        return std::nullopt;
    const std::string& text = parameter.get_ref<const std::string&>();
    std::size_t i = 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) != 0)
        ++i;
    const bool negative = i < text.size() && text[i] == '-';
    if (i < text.size() && (text[i] == '-' || text[i] == '+'))
        ++i;
    double value = 0;
    const std::size_t first_digit = i;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0; ++i)
        value = value * 10 + (text[i] - '0');
    if (i == first_digit)
        return std::nullopt;
    return negative ? -value : value;
}

auto message(std::uint16_t command, std::uint16_t parameter) -> std::vector<std::uint8_t> {
    std::vector<std::uint8_t> bytes{
        static_cast<std::uint8_t>(command >> 8), static_cast<std::uint8_t>(command),
        static_cast<std::uint8_t>(parameter >> 8), static_cast<std::uint8_t>(parameter)};
    const std::uint16_t crc = crc16_modbus(bytes);
    bytes.push_back(static_cast<std::uint8_t>(crc >> 8));
    bytes.push_back(static_cast<std::uint8_t>(crc));
    return bytes;
}

}  // namespace

auto decentlab_encode_downlink(const nlohmann::json& input) -> EncodeResult {
    const auto data = input.find("data");
    if (data == input.end() || !data->is_object())
        return encode_error("invalid command");
    const auto name = data->find("command");
    const Command* command =
        name != data->end() && name->is_string() ? find_command(name->get<std::string>()) : nullptr;
    if (command == nullptr)
        return encode_error("invalid command");
    double parameter = 0;
    if (!command->no_parameter) {
        const auto given = data->find("parameter");
        const auto value = given == data->end() ? std::nullopt : parse_integer(*given);
        if (!value || *value < 0 || *value > 0xFFFF)
            return encode_error("invalid parameter");
        parameter = *value;
    }
    EncodeResult result;
    result.f_port = downlink_f_port;
    result.bytes = message(command->code, static_cast<std::uint16_t>(parameter));
    return result;
}

auto decentlab_decode_downlink(const DownlinkInput& input) -> CodecResult {
    if (input.bytes.size() != downlink_size)
        return decode_error("invalid message length");
    if (input.f_port != downlink_f_port)
        return decode_error("invalid FPort");
    PayloadReader frame(input.bytes);
    const Command* command = find_command(frame.u16_be(0));
    if (command == nullptr)
        return decode_error("invalid command");
    if (frame.u16_be(4) != crc16_modbus(input.bytes.first(4)))
        return decode_error("invalid CRC");
    CodecResult result;
    result.data = {{"command", command->name}};
    if (!command->no_parameter)
        result.data["parameter"] = frame.u16_be(2);
    return result;
}

}  // namespace hortillon::codecs
