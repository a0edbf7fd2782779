// JavaScript codecs run in real hortillon-codec-worker processes: the device-repository API
// (bytes, fPort, recvTime, variables; all three entry points), strict mode and the ES2015
// library forms the compatibility layer supplies, and isolation: a runaway loop, a throwing
// codec, a greedy codec and a crashed worker each fail one call, and the next call works.
#include <signal.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "codecs/js/javascript_catalog.hpp"
#include "codecs/js/javascript_codec.hpp"
#include "codecs/js/worker_pool.hpp"

namespace {
using hortillon::codecs::CodecInfo;
using hortillon::codecs::CodecResult;
using hortillon::codecs::DownlinkInput;
using hortillon::codecs::UplinkInput;
using namespace hortillon::codecs::js;
using nlohmann::json;
using namespace std::chrono_literals;

auto read_codec(const std::string& name) -> std::string {
    std::ifstream file(std::string(HORTILLON_TEST_DATA) + "/codecs/javascript/" + name);
    REQUIRE(file.good());
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// A budget that only a runaway codec exceeds, even on a loaded machine (a worker's first call
// also compiles the codec).
auto make_pool(std::chrono::milliseconds timeout = 5000ms, std::size_t memory_limit_mb = 64)
    -> std::shared_ptr<CodecWorkerPool> {
    return std::make_shared<CodecWorkerPool>(
        JavaScriptRuntimeOptions{.worker_path = HORTILLON_CODEC_WORKER,
                                 .timeout = timeout,
                                 .memory_limit_mb = memory_limit_mb,
                                 .workers = 1});
}

auto make_codec(const std::string& file, std::shared_ptr<CodecWorkerPool> pool,
                bool encodes = false, bool decodes_downlink = false) -> JavaScriptCodec {
    CodecInfo info;
    info.id = file.substr(0, file.find('.'));
    info.encodes_downlink = encodes;
    info.decodes_downlink = decodes_downlink;
    return JavaScriptCodec(JavaScriptCodecDefinition{info, read_codec(file)}, std::move(pool));
}

auto decode(const JavaScriptCodec& codec, std::vector<std::uint8_t> bytes, std::uint8_t f_port)
    -> CodecResult {
    return codec.decode_uplink(UplinkInput{.bytes = bytes, .f_port = f_port});
}

// The fields of /proc/PID/stat after the command name, from the state (field 3) on; nullopt
// once the process is gone.
auto stat_fields(pid_t pid) -> std::optional<std::string> {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    const auto name_end = line.find(") ");
    if (name_end == std::string::npos)
        return std::nullopt;
    return line.substr(name_end + 2);
}

// Waits (at most 5 s) until the child `pid` has exited and is a zombie waiting to be reaped.
auto wait_for_exit(pid_t pid) -> bool {
    const auto give_up = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < give_up) {
        const auto fields = stat_fields(pid);
        if (!fields || fields->starts_with('Z'))
            return true;
        std::this_thread::sleep_for(1ms);
    }
    return false;
}

auto elapsed_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::steady_clock::now() - start;
}

// The CPU time (user and system, in clock ticks) process `pid` has used; nullopt once it is gone.
auto cpu_ticks(pid_t pid) -> std::optional<long> {
    const auto text = stat_fields(pid);
    if (!text)
        return std::nullopt;
    std::istringstream fields(*text);
    std::string field;
    long ticks = 0;
    for (int index = 3; fields >> field && index <= 15; ++index) {
        if (index == 14 || index == 15)  // utime, stime
            ticks += std::stol(field);
    }
    return ticks;
}
}  // namespace

