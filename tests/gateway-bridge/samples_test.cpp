// Every sample of tests/data/semtech-udp-samples.json decoded, and every field the sample states
// checked against the decoded value. Adding a sample adds its checks; a sample with a field that
// no check knows fails, so that new fields get a check (or a listed reason to be ignored).

#include <algorithm>
#include <cmath>
#include <set>

#include <catch2/catch.hpp>

#include "gateway-bridge/base64.hpp"
#include "gateway-bridge/datagram.hpp"
#include "gateway-bridge/pull_resp.hpp"
#include "gateway-bridge/push_data.hpp"
#include "gateway-bridge/tx_ack.hpp"
#include "samples.hpp"

using namespace hortillon::gateway_bridge;
using hortillon::lorawan::Bytes;
using nlohmann::json;
using test::Sample;

namespace {

auto mhz_to_hz(const json& freq) -> std::uint32_t {
    return static_cast<std::uint32_t>(std::llround(freq.get<double>() * 1e6));
}

// Base64 text compared to bytes, independent of padding and of unused trailing bits (the
// base64 codec itself is checked against the RFC 4648 vectors in base64_test.cpp).
auto same_base64(const std::string& text, const Bytes& bytes) -> bool {
    return decode_base64(text) == bytes;
}

auto standard_base64_alphabet(const std::string& text) -> bool {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=';
    });
}

// Checks one stated key of a modulation description (rxpk or txpk).
auto check_modulation_key(const std::string& key, const json& value, const Modulation& m) -> bool {
    if (key == "modu") {
        CHECK(modu_text(m) == value.get<std::string>());
    } else if (key == "datr" && value.is_string()) {
        CHECK(data_rate_text(m) == value.get<std::string>());
    } else if (key == "datr") {
        REQUIRE(std::holds_alternative<FskModulation>(m));
        CHECK(std::get<FskModulation>(m).bit_rate == value.get<std::uint32_t>());
    } else if (key == "codr") {
        REQUIRE(std::holds_alternative<LoraModulation>(m));
        REQUIRE(std::get<LoraModulation>(m).code_rate);
        CHECK(to_string(*std::get<LoraModulation>(m).code_rate) == value.get<std::string>());
    } else if (key == "fdev") {
        REQUIRE(std::holds_alternative<FskModulation>(m));
        CHECK(std::get<FskModulation>(m).frequency_deviation_hz == value.get<std::uint32_t>());
    } else {
        return false;
    }
    return true;
}

void check_antennas(const json& rsig, const UplinkRxInfo& rx) {
    REQUIRE(rx.antennas.size() == rsig.size());
    for (std::size_t i = 0; i < rsig.size(); ++i) {
        for (const auto& [key, value] : rsig[i].items()) {
            INFO("rsig key " << key);
            const auto& antenna = rx.antennas[i];
            if (key == "ant")
                CHECK(antenna.antenna == value.get<int>());
            else if (key == "chan")
                CHECK(antenna.channel == value.get<int>());
            else if (key == "rssic")
                CHECK(antenna.rssi_channel == value.get<int>());
            else if (key == "lsnr")
                CHECK(antenna.lsnr == Approx(value.get<double>()));
            else
                FAIL("unchecked rsig key");
        }
    }
    if (rsig.size() == 1) {  // with one antenna, the top-level values are that antenna's
        CHECK(rx.rssi == rx.antennas[0].rssi_channel);
        CHECK(rx.lsnr == rx.antennas[0].lsnr);
        CHECK(rx.channel == rx.antennas[0].channel);
    }
}

