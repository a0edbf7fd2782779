#include <catch2/catch.hpp>

#include "gateway-bridge/push_data.hpp"
#include "samples.hpp"

using namespace hortillon::gateway_bridge;
using hortillon::lorawan::Bytes;

namespace {

// A well-formed LoRa rxpk with `extra` spliced in ("key":value pairs, overriding nothing).
auto rxpk(const std::string& fields) -> std::string {
    return R"({"tmst":1000,"freq":868.1,"stat":1,"modu":"LORA","datr":"SF7BW125",)"
           R"("codr":"4/5","rssi":-50,"lsnr":7.5,"size":3,"data":"AQID")" +
           std::string{fields.empty() ? "" : ","} + fields + "}";
}

auto decode(const std::string& body) -> hortillon::Result<PushData, DatagramError> {
    static Bytes storage;  // the Datagram views it
    storage = test::make_datagram(0, body);
    return decode_push_data(*decode_datagram(storage));
}

// The single rejection reason for a datagram holding one rxpk.
auto rejection(const std::string& one_rxpk) -> DatagramError {
    auto decoded = decode(R"({"rxpk":[)" + one_rxpk + "]}");
    REQUIRE(decoded);
    REQUIRE(decoded->rejected.size() == 1);
    CHECK(decoded->frames.empty());
    return decoded->rejected[0].reason;
}

// The same rxpk without `key` (keys are unique in these texts).
auto without(std::string text, const std::string& key) -> std::string {
    auto at = text.find("\"" + key + "\":");
    auto end = text.find_first_of(",}", text.find(':', at));
    if (text[end] == ',')
        ++end;
    text.erase(at, end - at);
    if (text[text.size() - 2] == ',')
        text.erase(text.size() - 2, 1);
    return text;
}

}  // namespace

