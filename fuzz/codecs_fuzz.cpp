// libFuzzer harness for the device codecs.
// Input: byte 0 picks the codec (index into the registry's sorted list, modulo its size),
// byte 1 is the fPort, the rest is the payload. Every input runs the uplink and downlink
// decoders of the chosen codec and serialises their results; when the payload parses as
// JSON it also goes through the codec's downlink encoder. Nothing may crash, read out of
// bounds or throw; the JSON must serialise (valid UTF-8).
//
// Seed corpus: fuzz/corpus/codecs_fuzz/, one file per test-vector payload.

#include <cstddef>
#include <cstdint>
#include <span>

#include <nlohmann/json.hpp>

#include "codecs/builtin.hpp"

namespace {

using hortillon::codecs::CodecInfo;
using hortillon::codecs::CodecRegistry;

struct Harness {
    CodecRegistry registry = hortillon::codecs::make_builtin_registry();
    std::vector<CodecInfo> infos = registry.list();
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Harness harness;  // built once; read-only afterwards
    if (size < 2)
        return 0;
    const auto& info = harness.infos[data[0] % harness.infos.size()];
    const auto* codec = harness.registry.find(info.id);
    const std::uint8_t f_port = data[1];
    const std::span<const std::uint8_t> payload(data + 2, size - 2);

    const auto up = codec->decode_uplink({.bytes = payload, .f_port = f_port});
    (void)hortillon::codecs::to_json(up).dump();
    const auto down = codec->decode_downlink({.bytes = payload, .f_port = f_port});
    (void)hortillon::codecs::to_json(down).dump();

    const auto input = nlohmann::json::parse(payload.begin(), payload.end(), nullptr, false);
    if (!input.is_discarded()) {
        const auto encoded = codec->encode_downlink(input);
        (void)hortillon::codecs::to_json(encoded).dump();
    }
    return 0;
}