void check_rxpk_key(const std::string& key, const json& value, const UplinkFrame& frame) {
    const auto& rx = frame.rx_info;
    static const std::set<std::string> ignored{"jver"};  // format marker, no value of its own
    if (key == "time")
        CHECK(format_compact_time(*rx.time) == value.get<std::string>());
    else if (key == "tmms")
        CHECK(rx.gps_time->since_gps_epoch.count() == value.get<std::int64_t>());
    else if (key == "tmst")
        CHECK(rx.tmst.value == value.get<std::uint32_t>());
    else if (key == "ftime")
        CHECK(rx.fine_timestamp->count() == value.get<std::int64_t>());
    else if (key == "chan")
        CHECK(rx.channel == value.get<int>());
    else if (key == "rfch")
        CHECK(rx.rf_chain == value.get<int>());
    else if (key == "freq")
        CHECK(frame.tx_info.frequency_hz == mhz_to_hz(value));
    else if (key == "mid")
        CHECK(rx.modem_id == value.get<int>());
    else if (key == "stat")
        CHECK(static_cast<int>(rx.crc_status) == value.get<int>());
    else if (key == "rssi")
        CHECK(rx.rssi == value.get<int>());
    else if (key == "rssis")
        CHECK(rx.rssi_signal == value.get<int>());
    else if (key == "lsnr")
        CHECK(*rx.lsnr == Approx(value.get<double>()));
    else if (key == "foff")
        CHECK(rx.frequency_offset_hz == value.get<int>());
    else if (key == "size")
        CHECK(frame.phy_payload.size() == value.get<std::size_t>());
    else if (key == "data")
        CHECK(same_base64(value.get<std::string>(), frame.phy_payload));
    else if (key == "brd")
        CHECK(rx.board == value.get<std::uint32_t>());
    else if (key == "aesk")
        CHECK(rx.aes_key_index == value.get<int>());
    else if (key == "rsig")
        check_antennas(value, rx);
    else if (!check_modulation_key(key, value, frame.tx_info.modulation) && !ignored.count(key))
        FAIL("unchecked rxpk key " << key);
}

// "2014-01-12 08:59:28 GMT" -> "2014-01-12T08:59:28.000000Z"
auto expanded_as_compact(std::string text) -> std::string {
    text[10] = 'T';
    return text.substr(0, 19) + ".000000Z";
}

void check_stat(const json& stat, const GatewayStats& stats) {
    static const std::set<std::string> vendor{"boot", "fpga", "hal", "ping"};
    auto same = [](const auto& ours, const json& value) {
        if (value.is_null())
            return !ours.has_value();
        return ours.has_value() && *ours == Approx(value.get<double>());
    };
    for (const auto& [key, value] : stat.items()) {
        INFO("stat key " << key);
        if (key == "time")
            CHECK(format_compact_time(*stats.time) ==
                  expanded_as_compact(value.get<std::string>()));
        else if (key == "lati")
            CHECK(same(stats.latitude, value));
        else if (key == "long")
            CHECK(same(stats.longitude, value));
        else if (key == "alti")
            CHECK(same(stats.altitude_m, value));
        else if (key == "rxnb")
            CHECK(same(stats.rx_received, value));
        else if (key == "rxok")
            CHECK(same(stats.rx_ok, value));
        else if (key == "rxfw")
            CHECK(same(stats.rx_forwarded, value));
        else if (key == "ackr")
            CHECK(same(stats.ack_ratio_percent, value));
        else if (key == "dwnb")
            CHECK(same(stats.downlink_received, value));
        else if (key == "txnb")
            CHECK(same(stats.tx_emitted, value));
        else if (key == "temp")
            CHECK(same(stats.temperature_celsius, value));
        else if (!vendor.count(key))
            FAIL("unchecked stat key");
    }
}

// The outcome a sample's rxpk must have: delivered, or rejected for the reason the sample shows.
auto expected_rejection(const json& rxpk) -> std::optional<DatagramError> {
    if (!standard_base64_alphabet(rxpk["data"].get<std::string>()))
        return DatagramError::bad_base64;
    if (rxpk["stat"] == -1)
        return DatagramError::crc_bad;
    if (rxpk["stat"] == 0)
        return DatagramError::crc_absent;
    return std::nullopt;
}

