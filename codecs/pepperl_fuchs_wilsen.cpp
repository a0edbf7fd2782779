// Pepperl+Fuchs WILSEN.sonic.level (and .distance) ultrasonic container level sensor, fPort 1
// (ignored). Codec of the TTN Device Repository snapshot 2024-06 (wilsen.js).
//
// The payload is a list of records, all values big-endian:
//
//   offset  size     field
//   0       1        len: bytes after this one (id + value)
//   1       2        id, u16 BE (table below)
//   3       len - 2  value
//
//   id             size  value                                   output
//   0x0201         4     temperature, float32, 1 decimal         temp (degC)
//   0x0B01         2     proximity, u16                          proxx (cm)
//   0x0B02         2     proximity, u16                          proxx_mm (mm)
//   0x0B06         1     filling level, u8                       fillinglvl (%)
//   0x0B07         1     echo amplitude, u8                      amplitude
//   0x0C01         2     valve, checksum (u8 each)               valve, valveChecksum
//   0x0C02/03/04   1/2/1 valve status / sensor details / status  valve_status, sensor_details,
//                                                                sensor_status
//   0x2A25         <=14  serial number, ASCII, ends at 0x00      serial_nr
//   0x3101/02      2     LoRa / GPS counters, u16                lora_count, gps_count
//   0x3103         4     ultrasonic measurement counter, u32     us_sensor_count
//   0x5001/02      4     latitude / longitude, s32 / 1e6         latitude, longitude
//   0x5101         1     battery, u8 / 10 V                      battery_vol
//   0xF1xx-0xF5xx        downlink acknowledgements (device, GPS, LoRa and ultrasonic
//                        configuration, device information), see `records` below
//
// The output always holds `payload`, the whole payload as upper-case hex, and the vendor's
// `warnings: []` and `errors: []`; unknown ids are skipped without a warning.
// Deviations from the vendor codec, for malformed payloads only (it parses a hex string and
// reads past a record into the next one): a record whose length is below 2, runs past the
// end of the payload, or is too short for its id's value is an error and ends decoding.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include "codecs/builtin.hpp"
#include "codecs/javascript_format.hpp"
#include "codecs/payload_reader.hpp"

