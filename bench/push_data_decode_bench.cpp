// How fast one core decodes Semtech UDP PUSH_DATA datagrams (decode_push_data: JSON body to
// UplinkFrame values), for datagrams shaped like lora_pkt_fwd's: 1 or 8 rxpk objects with a
// 45-byte PHYPayload each, with or without a `stat` object. Each case runs for about --seconds.
//   push_data_decode_bench [--seconds S]
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "gateway-bridge/base64.hpp"
#include "gateway-bridge/datagram.hpp"
#include "gateway-bridge/push_data.hpp"

using namespace hortillon::gateway_bridge;
using hortillon::lorawan::Bytes;

namespace {

constexpr std::size_t variants = 64;  // distinct datagrams per case, decoded in turn
constexpr std::size_t phy_payload_size = 45;

struct Case {
    std::string_view name;
    std::size_t rxpk_count;
    bool with_stat;
    bool sx1302_fields;  // jver, mid, rssis, foff as the SX1302 HAL forwarder sends them
};

auto rxpk_json(std::size_t seed, bool sx1302_fields) -> std::string {
    Bytes payload(phy_payload_size);
    for (std::size_t i = 0; i < payload.size(); ++i)
        payload[i] = static_cast<std::uint8_t>(seed * 31 + i * 7);
    const auto channel = seed % 8;
    const auto sf = 7 + seed % 6;
    char text[512];
    std::snprintf(text, sizeof text,
                  R"({%s"tmst":%zu,"time":"2026-11-29T14:%02zu:%02zu.%06zuZ","tmms":%zu,)"
                  R"("chan":%zu,"rfch":%zu,"freq":%.6f,%s"stat":1,"modu":"LORA",)"
                  R"("datr":"SF%zuBW125","codr":"4/5",%s"lsnr":%.1f,"rssi":%d,"size":%zu,)"
                  R"("data":"%s"})",
                  sx1302_fields ? R"("jver":1,)" : "", 3'512'348'611 + seed * 1'000'003, seed % 60,
                  (seed * 7) % 60, (seed * 7919) % 1'000'000, 1'385'766'508'123 + seed * 997,
                  channel, channel / 4, 867.1 + 0.2 * static_cast<double>(channel),
                  sx1302_fields ? R"("mid":8,)" : "", sf,
                  sx1302_fields ? R"("rssis":-61,"foff":-250,)" : "",
                  9.5 - static_cast<double>(seed % 20), -58 - static_cast<int>(seed % 60),
                  payload.size(), encode_base64(payload).c_str());
    return text;
}

auto stat_json(std::size_t seed) -> std::string {
    char text[256];
    std::snprintf(text, sizeof text,
                  R"({"time":"2026-11-29 14:%02zu:%02zu GMT","lati":49.89452,"long":2.29571,)"
                  R"("alti":31,"rxnb":%zu,"rxok":%zu,"rxfw":%zu,"ackr":100.0,"dwnb":2,"txnb":2,)"
                  R"("temp":34.5})",
                  seed % 60, (seed * 13) % 60, 100 + seed, 90 + seed, 90 + seed);
    return text;
}

auto push_data_datagram(const Case& kind, std::size_t seed) -> Bytes {
    std::string body = R"({"rxpk":[)";
    for (std::size_t i = 0; i < kind.rxpk_count; ++i) {
        if (i > 0)
            body += ',';
        body += rxpk_json(seed * kind.rxpk_count + i, kind.sx1302_fields);
    }
    body += ']';
    if (kind.with_stat)
        body += R"(,"stat":)" + stat_json(seed);
    body += '}';
    Bytes datagram{protocol_version,
                   static_cast<std::uint8_t>(seed),
                   0x00,
                   0x00,
                   0xaa,
                   0x55,
                   0x5a,
                   0x00,
                   0x00,
                   0x00,
                   0x01,
                   static_cast<std::uint8_t>(seed)};
    datagram.insert(datagram.end(), body.begin(), body.end());
    return datagram;
}

void run_case(const Case& kind, double seconds) {
    std::vector<Bytes> datagrams;
    for (std::size_t seed = 0; seed < variants; ++seed)
        datagrams.push_back(push_data_datagram(kind, seed));

    std::size_t decoded = 0;
    std::size_t frames = 0;
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + std::chrono::duration<double>(seconds);
    auto now = start;
    while (now < deadline) {
        for (std::size_t batch = 0; batch < 256; ++batch, ++decoded) {
            auto datagram = decode_gateway_datagram(datagrams[decoded % datagrams.size()]);
            auto push_data = decode_push_data(*datagram);
            if (!push_data || push_data->frames.size() != kind.rxpk_count ||
                push_data->stats.has_value() != kind.with_stat) {
                std::fprintf(stderr, "push_data_decode_bench: %s: a datagram did not decode\n",
                             std::string{kind.name}.c_str());
                std::exit(1);
            }
            frames += push_data->frames.size();
        }
        now = std::chrono::steady_clock::now();
    }
    const std::chrono::duration<double> elapsed = now - start;
    std::printf("%-26s %5zu B  %10.0f datagrams/s  %10.0f rxpk/s  %7.0f ns/rxpk\n",
                std::string{kind.name}.c_str(), datagrams.front().size(),
                static_cast<double>(decoded) / elapsed.count(),
                static_cast<double>(frames) / elapsed.count(),
                elapsed.count() * 1e9 / static_cast<double>(frames));
}

}  // namespace

int main(int argc, char** argv) {
    double seconds = 1.0;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::string_view{argv[i]} == "--seconds") {
            seconds = std::strtod(argv[i + 1], nullptr);
        } else {
            std::fprintf(stderr, "unknown option %s\n", argv[i]);
            return 2;
        }
    }
    const Case cases[] = {
        {"1 rxpk", 1, false, false},       {"1 rxpk + stat", 1, true, false},
        {"8 rxpk", 8, false, false},       {"8 rxpk (SX1302 fields)", 8, false, true},
        {"8 rxpk + stat", 8, true, false},
    };
    std::printf("push_data_decode_bench: decode_push_data, %zu-byte PHYPayload per rxpk\n",
                phy_payload_size);
    for (const auto& kind : cases)
        run_case(kind, seconds);
    return 0;
}