void check_push_data(const Sample& sample, const Datagram& datagram) {
    auto decoded = decode_push_data(datagram);
    REQUIRE(decoded);
    CHECK(decoded->gateway_eui == *datagram.gateway_eui);
    auto rxpks = sample.json.value("rxpk", json::array());
    std::size_t next_frame = 0;
    std::size_t next_rejection = 0;
    for (std::size_t i = 0; i < rxpks.size(); ++i) {
        INFO("rxpk " << i);
        const UplinkFrame* frame = nullptr;
        if (auto reason = expected_rejection(rxpks[i])) {
            REQUIRE(next_rejection < decoded->rejected.size());
            const auto& rejection = decoded->rejected[next_rejection++];
            CHECK(rejection.index == i);
            CHECK(rejection.reason == *reason);
            if (rejection.frame)
                frame = &*rejection.frame;
        } else {
            REQUIRE(next_frame < decoded->frames.size());
            frame = &decoded->frames[next_frame++];
        }
        if (frame == nullptr)
            continue;
        CHECK(frame->rx_info.gateway_eui == *datagram.gateway_eui);
        for (const auto& [key, value] : rxpks[i].items()) {
            INFO("rxpk key " << key);
            check_rxpk_key(key, value, *frame);
        }
    }
    CHECK(next_frame == decoded->frames.size());
    CHECK(next_rejection == decoded->rejected.size());
    REQUIRE(decoded->stats.has_value() == sample.json.contains("stat"));
    if (decoded->stats)
        check_stat(sample.json["stat"], *decoded->stats);
}

void check_tx_ack(const Sample& sample, const Datagram& datagram) {
    auto decoded = decode_tx_ack(datagram);
    REQUIRE(decoded);
    auto ack = sample.json.is_object() ? sample.json["txpk_ack"] : json::object();
    auto error = ack.value("error", std::string{});
    CHECK(decoded->error ==
          (error.empty() || error == "NONE" ? TxAckError::none : parse_tx_ack_error(error)));
    CHECK(to_string(decoded->error) == (error.empty() ? "NONE" : error));
    CHECK(decoded->sent() == (error.empty() || error == "NONE"));
    for (const auto& [key, value] : ack.items()) {
        INFO("txpk_ack key " << key);
        if (key == "warn")
            CHECK(to_string(*decoded->warning) == value.get<std::string>());
        else if (key == "value")
            CHECK(*decoded->warning_value == value.dump());
        else if (key != "error" && key != "tmst")
            FAIL("unchecked txpk_ack key");  // tmst: Helium
    }
}

auto check_txpk_key(const std::string& key, const json& value, const DownlinkFrame& frame) -> bool {
    static const std::set<std::string> ignored_when_immediate{"tmst"};  // imme wins
    if (key == "imme") {
        CHECK(std::holds_alternative<SendImmediately>(frame.timing) == value.get<bool>());
    } else if (key == "tmst" && std::holds_alternative<GatewayTimestamp>(frame.timing)) {
        CHECK(std::get<GatewayTimestamp>(frame.timing).value == value.get<std::uint32_t>());
    } else if (key == "freq") {
        CHECK(frame.frequency_hz == mhz_to_hz(value));
    } else if (key == "rfch") {
        CHECK(frame.rf_chain == value.get<int>());
    } else if (key == "powe") {
        CHECK(frame.power_dbm == value.get<int>());
    } else if (key == "ipol") {
        CHECK(frame.invert_polarity == value.get<bool>());
    } else if (key == "size") {
        CHECK(frame.phy_payload.size() == value.get<std::size_t>());
    } else if (key == "data") {
        CHECK(same_base64(value.get<std::string>(), frame.phy_payload));
    } else if (key == "ant") {
        CHECK(frame.antenna == value.get<int>());
    } else if (key == "brd") {
        CHECK(frame.board == value.get<int>());
    } else {
        return check_modulation_key(key, value, frame.modulation) ||
               (ignored_when_immediate.count(key) &&
                std::holds_alternative<SendImmediately>(frame.timing));
    }
    return true;
}

