#include "gateway-bridge/pull_resp.hpp"

#include <cmath>
#include <cstdio>

#include "gateway-bridge/base64.hpp"
#include "gateway-bridge/field_reader.hpp"

namespace hortillon::gateway_bridge {

namespace {

constexpr double max_frequency_hz = 4294967295.0;

// ---- encoding ---------------------------------------------------------------------------------
// The txpk JSON is written by hand rather than through nlohmann::json because `freq` must carry
// exactly six decimals, printed from integer Hz; every string written is ASCII we produce
// ("LORA", "SF7BW125", "4/5", base64), so nothing needs escaping.

auto validate(const DownlinkFrame& frame) -> std::optional<DatagramError> {
    if (frame.phy_payload.size() > max_phy_payload_size || frame.frequency_hz == 0) {
        return DatagramError::bad_field;
    }
    if (std::holds_alternative<LrFhssModulation>(frame.modulation)) {
        return DatagramError::bad_data_rate;
    }
    if (const auto* lora = std::get_if<LoraModulation>(&frame.modulation)) {
        if (!lora->code_rate)
            return DatagramError::missing_field;
    }
    if (const auto* fsk = std::get_if<FskModulation>(&frame.modulation)) {
        if (!fsk->frequency_deviation_hz)
            return DatagramError::missing_field;
        if (fsk->bit_rate == 0 || *fsk->frequency_deviation_hz == 0)
            return DatagramError::bad_field;
    }
    return std::nullopt;
}

// "868.100000": MHz with six decimals, from integer Hz, with no floating point.
auto format_mhz(std::uint32_t hz) -> std::string {
    char text[24];
    std::snprintf(text, sizeof text, "%u.%06u", hz / 1'000'000U, hz % 1'000'000U);
    return text;
}

void append_field(std::string& out, std::string_view key, std::string_view raw_value) {
    if (out.back() != '{')
        out += ',';
    out += '"';
    out += key;
    out += "\":";
    out += raw_value;
}

void append_string(std::string& out, std::string_view key, std::string_view text) {
    append_field(out, key, "\"");
    out += text;
    out += '"';
}

template <class Integer>
void append_integer(std::string& out, std::string_view key, Integer value) {
    append_field(out, key, std::to_string(value));
}

void append_timing(std::string& out, const TxTiming& timing) {
    if (std::holds_alternative<SendImmediately>(timing))
        append_field(out, "imme", "true");
    if (const auto* tmst = std::get_if<GatewayTimestamp>(&timing)) {
        append_integer(out, "tmst", tmst->value);
    }
    if (const auto* gps = std::get_if<GpsTime>(&timing)) {
        append_integer(out, "tmms", gps->since_gps_epoch.count());
    }
}

void append_modulation(std::string& out, const Modulation& modulation) {
    append_string(out, "modu", modu_text(modulation));
    if (const auto* fsk = std::get_if<FskModulation>(&modulation)) {
        append_integer(out, "datr", fsk->bit_rate);
        append_integer(out, "fdev", fsk->frequency_deviation_hz.value_or(0));
        return;
    }
    append_string(out, "datr", data_rate_text(modulation));
    if (const auto* lora = std::get_if<LoraModulation>(&modulation)) {
        append_string(out, "codr", to_string(lora->code_rate.value_or(CodeRate::cr_4_5)));
    }
}

auto txpk_json(const DownlinkFrame& frame) -> std::string {
    std::string out = R"({"txpk":{)";
    append_timing(out, frame.timing);
    append_field(out, "freq", format_mhz(frame.frequency_hz));
    append_integer(out, "rfch", frame.rf_chain);
    append_integer(out, "powe", frame.power_dbm);
    append_modulation(out, frame.modulation);
    append_field(out, "ipol", frame.invert_polarity ? "true" : "false");
    if (frame.preamble)
        append_integer(out, "prea", *frame.preamble);
    append_integer(out, "size", frame.phy_payload.size());
    append_string(out, "data", encode_base64(frame.phy_payload));
    if (frame.disable_crc)
        append_field(out, "ncrc", "true");
    if (frame.antenna)
        append_integer(out, "ant", *frame.antenna);
    if (frame.board)
        append_integer(out, "brd", *frame.board);
    out += "}}";
    return out;
}

// ---- decoding ---------------------------------------------------------------------------------

auto read_timing(FieldReader& in) -> TxTiming {
    if (in.optional_bool("imme").value_or(false))
        return SendImmediately{};
    if (in.has("tmst"))
        return GatewayTimestamp{in.required_int<std::uint32_t>("tmst")};
    if (in.has("tmms")) {
        auto tmms = in.optional_integer("tmms", 0, std::int64_t{1} << 52);
        return GpsTime{std::chrono::milliseconds{tmms.value_or(0)}};
    }
    in.fail(DatagramError::missing_field);
    return SendImmediately{};
}

auto read_frequency_hz(FieldReader& in) -> std::uint32_t {
    auto hz = std::round(in.required_number("freq") * 1e6);
    if (!in.error() && !(hz > 0.0 && hz <= max_frequency_hz))
        in.fail(DatagramError::bad_field);
    return in.error() ? 0 : static_cast<std::uint32_t>(hz);
}

// The modulation with what a transmission needs: a LoRa code rate, an FSK deviation.
auto read_tx_modulation(FieldReader& in) -> Modulation {
    auto modulation = read_modulation(in);
    if (in.error() || !modulation) {
        in.fail(DatagramError::bad_data_rate);
        return Modulation{};
    }
    if (std::holds_alternative<LrFhssModulation>(*modulation)) {
        in.fail(DatagramError::bad_data_rate);
    }
    const auto* lora = std::get_if<LoraModulation>(&*modulation);
    const auto* fsk = std::get_if<FskModulation>(&*modulation);
    if ((lora && !lora->code_rate) || (fsk && !fsk->frequency_deviation_hz)) {
        in.fail(DatagramError::missing_field);
    } else if (fsk && *fsk->frequency_deviation_hz == 0) {
        in.fail(DatagramError::bad_field);
    }
    return *modulation;
}

auto read_payload(FieldReader& in) -> lorawan::Bytes {
    auto size = in.required_int<std::uint16_t>("size");
    auto text = in.required_string("data");
    if (in.error())
        return {};
    auto payload = decode_base64(text);
    if (!payload) {
        in.fail(DatagramError::bad_base64);
        return {};
    }
    if (payload->size() > max_phy_payload_size)
        in.fail(DatagramError::bad_field);
    if (payload->size() != size)
        in.fail(DatagramError::size_mismatch);
    return std::move(*payload);
}

auto decode_txpk(JsonValue txpk) -> Result<DownlinkFrame, DatagramError> {
    FieldReader in{txpk};
    DownlinkFrame out;
    out.timing = read_timing(in);
    out.frequency_hz = read_frequency_hz(in);
    out.rf_chain = in.required_int<std::uint8_t>("rfch");
    out.power_dbm = in.required_int<std::int32_t>("powe");
    out.modulation = read_tx_modulation(in);
    out.invert_polarity = in.optional_bool("ipol").value_or(false);
    out.preamble = in.optional_int<std::uint16_t>("prea");
    out.disable_crc = in.optional_bool("ncrc").value_or(false);
    out.antenna = in.optional_int<std::uint8_t>("ant");
    out.board = in.optional_int<std::uint8_t>("brd");
    out.phy_payload = read_payload(in);
    if (in.error())
        return Unexpected{*in.error()};
    return out;
}

}  // namespace

auto encode_pull_resp(Token token, const DownlinkFrame& frame, std::uint8_t version)
    -> Result<lorawan::Bytes, DatagramError> {
    if (auto problem = validate(frame))
        return Unexpected{*problem};
    auto body = txpk_json(frame);
    Datagram datagram{
        version, token, PacketType::pull_resp, std::nullopt,
        lorawan::ByteView{reinterpret_cast<const std::uint8_t*>(body.data()), body.size()}};
    return encode_datagram(datagram);
}

auto decode_pull_resp(const Datagram& datagram) -> Result<DownlinkFrame, DatagramError> {
    if (datagram.type != PacketType::pull_resp) {
        return Unexpected{DatagramError::unexpected_identifier};
    }
    auto root = parse_json_object(datagram.body);
    if (!root)
        return Unexpected{root.error()};
    auto txpk = FieldReader{root->root()}.member("txpk");
    if (!txpk)
        return Unexpected{DatagramError::missing_field};
    if (!txpk->is_object())
        return Unexpected{DatagramError::bad_field};
    return decode_txpk(*txpk);
}

}  // namespace hortillon::gateway_bridge
