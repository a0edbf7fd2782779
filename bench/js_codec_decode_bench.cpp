// How many uplinks a JavaScript codec decodes per second through a hortillon-codec-worker
// process (request framing, JSON both ways, duktape), next to the native codec that decodes the
// same payload in-process. Also the cost of a worker's first call (process start and compile).
//   js_codec_decode_bench [--seconds S] [--workers N] [--codec FILE.js] [--worker PATH]
// The default codec is bench/js/em310_udl.js, the twin of milesight-iot-em310-udl.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "codecs/builtin.hpp"
#include "codecs/js/javascript_codec.hpp"
#include "lorawan/bytes.hpp"

using namespace hortillon;
using Clock = std::chrono::steady_clock;

namespace {
// milesight-iot-em310-udl example 1 of the device repository: battery, distance, position.
constexpr std::string_view payload_hex = "01755c03824408040001";
constexpr std::uint8_t payload_f_port = 85;

struct Options {
    double seconds = 2.0;
    std::size_t workers = 1;
    std::string codec = HORTILLON_BENCH_JS_CODEC;
    std::string worker = HORTILLON_CODEC_WORKER;
};

auto parse_options(int argc, char** argv) -> Options {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view name = argv[i];
        if (name == "--seconds")
            options.seconds = std::strtod(argv[i + 1], nullptr);
        else if (name == "--workers")
            options.workers = std::max(1UL, std::strtoul(argv[i + 1], nullptr, 10));
        else if (name == "--codec")
            options.codec = argv[i + 1];
        else if (name == "--worker")
            options.worker = argv[i + 1];
        else {
            std::fprintf(stderr, "unknown option %s\n", argv[i]);
            std::exit(2);
        }
    }
    return options;
}

auto read_file(const std::string& path) -> std::string {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        std::exit(1);
    }
    return text.str();
}

// Decodes per second with `threads` callers sharing `codec` for about `seconds`.
auto decodes_per_second(const codecs::Codec& codec, std::span<const std::uint8_t> bytes,
                        double seconds, std::size_t threads) -> double {
    std::atomic<std::size_t> decodes{0};
    std::atomic<std::size_t> failures{0};
    const auto stop = Clock::now() + std::chrono::duration<double>(seconds);
    const auto start = Clock::now();
    std::vector<std::thread> callers;
    for (std::size_t t = 0; t < threads; ++t) {
        callers.emplace_back([&] {
            while (Clock::now() < stop) {
                for (int i = 0; i < 100; ++i) {
                    const auto result =
                        codec.decode_uplink({.bytes = bytes, .f_port = payload_f_port});
                    if (!result.ok())
                        failures.fetch_add(1);
                }
                decodes.fetch_add(100);
            }
        });
    }
    for (auto& caller : callers)
        caller.join();
    if (failures.load() != 0)
        std::fprintf(stderr, "%zu decodes failed\n", failures.load());
    const std::chrono::duration<double> elapsed = Clock::now() - start;
    return static_cast<double>(decodes.load()) / elapsed.count();
}
}  // namespace

int main(int argc, char** argv) {
    const Options options = parse_options(argc, argv);
    const auto bytes = *lorawan::from_hex(payload_hex);
    const auto registry = codecs::make_builtin_registry();
    const codecs::Codec& native = *registry.find("milesight-iot-em310-udl");

    auto pool = std::make_shared<codecs::js::CodecWorkerPool>(
        codecs::js::JavaScriptRuntimeOptions{.worker_path = options.worker,
                                             .timeout = std::chrono::milliseconds{1000},
                                             .memory_limit_mb = 64,
                                             .workers = options.workers});
    codecs::CodecInfo info;
    info.id = "bench-em310-udl";
    const codecs::js::JavaScriptCodec javascript(
        codecs::js::JavaScriptCodecDefinition{info, read_file(options.codec)}, pool);

    const auto first_start = Clock::now();
    const auto first = javascript.decode_uplink({.bytes = bytes, .f_port = payload_f_port});
    const std::chrono::duration<double, std::milli> first_ms = Clock::now() - first_start;
    const auto expected = native.decode_uplink({.bytes = bytes, .f_port = payload_f_port});
    std::printf("js_codec_decode_bench: nproc %ld, payload %s (fPort %u), %.1f s per run\n",
                sysconf(_SC_NPROCESSORS_ONLN), std::string(payload_hex).c_str(), payload_f_port,
                options.seconds);
    std::printf("same output as the native codec: %s\n",
                first.data == expected.data ? "yes" : "NO");
    std::printf("first call (worker start, compile, decode): %.1f ms\n\n", first_ms.count());

    std::printf("| codec | callers | decodes/s | us per decode |\n|---|---:|---:|---:|\n");
    const double native_rate = decodes_per_second(native, bytes, options.seconds, 1);
    std::printf("| native milesight-iot-em310-udl | 1 | %.0f | %.2f |\n", native_rate,
                1e6 / native_rate);
    const double js_rate = decodes_per_second(javascript, bytes, options.seconds, options.workers);
    std::printf("| JavaScript em310_udl.js, %zu worker(s) | %zu | %.0f | %.1f |\n", options.workers,
                options.workers, js_rate, 1e6 / js_rate);
    return 0;
}