TEST_CASE("an ES5 codec receives bytes as an array, fPort, variables and recvTime as a Date") {
    const auto codec = make_codec("es5_meter.js", make_pool());
    const std::vector<std::uint8_t> bytes{0x00, 0x01, 0xe2, 0x40, 0x09};
    const auto result = codec.decode_uplink(
        UplinkInput{.bytes = bytes,
                    .f_port = 2,
                    .recv_time = std::chrono::system_clock::time_point{1'700'000'000'000ms},
                    .variables = json{{"site", "Amiens"}}});
    CHECK(result.ok());
    CHECK(result.data == json::parse(R"({"index_litres":123456,"volume_m3":123.456,
        "battery_percent":9,"is_array":true,"fPort":2,"site":"Amiens",
        "received":"2023-11-14T22:13:20.000Z"})"));
    CHECK(result.warnings == std::vector<std::string>{"battery low"});
    CHECK(codec.info().kind == hortillon::codecs::CodecKind::javascript);
}

TEST_CASE("a codec's own errors and warnings come back as the result's") {
    const auto codec = make_codec("es5_meter.js", make_pool());
    const auto short_frame = decode(codec, {0x01}, 2);
    CHECK(short_frame.data.is_null());
    CHECK(short_frame.errors == std::vector<std::string>{"payload too short: 1 bytes"});
    CHECK(short_frame.warnings == std::vector<std::string>{"check the device"});
    CHECK(decode(codec, {0x01}, 7).errors == std::vector<std::string>{"unknown fPort 7"});
}

TEST_CASE("a strict-mode codec keeps its three functions") {
    const auto codec = make_codec("strict_valve.js", make_pool(), true, true);
    const auto up = decode(codec, {0x01, 0xfa}, 3);
    CHECK(up.ok());
    CHECK(up.data == json::parse(R"({"open":true,"temperature":-3})"));

    const auto encoded =
        codec.encode_downlink(json::parse(R"({"data":{"state":"open","minutes":15}})"));
    REQUIRE(encoded.ok());
    CHECK(encoded.bytes == std::vector<std::uint8_t>{0xa0, 0x01, 0x0f});
    CHECK(encoded.f_port == 10);
    CHECK(codec.encode_downlink(json::parse(R"({"data":{"state":"ajar"}})")).errors ==
          std::vector<std::string>{"state must be open or close"});

    const std::vector<std::uint8_t> command{0xa0, 0x00, 0x05};
    const auto down = codec.decode_downlink(DownlinkInput{.bytes = command, .f_port = 10});
    CHECK(down.ok());
    CHECK(down.data == json::parse(R"({"state":"close","minutes":5})"));
}

TEST_CASE("the compatibility layer gives ES2015 library forms node's results") {
    const auto codec = make_codec("es2015_library.js", make_pool());
    const auto result = decode(codec, {1, 2, 88, 5, 200}, 1);
    INFO((result.errors.empty() ? std::string() : result.errors.front()));
    REQUIRE(result.ok());
    // node 20's output for the same input, key for key.
    CHECK(result.data == json::parse(R"({"unit":"cm","distance":600,"hex":"01025805c8",
        "hexEnd":"5805c8..","firstBig":200,"firstBigAt":4,"hasZero":false,"flags":["f0","f2"],
        "filled":[7,7,7],"of":[1,2],"entries":[["a",1],["b",2]],"values":[1,2],"integer":true,
        "trunc":-4,"sign":-1,"log2":3,"log10":3,"parsed":2.5,"nan":true,"set":[3,4],
        "title":true,"repeat":"abab","fixed":"200.00","half":0.5,"negativeZero":0,"big":1e+21,
        "float":0.30000000000000004})"));
    // Integers stay integers, as JSON.stringify writes them.
    CHECK(result.data["distance"].is_number_integer());
    CHECK(result.data.dump().find("\"distance\":600,") != std::string::npos);
}