namespace hortillon::codecs {

namespace {

using Decode = void (*)(PayloadReader& value, std::string_view key, nlohmann::json& data);

struct Record {
    std::uint16_t id;
    std::string_view key;
    std::size_t size;  // value bytes needed; text records take up to this many
    Decode decode;
};

void put(nlohmann::json& data, std::string_view key, nlohmann::json value) {
    data[std::string(key)] = std::move(value);
}

void unsigned_8(PayloadReader& v, std::string_view key, nlohmann::json& d) {
    put(d, key, v.u8(0));
}
void unsigned_16(PayloadReader& v, std::string_view key, nlohmann::json& d) {
    put(d, key, v.u16_be(0));
}
void unsigned_32(PayloadReader& v, std::string_view key, nlohmann::json& d) {
    put(d, key, v.u32_be(0));
}
void flag(PayloadReader& v, std::string_view key, nlohmann::json& d) {
    put(d, key, v.u8(0) == 1);
}
void done(PayloadReader&, std::string_view key, nlohmann::json& d) {
    put(d, key, "done");
}

void text(PayloadReader& v, std::string_view key, nlohmann::json& d) {
    const ByteView bytes = v.bytes();
    const auto end = std::find(bytes.begin(), bytes.end(), std::uint8_t{0});
    put(d, key, latin1_to_utf8(bytes.first(static_cast<std::size_t>(end - bytes.begin()))));
}

// The vendor's bit-string float32 decoder: exact for normal and subnormal numbers, +0 for any
// zero, and exponent 255 read as an ordinary exponent (no infinity or NaN).
auto wilsen_float(std::uint32_t bits) -> double {
    const double sign = (bits & 0x80000000U) != 0 ? -1.0 : 1.0;
    const auto raw_exponent = static_cast<int>((bits >> 23) & 0xFF);
    const std::uint32_t fraction = bits & 0x7FFFFF;
    if (raw_exponent == 0 && fraction == 0)
        return 0.0;
    const double significand =
        raw_exponent == 0 ? std::ldexp(fraction, -23) : 1.0 + std::ldexp(fraction, -23);
    const int exponent = raw_exponent == 0 ? -126 : raw_exponent - 127;
    return sign * significand * std::ldexp(1.0, exponent);
}

void temperature(PayloadReader& v, std::string_view key, nlohmann::json& d) {
    put(d, key, json_number(to_fixed_number(wilsen_float(v.u32_be(0)), 1)));
}
void coordinate(PayloadReader& v, std::string_view key, nlohmann::json& d) {
    put(d, key, json_number(to_fixed_number(v.s32_be(0) / 1000000.0, 6)));
}
void battery(PayloadReader& v, std::string_view key, nlohmann::json& d) {
    put(d, key, json_number(v.u8(0) / 10.0));
}
void valve(PayloadReader& v, std::string_view, nlohmann::json& d) {
    d["valve"] = v.u8(0);
    d["valveChecksum"] = v.u8(1);
}
void revision(PayloadReader& v, std::string_view key, nlohmann::json& d) {
    put(d, key,
        std::to_string(v.u16_be(0)) + "." + std::to_string(v.u16_be(2)) + "." +
            std::to_string(v.u16_be(4)));
}

// Enumerations: a name for known codes; otherwise "Invalid" or the number itself.
struct Name {
    std::uint8_t code;
    std::string_view name;
};

template <std::size_t N>
auto lookup(const std::array<Name, N>& names, std::uint8_t code, bool number_if_unknown)
    -> nlohmann::json {
    for (const auto& n : names) {
        if (n.code == code)
            return std::string(n.name);
    }
    return number_if_unknown ? nlohmann::json(code) : nlohmann::json("Invalid");
}

constexpr std::array<Name, 2> message_types{{{0, "Unconfirmed"}, {1, "Confirmed"}}};
constexpr std::array<Name, 4> beam_widths{
    {{254, "Small"}, {253, "Medium"}, {252, "Wide"}, {55, "User-defined"}}};
constexpr std::array<Name, 3> burst_lengths{{{5, "Normal"}, {3, "Short"}, {16, "Very short"}}};
constexpr std::array<Name, 3> transmit_powers{{{63, "High"}, {40, "Medium"}, {12, "Low"}}};
constexpr std::array<Name, 6> sensitivities{{{63, "Maximum"},
                                             {51, "Very high"},
                                             {48, "High"},
                                             {38, "Medium"},
                                             {27, "Low"},
                                             {15, "Minimum"}}};
constexpr std::array<Name, 1> evaluation_methods{{{1, "Average value"}}};
constexpr std::array<Name, 1> application_filters{{{1, "Container filling"}}};

void message_type(PayloadReader& v, std::string_view k, nlohmann::json& d) {
    put(d, k, lookup(message_types, v.u8(0), false));
}
void spreading_factor(PayloadReader& v, std::string_view k, nlohmann::json& d) {
    const std::uint8_t sf = v.u8(0);
    put(d, k, sf == 255 ? nlohmann::json("ADR") : nlohmann::json(sf));
}
void beam_width(PayloadReader& v, std::string_view k, nlohmann::json& d) {
    put(d, k, lookup(beam_widths, v.u8(0), false));
}
void burst_length(PayloadReader& v, std::string_view k, nlohmann::json& d) {
    put(d, k, lookup(burst_lengths, v.u8(0), true));
}
void transmit_power(PayloadReader& v, std::string_view k, nlohmann::json& d) {
    put(d, k, lookup(transmit_powers, v.u8(0), true));
}
void sensitivity(PayloadReader& v, std::string_view k, nlohmann::json& d) {
    put(d, k, lookup(sensitivities, v.u8(0), true));
}
void evaluation_method(PayloadReader& v, std::string_view k, nlohmann::json& d) {
    put(d, k, lookup(evaluation_methods, v.u8(0), false));
}
void application_filter(PayloadReader& v, std::string_view k, nlohmann::json& d) {
    put(d, k, lookup(application_filters, v.u8(0), false));
}

constexpr std::array<Record, 51> records{{
    {0x0201, "temp", 4, temperature},
    {0x0B01, "proxx", 2, unsigned_16},
    {0x0B02, "proxx_mm", 2, unsigned_16},
    {0x0B06, "fillinglvl", 1, unsigned_8},
    {0x0B07, "amplitude", 1, unsigned_8},
    {0x0C01, "valve", 2, valve},
    {0x0C02, "valve_status", 1, unsigned_8},
    {0x0C03, "sensor_details", 2, unsigned_16},
    {0x0C04, "sensor_status", 1, unsigned_8},
    {0x2A25, "serial_nr", 14, text},
    {0x3101, "lora_count", 2, unsigned_16},
    {0x3102, "gps_count", 2, unsigned_16},
    {0x3103, "us_sensor_count", 4, unsigned_32},
    {0x5001, "latitude", 4, coordinate},
    {0x5002, "longitude", 4, coordinate},
    {0x5101, "battery_vol", 1, battery},
    {0xF101, "ble_enable", 1, flag},
    {0xF102, "device_name", 16, text},
    {0xF103, "reset_counter", 0, done},
    {0xF104, "factory_reset", 0, done},
    {0xF105, "change_password", 0, done},
    {0xF108, "device_name_1", 8, text},
    {0xF109, "device_name_2", 8, text},
    {0xF201, "gps_acquisition_active", 1, flag},
    {0xF202, "gps_acquisition_interval", 4, unsigned_32},
    {0xF203, "gps_next_acquisition", 4, unsigned_32},
    {0xF301, "lora_message_type", 1, message_type},
    {0xF302, "lora_number_of_transmission", 1, unsigned_8},
    {0xF303, "lora_spreading_factor", 1, spreading_factor},
    {0xF304, "lora_data_transmission_active", 1, flag},
    {0xF305, "lora_transmission_interval", 4, unsigned_32},
    {0xF306, "lora_next_transmission", 4, unsigned_32},
    {0xF307, "lora_downlink_config", 1, flag},
    {0xF308, "lora_downlink_config_ack", 1, flag},
    {0xF309, "lora_sub_band", 1, unsigned_8},
    {0xF401, "us_beam_width", 1, beam_width},
    {0xF402, "us_user_defined_burst_length", 1, burst_length},
    {0xF403, "us_user_defined_transmitting_power", 1, transmit_power},
    {0xF404, "us_user_defined_sensitivity", 1, sensitivity},
    {0xF405, "us_full_distance", 2, unsigned_16},
    {0xF406, "us_empty_distance", 2, unsigned_16},
    {0xF407, "us_measurement_sequence_active", 1, flag},
    {0xF408, "us_evaluation_method", 1, evaluation_method},
    {0xF409, "us_measurements_per_sequence", 1, unsigned_8},
    {0xF40A, "us_at_intervals_of", 2, unsigned_16},
    {0xF40B, "us_application_filter_active", 1, flag},
    {0xF40C, "us_post_processing_filter", 1, application_filter},
    {0xF40D, "us_additional_measurement", 1, unsigned_8},
    {0xF501, "part_number", 4, unsigned_32},
    {0xF502, "hardware_revision", 6, revision},
    {0xF503, "firmware_revision", 6, revision},
}};

auto find_record(std::uint16_t id) -> const Record* {
    const auto it = std::find_if(records.begin(), records.end(),
                                 [id](const Record& record) { return record.id == id; });
    return it == records.end() ? nullptr : &*it;
}

auto hex_id(std::uint16_t id) -> std::string {
    char text[7];
    std::snprintf(text, sizeof text, "0x%04X", id);
    return text;
}

// Decodes one record at the cursor; false (with an error) when decoding must stop.
auto decode_record(PayloadCursor& cursor, CodecResult& result) -> bool {
    const std::size_t offset = cursor.offset();
    const std::uint8_t length = *cursor.take(1).value().begin();
    const std::string where = "record at offset " + std::to_string(offset);
    if (length < 2) {
        result.errors.push_back(where + ": length " + std::to_string(length) + " is below 2");
        return false;
    }
    const auto body = cursor.take(length);
    if (!body) {
        result.errors.push_back(truncation_error(where, length + 1U, cursor.remaining() + 1));
        return false;
    }
    const auto id = static_cast<std::uint16_t>(((*body)[0] << 8) | (*body)[1]);
    const Record* record = find_record(id);
    if (record == nullptr)
        return true;
    const ByteView value = body->subspan(2);
    const bool is_text = record->decode == text;
    if (!is_text && value.size() < record->size) {
        result.errors.push_back(where + ": " + hex_id(id) + " needs " +
                                std::to_string(record->size) + " value bytes, record has " +
                                std::to_string(value.size()));
        return false;
    }
    PayloadReader reader(value.first(std::min(value.size(), record->size)));
    record->decode(reader, record->key, result.data);
    return true;
}

class PepperlFuchsWilsen final : public NativeCodec {
  public:
    PepperlFuchsWilsen()
        : NativeCodec({.id = "pepperl-fuchs-wilsen-sonic-level",
                       .vendor = "Pepperl+Fuchs",
                       .device = "WILSEN.sonic.level ultrasonic level sensor",
                       .family = Family::bin}) {}

    [[nodiscard]] auto decode_uplink(const UplinkInput& input) const -> CodecResult override {
        CodecResult result;
        result.data = nlohmann::json::object();
        result.data["payload"] = hex_upper(input.bytes);
        PayloadCursor cursor(input.bytes);
        while (!cursor.at_end() && decode_record(cursor, result)) {
        }
        return result;
    }
};

}  // namespace

auto make_pepperl_fuchs_wilsen() -> std::unique_ptr<Codec> {
    return std::make_unique<PepperlFuchsWilsen>();
}

}  // namespace hortillon::codecs
