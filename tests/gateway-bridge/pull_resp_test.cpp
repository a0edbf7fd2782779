#include <cstdlib>

#include <catch2/catch.hpp>

#include "gateway-bridge/base64.hpp"
#include "gateway-bridge/pull_resp.hpp"
#include "samples.hpp"

using namespace hortillon::gateway_bridge;
using namespace std::chrono_literals;
using hortillon::lorawan::Bytes;

namespace {

auto rx1_frame() -> DownlinkFrame {
    DownlinkFrame frame;
    frame.phy_payload = Bytes{0x60, 0x04, 0x03, 0x02, 0x01, 0x00, 0x01, 0x00};
    frame.timing = to_gateway_timestamp(GatewayTimestamp{4294000000}, 1s);  // wraps to 32704
    frame.frequency_hz = 868'100'000;
    frame.rf_chain = 0;
    frame.power_dbm = 14;
    frame.modulation = LoraModulation{7, 125'000, CodeRate::cr_4_5};
    return frame;
}

auto body_text(const Bytes& datagram) -> std::string {
    return std::string(datagram.begin() + 4, datagram.end());
}

auto decode(std::string_view body) -> hortillon::Result<DownlinkFrame, DatagramError> {
    static Bytes storage;
    storage = test::make_datagram(3, body);
    return decode_pull_resp(*decode_datagram(storage));
}

// A valid txpk body with one field replaced or removed (value "" removes).
auto txpk_with(const std::string& key, const std::string& value) -> std::string {
    std::vector<std::pair<std::string, std::string>> fields{
        {"tmst", "1000"},     {"freq", "868.1"},        {"rfch", "0"},       {"powe", "14"},
        {"modu", "\"LORA\""}, {"datr", "\"SF7BW125\""}, {"codr", "\"4/5\""}, {"ipol", "true"},
        {"size", "3"},        {"data", "\"AQID\""}};
    std::string out = R"({"txpk":{)";
    for (auto [k, v] : fields) {
        if (k == key)
            v = value;
        if (v.empty())
            continue;
        if (out.back() != '{')
            out += ',';
        out += "\"" + k + "\":" + v;
    }
    return out + "}}";
}

}  // namespace

TEST_CASE("PULL_RESP for RX1: exact bytes, tmst across the wrap, freq with six decimals") {
    auto encoded = encode_pull_resp(Token{{0xab, 0xcd}}, rx1_frame());
    REQUIRE(encoded);
    CHECK(Bytes(encoded->begin(), encoded->begin() + 4) == Bytes{2, 0xab, 0xcd, 3});
    CHECK(body_text(*encoded) ==
          R"({"txpk":{"tmst":32704,"freq":868.100000,"rfch":0,"powe":14,"modu":"LORA",)"
          R"("datr":"SF7BW125","codr":"4/5","ipol":true,"size":8,"data":"YAQDAgEAAQA="}})");
}

TEST_CASE("PULL_RESP class C, class B, FSK and the optional fields") {
    auto frame = rx1_frame();
    frame.timing = SendImmediately{};
    frame.frequency_hz = 869'525'000;
    frame.power_dbm = 27;
    frame.modulation = LoraModulation{12, 125'000, CodeRate::cr_4_5};
    frame.preamble = 8;
    frame.disable_crc = true;
    frame.antenna = 0;
    frame.board = 1;
    CHECK(body_text(*encode_pull_resp(Token{}, frame)) ==
          R"({"txpk":{"imme":true,"freq":869.525000,"rfch":0,"powe":27,"modu":"LORA",)"
          R"("datr":"SF12BW125","codr":"4/5","ipol":true,"prea":8,"size":8,)"
          R"("data":"YAQDAgEAAQA=","ncrc":true,"ant":0,"brd":1}})");

    frame = rx1_frame();
    frame.timing = GpsTime{1296414244500ms};
    frame.frequency_hz = 869'512'345;
    frame.modulation = FskModulation{50'000, 25'000};
    frame.invert_polarity = false;
    CHECK(body_text(*encode_pull_resp(Token{}, frame)) ==
          R"({"txpk":{"tmms":1296414244500,"freq":869.512345,"rfch":0,"powe":14,"modu":"FSK",)"
          R"("datr":50000,"fdev":25000,"ipol":false,"size":8,"data":"YAQDAgEAAQA="}})");
}

TEST_CASE("PULL_RESP encode, then decode as a gateway would: the same frame") {
    auto frame = rx1_frame();
    frame.frequency_hz = 926'900'024;  // a frequency that is not a float-friendly MHz value
    auto encoded = encode_pull_resp(Token{{1, 2}}, frame);
    REQUIRE(encoded);
    auto datagram = decode_datagram(*encoded);
    REQUIRE(datagram);
    CHECK(datagram->token == Token{{1, 2}});
    CHECK(decode_pull_resp(*datagram).value() == frame);
}

TEST_CASE("PULL_RESP encoder refuses what the forwarder would silently drop") {
    auto frame = rx1_frame();
    frame.modulation = LoraModulation{7, 125'000, std::nullopt};
    CHECK(encode_pull_resp(Token{}, frame).error() == DatagramError::missing_field);
    frame.modulation = FskModulation{50'000, std::nullopt};
    CHECK(encode_pull_resp(Token{}, frame).error() == DatagramError::missing_field);
    frame.modulation = FskModulation{50'000, 0};
    CHECK(encode_pull_resp(Token{}, frame).error() == DatagramError::bad_field);
    frame.modulation = LrFhssModulation{137'000, CodeRate::cr_4_6, std::nullopt};
    CHECK(encode_pull_resp(Token{}, frame).error() == DatagramError::bad_data_rate);
    frame = rx1_frame();
    frame.phy_payload.resize(256);
    CHECK(encode_pull_resp(Token{}, frame).error() == DatagramError::bad_field);
    frame.phy_payload.resize(255);
    CHECK(encode_pull_resp(Token{}, frame));
    frame.frequency_hz = 0;
    CHECK(encode_pull_resp(Token{}, frame).error() == DatagramError::bad_field);
}

TEST_CASE("PULL_RESP decode: timing precedence and errors") {
    REQUIRE(decode(txpk_with("ipol", "false")));
    CHECK(std::holds_alternative<GatewayTimestamp>(decode(txpk_with("ipol", "true"))->timing));
    CHECK(std::holds_alternative<SendImmediately>(
        decode(txpk_with("tmst", R"("immediate","imme":true)"))->timing));
    CHECK(std::get<GpsTime>(decode(txpk_with("tmst", R"(null,"tmms":5)"))->timing) == GpsTime{5ms});

    using enum DatagramError;
    CHECK(decode("{}").error() == missing_field);
    CHECK(decode(R"({"txpk":1})").error() == bad_field);
    CHECK(decode("{").error() == bad_json);
    for (const char* key : {"tmst", "freq", "rfch", "powe", "datr", "codr", "size", "data"}) {
        INFO(key);
        CHECK(decode(txpk_with(key, "")).error() == missing_field);
    }
    CHECK(decode(txpk_with("modu", "")));  // the kind follows from datr
    CHECK(decode(txpk_with("modu", R"("FSK")")).error() == bad_data_rate);
    CHECK(decode(txpk_with("modu", R"("LR-FHSS")")).error() == bad_data_rate);
    CHECK(decode(txpk_with("data", R"("A-ID")")).error() == bad_base64);
    CHECK(decode(txpk_with("size", "4")).error() == size_mismatch);
    CHECK(decode(txpk_with("freq", "0")).error() == bad_field);
    CHECK(decode(txpk_with("tmst", "-5")).error() == bad_field);
    auto push_ack = Bytes{2, 0, 0, 1};
    CHECK(decode_pull_resp(*decode_datagram(push_ack)).error() == unexpected_identifier);
}

TEST_CASE("the forwarder truncating 1e6 times freq reads our freq text back exactly") {
    auto frame = rx1_frame();
    for (auto [low, high] : {std::pair{863'000'000U, 870'000'000U}, {902'000'000U, 928'000'000U}}) {
        for (auto hz = low; hz <= high; hz += 100) {
            frame.frequency_hz = hz;
            auto text = body_text(*encode_pull_resp(Token{}, frame));
            auto at = text.find("\"freq\":") + 7;
            auto mhz = std::strtod(text.c_str() + at, nullptr);
            if (static_cast<std::uint32_t>(1e6 * mhz) != hz)
                FAIL("freq " << hz);
        }
    }
}