TEST_CASE("ES2015 syntax (arrow functions, let, template literals) is lowered to run") {
    const auto codec = make_codec("es2015_syntax.js", make_pool());
    const auto result = decode(codec, {0x00, 0xd7, 0x01, 0x02}, 4);
    INFO((result.errors.empty() ? std::string() : result.errors.front()));
    REQUIRE(result.ok());
    // node 20's output for the same input.
    CHECK(result.data == json::parse(R"({"hex":"00d70102","readings":[21.5,25.8],
        "labels":["r1=21.5 °C","r2=25.8 °C"],"allPositive":true,
        "summary":"2 readings\non port 4","regex":"ok"})"));
}

TEST_CASE("helpers a codec adds to Object.prototype work on input.bytes") {
    // Generated codecs (TypeScript output) read the payload with methods they add to
    // Object.prototype, so the input must be made in the codec's own heap; the `let`
    // declarations without semicolons need the lowering's statement ends.
    const auto codec = make_codec("prototype_helpers.js", make_pool());
    const auto result = decode(codec, {0x02, 0x00, 0xd7, 0x01, 0x02}, 1);
    INFO((result.errors.empty() ? std::string() : result.errors.front()));
    REQUIRE(result.ok());
    // node 20's output for the same input.
    CHECK(result.data == json::parse(R"({"count":2,"levels":{"tank1":21.5,"tank2":25.8}})"));
}

TEST_CASE("a runaway loop times out within the watchdog time, and the next call works") {
    auto pool = make_pool(1000ms);
    const auto codec = make_codec("runaway.js", pool);
    REQUIRE(decode(codec, {}, 2).ok());
    const auto start = std::chrono::steady_clock::now();
    const auto stuck = decode(codec, {}, 1);
    const auto took = elapsed_since(start);
    CHECK(stuck.errors ==
          std::vector<std::string>{"decodeUplink timed out after 1000 ms (the codec worker was "
                                   "stopped)"});
    CHECK(took >= 1000ms);
    CHECK(took < 5000ms);
    const auto next = decode(codec, {}, 5);
    CHECK(next.ok());
    CHECK(next.data == json{{"port", 5}});
    CHECK(pool->workers_started() == 2);
}

TEST_CASE("a throwing codec fails that call only") {
    const auto codec = make_codec("throwing.js", make_pool());
    CHECK(decode(codec, {9}, 1).errors ==
          std::vector<std::string>{"Error: unsupported frame type 9"});
    const auto type_error = decode(codec, {}, 2);
    REQUIRE(type_error.errors.size() == 1);
    CHECK(type_error.errors.front().starts_with("TypeError: "));
    CHECK(decode(codec, {}, 3).data == json{{"ok", true}});
}

TEST_CASE("a codec that wants too much memory is refused, and the next call works") {
    auto pool = make_pool(5000ms, 16);
    const auto codec = make_codec("greedy.js", pool);
    const auto hoarder = decode(codec, {}, 1);
    REQUIRE(hoarder.errors.size() == 1);
    INFO(hoarder.errors.front());
    CHECK(hoarder.errors.front().find("memory limit") != std::string::npos);
    CHECK(decode(codec, {}, 3).data == json{{"port", 3}});
    const auto huge = decode(codec, {}, 2);
    REQUIRE(huge.errors.size() == 1);
    INFO(huge.errors.front());
    CHECK(huge.errors.front().find("memory limit") != std::string::npos);
    CHECK(decode(codec, {}, 4).data == json{{"port", 4}});
}

TEST_CASE("an output above 1 MB is refused") {
    auto pool = make_pool(5000ms, 64);
    const auto codec = make_codec("greedy.js", pool);
    CHECK(decode(codec, {}, 2).errors ==
          std::vector<std::string>{"decodeUplink returned more than 1 MB of JSON"});
    CHECK(decode(codec, {}, 4).data == json{{"port", 4}});
}

