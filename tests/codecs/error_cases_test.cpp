// Each named error case of each codec, bad cases first: what a truncated, malformed or
// unknown frame gives. The vectors cover the well-formed frames.

#include <catch2/catch.hpp>

#include <string>

#include "codecs/builtin.hpp"
#include "lorawan/bytes.hpp"

namespace hortillon::codecs {
namespace {

struct Fixture {
    CodecRegistry registry = make_builtin_registry();

    auto codec(std::string_view id) const -> const Codec& {
        const Codec* found = registry.find(id);
        REQUIRE(found != nullptr);
        return *found;
    }
    auto up(std::string_view id, std::string_view hex, std::uint8_t f_port) const -> CodecResult {
        const auto bytes = lorawan::from_hex(hex).value();
        return codec(id).decode_uplink({.bytes = bytes, .f_port = f_port});
    }
    auto down(std::string_view id, std::string_view hex, std::uint8_t f_port) const -> CodecResult {
        const auto bytes = lorawan::from_hex(hex).value();
        return codec(id).decode_downlink({.bytes = bytes, .f_port = f_port});
    }
    auto encode(std::string_view id, const nlohmann::json& input) const -> EncodeResult {
        return codec(id).encode_downlink(input);
    }
};

auto errors_of(const CodecResult& r) -> std::vector<std::string> {
    return r.errors;
}
auto errors_of(const EncodeResult& r) -> std::vector<std::string> {
    return r.errors;
}
using Errors = std::vector<std::string>;

TEST_CASE_METHOD(Fixture, "error cases: Milesight channel lists", "[codecs][errors]") {
    const auto cut = up("milesight-iot-em310-udl", "01755c038244", 85);
    CHECK(cut.errors ==
          Errors{"truncated frame: distance record at offset 3 needs 4 bytes, got 3"});
    CHECK(cut.data["distance"] == 68);  // as the vendor codec, flagged
    const auto lone = up("milesight-iot-em310-udl", "01755c03", 85);
    CHECK(lone.errors.size() == 1);
    CHECK(lone.data == nlohmann::json{{"battery", 92}});
    const auto unknown = up("milesight-iot-em500-swl", "01755aff0b01", 85);
    CHECK(unknown.errors.empty());
    CHECK(unknown.warnings ==
          Errors{"decoding stopped at unknown channel 0xff type 0x0b at offset 3; 3 bytes not "
                 "decoded"});
    const auto history = up("milesight-iot-em300-di", "20ce00f153656400", 85);
    CHECK_FALSE(history.errors.empty());
    CHECK(history.data == nlohmann::json::object());
}

TEST_CASE_METHOD(Fixture, "error cases: Dragino LDDS75", "[codecs][errors]") {
    CHECK(errors_of(up("dragino-ldds75-114", "0ce404d20000d701", 1)) == Errors{"unknown FPort"});
    CHECK(errors_of(up("dragino-ldds75-114", "0ce404d20000d7", 2)) ==
          Errors{"truncated frame: LDDS75 uplink needs 8 bytes, got 7"});
    const auto quirk = up("dragino-ldds75", "0ce404", 2);
    CHECK(quirk.errors.empty());
    CHECK(quirk.warnings.size() == 1);
    CHECK(quirk.data == nlohmann::json{{"distance", "No Sensor"}});
}

TEST_CASE_METHOD(Fixture, "error cases: Dingtek DF703 uplink", "[codecs][errors]") {
    CHECK(errors_of(up("dingtek-df703", "800001011107d000190000000000010081", 2)) ==
          Errors{"unknown FPort"});
    CHECK(errors_of(up("dingtek-df703", "800001011107d0001900000000000100", 3)) ==
          Errors{"wrong length"});
    CHECK(errors_of(up("dingtek-df703", "", 3)) == Errors{"wrong length"});
    // The first 17 bytes of a 25-byte GPS frame: the vendor codec decodes them as a data frame.
    CHECK(errors_of(up("dingtek-df703", "800001011907d001cd03e942ef27204219", 3)) ==
          Errors{"malformed frame: length field 25, end byte 25 for a payload of 17 bytes"});
}

TEST_CASE_METHOD(Fixture, "error cases: Dingtek DF703 downlink", "[codecs][errors]") {
    const std::string frame = "3830303239393939303130343831";
    CHECK(errors_of(down("dingtek-df703", frame, 2)) == Errors{"invalid FPort."});
    CHECK(errors_of(down("dingtek-df703", "3830303239393939303130", 3)) ==
          Errors{"invalid format."});
    CHECK(errors_of(down("dingtek-df703", "3930303239393939303130343831", 3)) ==
          Errors{"invalid format."});
    CHECK(errors_of(down("dingtek-df703", "3830303239393939305a30343831", 3)) ==
          Errors{"invalid format."});
    CHECK(errors_of(down("dingtek-df703", "3830303239393939303530343831", 3)) ==
          Errors{"invalid parameter key."});
    CHECK(errors_of(down("dingtek-df703", "3830303239393939303930373831", 3)) ==
          Errors{"invalid parameter value."});
    CHECK(down("dingtek-df703", "3830303239393939303930333831", 3).data ==
          nlohmann::json{{"activeMode", "ABP"}});
}

TEST_CASE_METHOD(Fixture, "error cases: Dingtek DF703 encoder", "[codecs][errors]") {
    CHECK(errors_of(encode("dingtek-df703", {{"data", {{"uploadInterval", 169}}}})) ==
          Errors{"periodic upload interval range 1-168 hours."});
    CHECK(errors_of(encode("dingtek-df703", {{"data", {{"detectInterval", 0}}}})) ==
          Errors{"cyclic detection interval range 1-60 minutes."});
    CHECK(errors_of(encode("dingtek-df703", {{"data", {{"levelThreshold", 14}}}})) ==
          Errors{"full alarm threshold range 15-255 cm."});
    CHECK(errors_of(encode("dingtek-df703", {{"data", {{"fireThreshold", 256}}}})) ==
          Errors{"fire alarm threshold range 1-255 cellus degree."});
    CHECK(errors_of(encode("dingtek-df703", {{"data", {{"fallThreshold", 91}}}})) ==
          Errors{"fall alarm threshold range 15-90 \u00b0."});
    CHECK(errors_of(encode("dingtek-df703", {{"data", {{"uploadInterval", 4.5}}}})) ==
          Errors{"uploadInterval must be an integer."});
    CHECK(errors_of(encode("dingtek-df703", {{"data", {{"colour", "red"}}}})) ==
          Errors{"invalid downlink parameter."});
    CHECK(errors_of(encode("dingtek-df703", nlohmann::json::array())) ==
          Errors{"invalid downlink parameter."});
    const auto disable = encode("dingtek-df703", {{"data", {{"fallEnable", false}}}});
    CHECK(lorawan::to_hex(disable.bytes) == "3830303239393939303930393831");
}

TEST_CASE_METHOD(Fixture, "error cases: Decentlab", "[codecs][errors]") {
    CHECK(errors_of(up("decentlab-dl-pr26", "", 1)) ==
          Errors{"truncated frame: protocol version needs 1 bytes, got 0"});
    CHECK(errors_of(up("decentlab-dl-pr26", "0101670003", 1)) ==
          Errors{"protocol version 1 doesn't match v2"});
    CHECK(errors_of(up("decentlab-dl-pr26", "02016700033e8060170c", 1)) ==
          Errors{"truncated frame: Decentlab uplink needs 11 bytes, got 10"});
    CHECK(errors_of(down("decentlab-dl-mbx", "000102587e", 1)) == Errors{"invalid message length"});
    CHECK(errors_of(down("decentlab-dl-mbx", "000102587e51", 2)) == Errors{"invalid FPort"});
    CHECK(errors_of(down("decentlab-dl-mbx", "00ff02587e51", 1)) == Errors{"invalid command"});
    CHECK(errors_of(down("decentlab-dl-mbx", "000102587e52", 1)) == Errors{"invalid CRC"});
    CHECK(errors_of(encode("decentlab-dl-mbx", {{"data", {{"command", "fly"}}}})) ==
          Errors{"invalid command"});
    CHECK(errors_of(encode("decentlab-dl-mbx", {{"data", {{"command", "set period"}}}})) ==
          Errors{"invalid parameter"});
    CHECK(errors_of(encode("decentlab-dl-mbx",
                           {{"data", {{"command", "set period"}, {"parameter", 65536}}}})) ==
          Errors{"invalid parameter"});
    const auto text = encode(
        "decentlab-dl-mbx", {{"data", {{"command", "set period + save"}, {"parameter", "3600s"}}}});
    CHECK(lorawan::to_hex(text.bytes) == "00020e1048a4");  // parseInt("3600s") is 3600
}

TEST_CASE_METHOD(Fixture, "error cases: Adeunis Pulse", "[codecs][errors]") {
    const auto lone = up("adeunis-pulse", "46", 1);
    CHECK(lone.errors == Errors{"truncated frame: 0x46 data frame needs 10 bytes, got 1"});
    CHECK(lone.data["bytes"]["counterValues"] == nlohmann::json{0, 0});  // the vendor's output
    CHECK(errors_of(up("adeunis-pulse", "", 1)) ==
          Errors{"truncated frame: frame code needs 1 bytes, got 0"});
    CHECK(errors_of(up("adeunis-pulse", "4625000000630000000014afd9", 1)) ==
          Errors{"truncated frame: 0x46 data frame needs 14 bytes, got 13"});
    CHECK(errors_of(up("adeunis-pulse", "5a0100001388000a00", 1)) ==
          Errors{"odd number of counter delta bytes: the last delta is incomplete",
                 "truncated frame: 0x5a history frame needs 10 bytes, got 9"});
    CHECK_FALSE(up("adeunis-pulse", "100101000633012c52003c01f4", 1).errors.empty());
    CHECK(up("adeunis-pulse", "2020", 1).data["bytes"]["partialDecoding"] == 1);
}

TEST_CASE_METHOD(Fixture, "error cases: Dragino SW3L", "[codecs][errors]") {
    CHECK(errors_of(up("dragino-sw3l", "0000", 10)) == Errors{"unknown FPort"});
    CHECK(errors_of(up("dragino-sw3l", "0000001194000065", 2)) ==
          Errors{"truncated frame: fPort 2 reading needs 11 bytes, got 8"});
    CHECK(errors_of(up("dragino-sw3l", "", 3)) ==
          Errors{"truncated frame: fPort 3 datalog entry needs 11 bytes, got 0"});
    CHECK(errors_of(up("dragino-sw3l", "080000000002586553f10002", 3)) ==
          Errors{"truncated frame: fPort 3 datalog entry needs 22 bytes, got 12"});
    CHECK_FALSE(up("dragino-sw3l", "0004b0000f00", 4).errors.empty());
    CHECK_FALSE(up("dragino-sw3l", "11012301ff0e", 5).errors.empty());
}

TEST_CASE_METHOD(Fixture, "error cases: Minol-Zenner EDC", "[codecs][errors]") {
    CHECK(errors_of(up("minol-zenner-edc-communication-module", "", 1)) ==
          Errors{"truncated frame: status byte needs 1 bytes, got 0"});
    const auto partial = up("minol-zenner-edc-communication-module", "00000000050100", 1);
    CHECK(partial.errors == Errors{"truncated frame: meter value 1 needs 9 bytes, got 7"});
    CHECK(partial.data["meter_values"] == nlohmann::json{5, 16777216});
}

TEST_CASE_METHOD(Fixture, "error cases: Ellenex PLS2-L", "[codecs][errors]") {
    CHECK(
        errors_of(encode("ellenex-pls2-l", {{"command", 7}, {"data", nlohmann::json::object()}})) ==
        Errors{"Unknown command: please use command 1-4, used7"});
    CHECK(errors_of(encode("ellenex-pls2-l", {{"data", nlohmann::json::object()}})) ==
          Errors{"Unknown command: please use command 1-4, usedundefined"});
    CHECK(errors_of(
              encode("ellenex-pls2-l", {{"command", "1"}, {"data", nlohmann::json::object()}})) ==
          Errors{"Unknown command: please use command 1-4, used1"});
    CHECK(errors_of(encode("ellenex-pls2-l",
                           {{"command", 1}, {"data", {{"unit", "second"}, {"time", 70000}}}})) ==
          Errors{"Invalid time: must be at most 65535"});
    CHECK(errors_of(encode("ellenex-pls2-l", {{"command", 4}, {"data", {{"count", -1}}}})) ==
          Errors{"Invalid count: must be 0-65535"});
    CHECK(errors_of(encode("ellenex-pls2-l", {{"command", 2}})) ==
          Errors{"Missing required field or invalid input: confirmation"});
    const auto fraction =
        encode("ellenex-pls2-l", {{"command", 1}, {"data", {{"unit", "second"}, {"time", 90.7}}}});
    CHECK(lorawan::to_hex(fraction.bytes) == "1000005a");
}

TEST_CASE_METHOD(Fixture, "error cases: KELLER ADT1", "[codecs][errors]") {
    CHECK(errors_of(up("keller-adt1", "", 1)) ==
          Errors{"truncated frame: function code needs 1 bytes, got 0"});
    CHECK(errors_of(up("keller-adt1", "01030000", 1)) ==
          Errors{"no channel present (channel bitmap is 0)"});
    CHECK(errors_of(up("keller-adt1", "010c00013e85d639", 1)) ==
          Errors{"unknown connection type 12"});
    CHECK(errors_of(up("keller-adt1", "010300013e85d6", 1)) ==
          Errors{"truncated frame: measurement message needs 8 bytes, got 7"});
    CHECK(errors_of(up("keller-adt1", "0c011300132f0000000c27e3928b40a2b00d2f", 4)) ==
          Errors{"truncated frame: information message needs 20 bytes, got 19"});
    const auto unnamed = up("keller-adt1", "010004003dcccccd", 1);
    CHECK(unnamed.errors.empty());
    CHECK(unnamed.warnings ==
          Errors{"channel 10 has no name for connection type 0; value skipped"});
}

TEST_CASE_METHOD(Fixture, "error cases: Pepperl+Fuchs WILSEN", "[codecs][errors]") {
    CHECK(errors_of(up("pepperl-fuchs-wilsen-sonic-level", "010b", 1)) ==
          Errors{"record at offset 0: length 1 is below 2"});
    CHECK(errors_of(up("pepperl-fuchs-wilsen-sonic-level", "040b0100", 1)) ==
          Errors{"truncated frame: record at offset 0 needs 5 bytes, got 4"});
    CHECK(errors_of(up("pepperl-fuchs-wilsen-sonic-level", "030b0100", 1)) ==
          Errors{"record at offset 0: 0x0B01 needs 2 value bytes, record has 1"});
    const auto text = up("pepperl-fuchs-wilsen-sonic-level", "052a2541ff00", 1);
    CHECK(text.errors.empty());
    CHECK(text.data["serial_nr"] == "A\xC3\xBF");
}

TEST_CASE_METHOD(Fixture, "error cases: codecs without downlinks say so", "[codecs][errors]") {
    CHECK(errors_of(encode("keller-adt1", {{"data", {{"bytes", {1, 2}}}}})) ==
          Errors{"keller-adt1: this device takes no downlink commands"});
    CHECK(errors_of(down("ellenex-pls2-l", "0701", 5)) ==
          Errors{"ellenex-pls2-l: this codec does not decode downlinks"});
}

}  // namespace
}  // namespace hortillon::codecs