// The encoder's output, read back as JSON, states the same txpk as the sample (up to `freq`
// printed with six decimals, base64 padding and `imme:false` being implicit).
void check_reencoded(const json& txpk, const DownlinkFrame& frame) {
    auto encoded = encode_pull_resp(Token{{0x7b, 0x00}}, frame);
    REQUIRE(encoded);
    auto datagram = decode_datagram(*encoded);
    REQUIRE(datagram);
    CHECK(decode_pull_resp(*datagram).value() == frame);
    auto ours = json::parse(datagram->body.begin(), datagram->body.end())["txpk"];
    for (const auto& [key, value] : txpk.items()) {
        INFO("txpk key " << key);
        if (key == "imme" && value == false)
            continue;
        if (key == "tmst" && value.is_string())
            continue;
        REQUIRE(ours.contains(key));
        if (key == "freq")
            CHECK(mhz_to_hz(ours[key]) == frame.frequency_hz);
        else if (key == "data")
            CHECK(same_base64(ours[key].get<std::string>(), frame.phy_payload));
        else
            CHECK(ours[key] == value);
    }
}

void check_pull_resp(const Sample& sample, const Datagram& datagram) {
    auto decoded = decode_pull_resp(datagram);
    const auto txpk = sample.inner_txpk ? sample.json : sample.json.value("txpk", json{});
    if (txpk.is_null()) {
        CHECK(decoded.error() == DatagramError::missing_field);
        return;
    }
    auto data = decode_base64(txpk["data"].get<std::string>());
    REQUIRE(data);
    if (data->size() != txpk["size"].get<std::size_t>()) {
        CHECK(decoded.error() == DatagramError::size_mismatch);
        return;
    }
    REQUIRE(decoded);
    for (const auto& [key, value] : txpk.items()) {
        INFO("txpk key " << key);
        if (!check_txpk_key(key, value, *decoded))
            FAIL("unchecked txpk key");
    }
    check_reencoded(txpk, *decoded);
}

void check_header(const Sample& sample, const Datagram& datagram) {
    CHECK(to_string(datagram.type) == sample.type);
    if (sample.header.is_null())
        return;
    CHECK(datagram.version == sample.header["version"].get<int>());
    CHECK(datagram.token.to_string() == sample.header["token_bytes"].get<std::string>());
    CHECK(static_cast<int>(datagram.type) == sample.header["identifier"].get<int>());
    if (sample.header.contains("gateway_eui")) {
        REQUIRE(datagram.gateway_eui);
        CHECK(datagram.gateway_eui->to_string() == sample.header["gateway_eui"].get<std::string>());
    } else {
        CHECK_FALSE(datagram.gateway_eui);
    }
}

}  // namespace

TEST_CASE("every sample decodes to the values it states") {
    auto samples = test::load_samples();
    REQUIRE(samples.size() == test::sample_file()["count"].get<std::size_t>());
    for (const auto& sample : samples) {
        INFO("sample: " << sample.name);
        auto datagram = decode_datagram(sample.datagram);
        REQUIRE(datagram);
        check_header(sample, *datagram);
        CHECK(encode_datagram(*datagram) == sample.datagram);
        if (sample.type == "PUSH_DATA")
            check_push_data(sample, *datagram);
        if (sample.type == "TX_ACK")
            check_tx_ack(sample, *datagram);
        if (sample.type == "PULL_RESP")
            check_pull_resp(sample, *datagram);
        if (sample.type == "PUSH_ACK") {
            auto ack = encode_push_ack(datagram->token);
            CHECK(Bytes(ack.begin(), ack.end()) == sample.datagram);
        }
        if (sample.type == "PULL_ACK") {
            auto ack = encode_pull_ack(datagram->token);
            CHECK(Bytes(ack.begin(), ack.end()) == sample.datagram);
        }
    }
}

TEST_CASE("the acks a server owes for the sample requests") {
    for (const auto& sample : test::load_samples()) {
        if (sample.type != "PUSH_DATA" && sample.type != "PULL_DATA")
            continue;
        INFO("sample: " << sample.name);
        auto datagram = decode_gateway_datagram(sample.datagram);
        REQUIRE(datagram);
        auto ack = encode_ack_for(*datagram);
        REQUIRE(ack);
        auto expected_type = sample.type == "PUSH_DATA" ? 1 : 4;
        CHECK(*ack == Ack{sample.datagram[0], sample.datagram[1], sample.datagram[2],
                          static_cast<std::uint8_t>(expected_type)});
    }
}
