// codec list, decode and encode: real vectors from the TTN Device Repository examples (copied
// from tests/data/codecs/vectors/), codec errors (exit 1) and every refusal (exit 2).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/codec_commands.hpp"
#include "command_fixture.hpp"

using namespace hortillon::cli;
using hortillon::cli::testing::capture;
using hortillon::cli::testing::CommandOutput;
using hortillon::cli::testing::single_line;
using nlohmann::json;

namespace {
auto decode(CodecDecodeOptions options) -> CommandOutput {
    return capture([&](auto& out, auto& err) { return run_codec_decode(options, out, err); });
}

auto encode(CodecEncodeOptions options) -> CommandOutput {
    return capture([&](auto& out, auto& err) { return run_codec_encode(options, out, err); });
}

auto contains(const std::string& text, const std::string& part) -> bool {
    return text.find(part) != std::string::npos;
}

// stdout as one JSON line; discarded when it is anything else.
auto stdout_json(const CommandOutput& output) -> json {
    return json::parse(single_line(output.out), nullptr, false);
}

// milesight-iot-em310-udl.json #0: "Ultrasonic Distance/Level Sensor (example 1)".
constexpr const char* em310_payload = "01755c03824408040001";
// dingtek-df703.json #0: "heartbeat upload without gps".
constexpr const char* df703_heartbeat = "800001011107d000190000000000010081";
}  // namespace

TEST_CASE("codec list shows every built-in codec with its columns") {
    auto listed = capture([](auto& out, auto& err) { return run_codec_list(out, err); });
    REQUIRE(listed.status == exit_success);
    CHECK(listed.err.empty());
    CHECK(listed.out.starts_with("ID"));
    const std::string header = listed.out.substr(0, listed.out.find('\n'));
    for (const char* column : {"VENDOR", "DEVICE", "FAMILY", "KIND"})
        CHECK(contains(header, column));
    for (const char* id :
         {"adeunis-pulse", "decentlab-dl-mbx", "decentlab-dl-pr26", "dingtek-df703",
          "dragino-ldds75", "dragino-ldds75-114", "dragino-sw3l", "ellenex-pls2-l", "keller-adt1",
          "milesight-iot-em300-di", "milesight-iot-em310-udl", "milesight-iot-em500-swl",
          "minol-zenner-edc-communication-module", "pepperl-fuchs-wilsen-sonic-level"}) {
        INFO(id);
        CHECK(contains(listed.out, std::string("\n") + id + " "));
    }
    CHECK(std::count(listed.out.begin(), listed.out.end(), '\n') == 15);  // header + 14
    CHECK(contains(listed.out, "water-level"));
    CHECK(contains(listed.out, "native"));
}

TEST_CASE("codec decode prints the vendor's example output exactly") {
    SECTION("Milesight EM310-UDL") {
        auto decoded =
            decode({.codec_id = "milesight-iot-em310-udl", .f_port = "85", .hex = em310_payload});
        INFO(decoded.err);
        REQUIRE(decoded.status == exit_success);
        CHECK(decoded.err.empty());
        CHECK(stdout_json(decoded) ==
              json::parse(R"({"data": {"battery": 92, "distance": 2116, "tilt": "tilt"}})"));
    }
    SECTION("Dingtek DF703, upper-case hex") {
        auto decoded = decode({.codec_id = "dingtek-df703",
                               .f_port = "3",
                               .hex = "800001011107D0001900000000"
                                      "00010081"});
        REQUIRE(decoded.status == exit_success);
        CHECK(stdout_json(decoded) == json::parse(R"({"data": {
            "level": 2000, "alarmLevel": false, "alarmFire": false, "alarmFall": false,
            "alarmBattery": false, "angle": 0, "temperature": 25, "frameCounter": 1}})"));
    }
}

TEST_CASE("codec decode of a truncated payload prints the errors and exits 1") {
    const std::string truncated = std::string(df703_heartbeat).substr(0, 16);
    auto decoded = decode({.codec_id = "dingtek-df703", .f_port = "3", .hex = truncated});
    CHECK(decoded.status == exit_failure);
    const json result = stdout_json(decoded);
    REQUIRE(result.is_object());
    REQUIRE(result.contains("errors"));
    CHECK(!result["errors"].empty());
    CHECK(contains(decoded.err, "error: dingtek-df703: "));
}

