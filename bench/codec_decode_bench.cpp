// How many uplinks each native device codec decodes per second on one core, JSON result
// included. Payloads are the successful decodeUplink examples of the codec test vectors (the TTN
// Device Repository's own examples); each codec cycles through its payloads for about --seconds.
//   codec_decode_bench [--seconds S] [--vectors DIR]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "codecs/builtin.hpp"
#include "lorawan/bytes.hpp"

using namespace hortillon;
namespace fs = std::filesystem;

namespace {
struct Options {
    double seconds = 1.0;
    fs::path vectors = HORTILLON_CODEC_VECTORS;
};

struct Payload {
    lorawan::Bytes bytes;
    std::uint8_t f_port = 0;
};

struct Measure {
    std::size_t decodes = 0;
    double seconds = 0;
    std::size_t checksum = 0;  // keeps the results alive
};

auto parse_options(int argc, char** argv) -> Options {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view name = argv[i];
        if (name == "--seconds")
            options.seconds = std::strtod(argv[i + 1], nullptr);
        else if (name == "--vectors")
            options.vectors = argv[i + 1];
        else {
            std::fprintf(stderr, "unknown option %s\n", argv[i]);
            std::exit(2);
        }
    }
    return options;
}

// The codec of a vector entry: the file name, or the firmware variant "<vendor>-<codec_js stem>"
// when the registry has one (dragino-ldds75-114), as the codec tests decide.
auto codec_of(const codecs::CodecRegistry& registry, const nlohmann::json& file,
              const nlohmann::json& entry, const std::string& file_id) -> std::string {
    if (!entry.contains("codec_js") || !file.contains("vendor"))
        return file_id;
    const std::string variant = file["vendor"].get<std::string>() + "-" +
                                fs::path(entry["codec_js"].get<std::string>()).stem().string();
    return registry.find(variant) != nullptr ? variant : file_id;
}

// Codec id -> its decodeUplink payloads.
auto load_payloads(const codecs::CodecRegistry& registry, const fs::path& folder)
    -> std::map<std::string, std::vector<Payload>> {
    std::map<std::string, std::vector<Payload>> payloads;
    for (const auto& item : fs::directory_iterator(folder)) {
        if (item.path().extension() != ".json")
            continue;
        std::ifstream in(item.path());
        const auto file = nlohmann::json::parse(in);
        for (const auto& entry : file.at("examples")) {
            // Error examples ("unknown FPort") would time the shortest path, not a decode.
            if (entry.value("routine", "") != "decodeUplink" ||
                !entry.at("expected").value("errors", nlohmann::json::array()).empty())
                continue;
            const auto bytes = lorawan::from_hex(entry.at("bytes").get<std::string>());
            const std::string id = codec_of(registry, file, entry, item.path().stem().string());
            if (bytes)
                payloads[id].push_back({*bytes, entry.at("fPort").get<std::uint8_t>()});
        }
    }
    return payloads;
}

auto run(const codecs::Codec& codec, const std::vector<Payload>& payloads, double seconds)
    -> Measure {
    constexpr std::size_t batch = 1000;  // decodes between clock reads
    Measure measure;
    const auto start = std::chrono::steady_clock::now();
    std::chrono::duration<double> elapsed{0};
    while (elapsed.count() < seconds) {
        for (std::size_t i = 0; i < batch; ++i) {
            const Payload& payload = payloads[(measure.decodes + i) % payloads.size()];
            const auto result =
                codec.decode_uplink({.bytes = payload.bytes, .f_port = payload.f_port});
            measure.checksum += result.data.size() + result.errors.size();
        }
        measure.decodes += batch;
        elapsed = std::chrono::steady_clock::now() - start;
    }
    measure.seconds = elapsed.count();
    return measure;
}

auto byte_range(const std::vector<Payload>& payloads) -> std::string {
    const auto [low, high] = std::minmax_element(
        payloads.begin(), payloads.end(),
        [](const Payload& a, const Payload& b) { return a.bytes.size() < b.bytes.size(); });
    if (low->bytes.size() == high->bytes.size())
        return std::to_string(low->bytes.size());
    return std::to_string(low->bytes.size()) + "-" + std::to_string(high->bytes.size());
}

auto cpu_model() -> std::string {
    std::ifstream in("/proc/cpuinfo");
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("model name")) {
            const auto colon = line.find(':');
            return colon == std::string::npos ? line : line.substr(colon + 2);
        }
    }
    return "unknown";
}

void print_machine() {
    const std::time_t now = std::time(nullptr);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
    std::printf("codec_decode_bench: %s, nproc %ld, CPU %s\n", date, sysconf(_SC_NPROCESSORS_ONLN),
                cpu_model().c_str());
}
}  // namespace

int main(int argc, char** argv) {
    const Options options = parse_options(argc, argv);
    const codecs::CodecRegistry registry = codecs::make_builtin_registry();
    const auto payloads = load_payloads(registry, options.vectors);
    print_machine();
    std::printf("one core, %.1f s per codec, successful decodeUplink examples of %s\n\n",
                options.seconds, options.vectors.filename().c_str());
    std::printf("| codec id | payloads | payload bytes | decodes/s | ns per decode |\n");
    std::printf("|---|---:|---:|---:|---:|\n");
    std::size_t checksum = 0;
    for (const codecs::CodecInfo& info : registry.list()) {
        if (info.kind != codecs::CodecKind::native)
            continue;
        const auto found = payloads.find(info.id);
        if (found == payloads.end()) {
            std::printf("| %s | 0 | - | - | - |\n", info.id.c_str());
            continue;
        }
        const Measure measure = run(*registry.find(info.id), found->second, options.seconds);
        const double per_second = static_cast<double>(measure.decodes) / measure.seconds;
        std::printf("| %s | %zu | %s | %.0f | %.0f |\n", info.id.c_str(), found->second.size(),
                    byte_range(found->second).c_str(), per_second, 1e9 / per_second);
        checksum += measure.checksum;
    }
    std::printf("\n(checksum %zu)\n", checksum);
    return 0;
}