TEST_CASE("a well-formed rxpk becomes an UplinkFrame") {
    auto decoded = decode(R"({"rxpk":[)" + rxpk("") + "]}");
    REQUIRE(decoded);
    REQUIRE(decoded->frames.size() == 1);
    const auto& frame = decoded->frames[0];
    CHECK(frame.phy_payload == Bytes{1, 2, 3});
    CHECK(frame.tx_info.frequency_hz == 868'100'000);
    CHECK(frame.tx_info.modulation == Modulation{LoraModulation{7, 125'000, CodeRate::cr_4_5}});
    CHECK(frame.rx_info.tmst == GatewayTimestamp{1000});
    CHECK(frame.rx_info.rssi == -50);
    CHECK(frame.rx_info.lsnr == 7.5);
    CHECK(frame.rx_info.gateway_eui.value == test::synthetic_eui);
    CHECK_FALSE(frame.rx_info.time);
    CHECK_FALSE(decoded->stats);
    CHECK_FALSE(decoded->stats_error);
}

TEST_CASE("one bad rxpk does not discard the good ones around it") {
    auto body = R"({"rxpk":[)" + rxpk("") + "," + without(rxpk(""), "tmst") + "," +
                rxpk(R"("chan":4)") + R"(],"stat":{"rxnb":3}})";
    auto decoded = decode(body);
    REQUIRE(decoded);
    REQUIRE(decoded->frames.size() == 2);
    CHECK(decoded->frames[1].rx_info.channel == 4);
    REQUIRE(decoded->rejected.size() == 1);
    CHECK(decoded->rejected[0] == RxpkRejection{1, DatagramError::missing_field, std::nullopt});
    CHECK(decoded->stats->rx_received == 3u);
}

TEST_CASE("CRC-failed and CRC-less packets are rejected with their frame") {
    auto decoded = decode(R"({"rxpk":[)" + without(rxpk(R"("stat":-1)"), "stat") + "," +
                          rxpk("").replace(rxpk("").find("\"stat\":1"), 8, "\"stat\":0") + "]}");
    REQUIRE(decoded);
    CHECK(decoded->frames.empty());
    REQUIRE(decoded->rejected.size() == 2);
    CHECK(decoded->rejected[0].reason == DatagramError::crc_bad);
    CHECK(decoded->rejected[0].frame->rx_info.crc_status == CrcStatus::bad);
    CHECK(decoded->rejected[1].reason == DatagramError::crc_absent);
    CHECK(decoded->rejected[1].frame->phy_payload == Bytes{1, 2, 3});
}

TEST_CASE("rsig: per-antenna values kept, top-level values from the best antenna") {
    auto body = without(without(rxpk(R"("rsig":[)"
                                     R"({"ant":0,"chan":3,"rssic":-100,"lsnr":-2.0},)"
                                     R"({"ant":1,"chan":3,"rssic":-90,"lsnr":4.5,"foff":-120,)"
                                     R"("etime":"AQID","rssis":-93,"ftstat":0}])"),
                                "rssi"),
                        "lsnr");
    auto decoded = decode(R"({"rxpk":[)" + body + "]}");
    REQUIRE(decoded);
    REQUIRE(decoded->frames.size() == 1);
    const auto& rx = decoded->frames[0].rx_info;
    REQUIRE(rx.antennas.size() == 2);
    CHECK(rx.antennas[0].rssi_channel == -100);
    CHECK(rx.antennas[1].encrypted_fine_timestamp == Bytes{1, 2, 3});
    CHECK(rx.antennas[1].fine_timestamp_status == 0);
    CHECK(rx.rssi == -90);
    CHECK(rx.lsnr == 4.5);
    CHECK(rx.rssi_signal == -93);
    CHECK(rx.frequency_offset_hz == -120);
    CHECK(rx.channel == 3);
}

TEST_CASE("FSK, LR-FHSS and codr OFF rxpk") {
    auto fsk = decode(R"({"rxpk":[{"tmst":1,"freq":868.8,"stat":1,"modu":"FSK","datr":50000,)"
                      R"("rssi":-70,"size":1,"data":"AA=="}]})");
    REQUIRE(fsk);
    CHECK(fsk->frames.at(0).tx_info.modulation == Modulation{FskModulation{50'000, std::nullopt}});
    CHECK_FALSE(fsk->frames.at(0).rx_info.lsnr);

    auto lr_fhss = decode(R"({"rxpk":[{"tmst":1,"freq":868.1,"stat":1,"modu":"LR-FHSS",)"
                          R"("datr":"M0CW137","codr":"2/3","hpw":52,"rssi":-70,"data":"AA=="}]})");
    REQUIRE(lr_fhss);
    CHECK(lr_fhss->frames.at(0).tx_info.modulation ==
          Modulation{LrFhssModulation{137'000, CodeRate::cr_4_6, 52u}});

    auto off = decode(R"({"rxpk":[)" + rxpk("").replace(rxpk("").find("4/5"), 3, "OFF") + "]}");
    REQUIRE(off);
    CHECK(std::get<LoraModulation>(off->frames.at(0).tx_info.modulation).code_rate ==
          CodeRate::off);
}

TEST_CASE("lenient input: modu inferred, integral floats, nulls, empty time, trailing NULs") {
    auto text = without(rxpk(R"("time":"","rfch":null)"), "modu");
    text.replace(text.find("-50"), 3, "-50.0");
    auto body = R"({"rxpk":[)" + text + "]}";
    body.push_back('\0');
    body.push_back('\0');
    auto decoded = decode(body);
    REQUIRE(decoded);
    REQUIRE(decoded->frames.size() == 1);
    CHECK(decoded->frames[0].rx_info.rssi == -50);
    CHECK(decoded->frames[0].rx_info.rf_chain == 0);
    CHECK_FALSE(decoded->frames[0].rx_info.time);
    CHECK(decode("{}")->frames.empty());
    CHECK(decode(R"({"rxpk":[]})")->frames.empty());
}

TEST_CASE("a malformed stat is reported without touching the rxpk") {
    auto decoded = decode(R"({"rxpk":[)" + rxpk("") + R"(],"stat":{"time":"yesterday"}})");
    REQUIRE(decoded);
    CHECK(decoded->frames.size() == 1);
    CHECK_FALSE(decoded->stats);
    CHECK(decoded->stats_error == DatagramError::bad_time);
    CHECK(decode(R"({"stat":[1]})")->stats_error == DatagramError::bad_field);
    CHECK(decode(R"({"stat":{"rxnb":-1}})")->stats_error == DatagramError::bad_field);
}

TEST_CASE("push data errors for the whole datagram") {
    CHECK(decode("{").error() == DatagramError::bad_json);
    CHECK(decode("[]").error() == DatagramError::bad_json);
    CHECK(decode("\"rxpk\"").error() == DatagramError::bad_json);
    CHECK(decode(R"({"rxpk":{}})").error() == DatagramError::bad_field);
    CHECK(decode(R"({"rxpk":1})").error() == DatagramError::bad_field);
    auto pull_data = Bytes{2, 0, 0, 2, 1, 2, 3, 4, 5, 6, 7, 8};
    CHECK(decode_push_data(*decode_datagram(pull_data)).error() ==
          DatagramError::unexpected_identifier);
}

TEST_CASE("rxpk errors, each named") {
    using enum DatagramError;
    CHECK(rejection("1") == bad_field);
    CHECK(rejection(rxpk("").replace(rxpk("").find("AQID"), 4, "AQ!D")) == bad_base64);
    CHECK(rejection(rxpk(R"("rsig":[{"rssic":-1,"etime":"@"}])")) == bad_base64);
    for (const char* key : {"tmst", "freq", "stat", "datr", "data", "rssi"}) {
        INFO(key);
        CHECK(rejection(without(rxpk(""), key)) == missing_field);
    }
    CHECK(rejection(without(rxpk(R"("rsig":[{"ant":0}])"), "rssi")) == missing_field);
    CHECK(rejection(without(rxpk(R"("tmst":-1)"), "tmst")) == bad_field);
    CHECK(rejection(without(rxpk(R"("tmst":4294967296)"), "tmst")) == bad_field);
    CHECK(rejection(without(rxpk(R"("tmst":"1")"), "tmst")) == bad_field);
    CHECK(rejection(without(rxpk(R"("stat":2)"), "stat")) == bad_field);
    CHECK(rejection(without(rxpk(R"("freq":-868.1)"), "freq")) == bad_field);
    CHECK(rejection(without(rxpk(R"("freq":5000)"), "freq")) == bad_field);
    CHECK(rejection(rxpk(R"("chan":256)")) == bad_field);
    CHECK(rejection(rxpk(R"("ftime":1000000000)")) == bad_field);
    CHECK(rejection(rxpk(R"("rsig":[])")) == bad_field);
    CHECK(rejection(rxpk(R"("rsig":[1])")) == bad_field);
    CHECK(rejection(without(rxpk(R"("lsnr":"high")"), "lsnr")) == bad_field);
    for (const char* datr : {R"("SF13BW125")", R"("SF7BW")", R"("SF7")", R"(7)", R"("M0CW")"}) {
        INFO(datr);
        CHECK(rejection(without(rxpk(std::string{R"("datr":)"} + datr), "datr")) == bad_data_rate);
    }
    CHECK(rejection(without(rxpk(R"("modu":"PSK")"), "modu")) == bad_data_rate);
    CHECK(rejection(without(rxpk(R"("codr":"4/9")"), "codr")) == bad_data_rate);
    CHECK(rejection(without(without(rxpk(R"("modu":"FSK","datr":"SF7BW125")"), "modu"), "datr")) ==
          bad_data_rate);
    CHECK(rejection(rxpk(R"("time":"2013-02-30T16:21:17.528002Z")")) == bad_time);
    CHECK(rejection(rxpk(R"("time":"2013-03-31 16:21:17")")) == bad_time);
    CHECK(rejection(without(rxpk(R"("size":4)"), "size")) == size_mismatch);
}