TEST_CASE("codec encode prints the downlink bytes and fPort") {
    SECTION("Dingtek DF703, {\"data\": ...} input") {
        auto encoded =
            encode({.codec_id = "dingtek-df703", .json = R"({"data": {"uploadInterval": 4}})"});
        INFO(encoded.err);
        REQUIRE(encoded.status == exit_success);
        CHECK(encoded.err.empty());
        CHECK(stdout_json(encoded) ==
              json::parse(R"({"bytes": "3830303239393939303130343831", "fPort": 3})"));
    }
    SECTION("a bare data object is wrapped into {\"data\": ...}") {
        auto encoded = encode(
            {.codec_id = "dingtek-df703", .f_port = "3", .json = R"({"uploadInterval": 4})"});
        REQUIRE(encoded.status == exit_success);
        CHECK(stdout_json(encoded)["bytes"] == "3830303239393939303130343831");
    }
    SECTION("Decentlab DL-PR26") {
        auto encoded =
            encode({.codec_id = "decentlab-dl-pr26",
                    .json = R"({"data": {"command": "set period + save", "parameter": 3600}})"});
        REQUIRE(encoded.status == exit_success);
        CHECK(single_line(encoded.out) == R"({"bytes":"00020e1048a4","fPort":1})");
    }
    SECTION("Ellenex: sibling keys next to \"data\" are passed as they are") {
        auto encoded =
            encode({.codec_id = "ellenex-pls2-l",
                    .json = R"({"command": 1, "data": {"unit": "minute", "time": 180}})"});
        REQUIRE(encoded.status == exit_success);
        CHECK(stdout_json(encoded) == json::parse(R"({"bytes": "100100b4", "fPort": 5})"));
    }
}

TEST_CASE("codec encode failures exit 1 with the reason on stderr and nothing on stdout") {
    SECTION("the codec's own error") {
        auto encoded =
            encode({.codec_id = "ellenex-pls2-l",
                    .json = R"({"command": 1, "data": {"unit": "seconds", "time": 59}})"});
        CHECK(encoded.status == exit_failure);
        CHECK(encoded.out.empty());
        CHECK(contains(encoded.err, "error: ellenex-pls2-l: Invalid time unit"));
    }
    SECTION("a codec without an encoder") {
        auto encoded = encode({.codec_id = "milesight-iot-em310-udl", .json = R"({"data": {}})"});
        CHECK(encoded.status == exit_failure);
        CHECK(encoded.out.empty());
        CHECK(contains(encoded.err,
                       "error: codec 'milesight-iot-em310-udl' has no downlink encoder"));
    }
    SECTION("--fport other than the codec's port") {
        auto encoded = encode({.codec_id = "dingtek-df703",
                               .f_port = "5",
                               .json = R"({"data": {"uploadInterval": 4}})"});
        CHECK(encoded.status == exit_failure);
        CHECK(encoded.out.empty());
        CHECK(contains(encoded.err, "--fport: the codec sends this command on fPort 3, not 5"));
    }
}

TEST_CASE("codec decode and encode refuse bad arguments with status 2") {
    const auto refused = [](const CommandOutput& output, const std::string& message) {
        INFO(output.err);
        CHECK(output.status == exit_usage);
        CHECK(output.out.empty());
        CHECK(contains(output.err, message));
    };
    SECTION("unknown codec id: the message lists the known ids") {
        auto decoded = decode({.codec_id = "acme-bin", .f_port = "1", .hex = "00"});
        refused(decoded, "error: CODEC_ID: unknown codec 'acme-bin'; known codecs:");
        CHECK(contains(decoded.err, "\n  dingtek-df703  (Dingtek "));
        refused(encode({.codec_id = "acme-bin", .json = "{}"}), "unknown codec 'acme-bin'");
    }
    SECTION("bad hex") {
        refused(decode({.codec_id = "dingtek-df703", .f_port = "3", .hex = "8000zz"}),
                "error: HEX: expected pairs of hex digits, got '8000zz'");
        refused(decode({.codec_id = "dingtek-df703", .f_port = "3", .hex = "800"}),
                "HEX: expected pairs of hex digits");
    }
    SECTION("fPort outside 1..255") {
        for (const char* f_port : {"0", "256", "-1", "", "3x", "port"})
            refused(decode({.codec_id = "dingtek-df703", .f_port = f_port, .hex = "80"}),
                    "error: --fport: expected a number from 1 to 255, got '" + std::string(f_port) +
                        "'");
        refused(encode({.codec_id = "dingtek-df703", .f_port = "0", .json = "{}"}),
                "--fport: expected a number from 1 to 255, got '0'");
    }
    SECTION("bad JSON, or JSON that is not an object") {
        refused(encode({.codec_id = "dingtek-df703", .json = R"({"data": )"}),
                "error: JSON: not valid JSON");
        refused(encode({.codec_id = "dingtek-df703", .json = "[1, 2]"}),
                "error: JSON: expected an object such as {\"data\": {...}}, got array");
    }
}