TEST_CASE("a worker that dies during a call is reaped and restarted; that call fails") {
    auto pool = make_pool(5000ms);
    const auto codec = make_codec("runaway.js", pool);
    REQUIRE(decode(codec, {}, 2).ok());
    const auto pids = pool->worker_pids();
    REQUIRE(pids.size() == 1);
    // Killed from outside while it loops (once it has spun for 50 ms of CPU time): the parent
    // sees EOF long before its 5 s watchdog.
    // Gives up before the watchdog would stop the worker itself (the checks below then fail).
    std::thread killer([pid = pids.front()] {
        const auto idle = cpu_ticks(pid).value_or(0);
        const auto give_up = std::chrono::steady_clock::now() + 4s;
        while (std::chrono::steady_clock::now() < give_up) {
            const auto ticks = cpu_ticks(pid);
            if (!ticks || *ticks >= idle + 5)
                break;
            std::this_thread::sleep_for(5ms);
        }
        kill(pid, SIGKILL);
    });
    const auto start = std::chrono::steady_clock::now();
    const auto lost = decode(codec, {}, 1);
    killer.join();
    CHECK(elapsed_since(start) < 4000ms);
    CHECK(lost.errors ==
          std::vector<std::string>{"the codec worker stopped during decodeUplink (killed by "
                                   "signal 9)"});
    CHECK(decode(codec, {}, 6).data == json{{"port", 6}});
    CHECK(pool->workers_started() == 2);
}

TEST_CASE("a worker that died while idle is replaced before the next call") {
    auto pool = make_pool();
    const auto codec = make_codec("runaway.js", pool);
    REQUIRE(decode(codec, {}, 2).ok());
    const auto pids = pool->worker_pids();
    REQUIRE(pids.size() == 1);
    REQUIRE(kill(pids.front(), SIGKILL) == 0);
    REQUIRE(wait_for_exit(pids.front()));
    CHECK(decode(codec, {}, 7).data == json{{"port", 7}});
    CHECK(pool->workers_started() == 2);
    CHECK(pool->worker_pids() != pids);
}

TEST_CASE("import checks: syntax errors, missing decodeUplink, the functions defined") {
    auto pool = make_pool();
    const auto broken = check_javascript_codec(*pool, "broken", read_codec("syntax_error.js"));
    REQUIRE_FALSE(broken);
    CHECK(broken.error().starts_with("SyntaxError: "));
    const auto encoder = check_javascript_codec(*pool, "enc", read_codec("encoder_only.js"));
    REQUIRE(encoder);
    CHECK_FALSE(encoder->decode_uplink);
    CHECK(encoder->encode_downlink);
    const auto valve = check_javascript_codec(*pool, "valve", read_codec("strict_valve.js"));
    REQUIRE(valve);
    CHECK(valve->decode_uplink);
    CHECK(valve->encode_downlink);
    CHECK(valve->decode_downlink);
}

TEST_CASE("the catalog finds codecs through its loader and reloads a changed source") {
    auto pool = make_pool();
    std::string stored_source = read_codec("es5_meter.js");
    int lookups = 0;
    JavaScriptCodecCatalog catalog(
        pool,
        [&](std::string_view id)
            -> hortillon::Result<std::optional<JavaScriptCodecDefinition>, std::string> {
            ++lookups;
            if (id != "meter")
                return std::optional<JavaScriptCodecDefinition>{};
            CodecInfo info;
            info.id = "meter";
            return std::optional{JavaScriptCodecDefinition{info, stored_source}};
        });
    CHECK(catalog.find("other") == nullptr);
    const auto* first = catalog.find("meter");
    REQUIRE(first != nullptr);
    CHECK(catalog.find("meter") == first);
    CHECK(first->decode_uplink(UplinkInput{.bytes = {}, .f_port = 9}).errors ==
          std::vector<std::string>{"unknown fPort 9"});
    stored_source = read_codec("runaway.js");
    const auto* second = catalog.find("meter");
    REQUIRE(second != nullptr);
    CHECK(second != first);
    CHECK(second->decode_uplink(UplinkInput{.bytes = {}, .f_port = 9}).data == json{{"port", 9}});
    CHECK(lookups == 4);
}
