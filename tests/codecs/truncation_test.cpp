// Truncation loops: every prefix of every vector payload, run through its own codec and
// through every other decoder. No crash, no exception, JSON that serialises, and either an
// error or a decoded object ("a valid shorter frame": e.g. a Milesight channel list cut at a
// record boundary).

#include <catch2/catch.hpp>

#include <set>

#include "codecs/builtin.hpp"
#include "vector_files.hpp"

namespace hortillon::codecs {
namespace {

void check_well_formed(const CodecResult& result) {
    CHECK_NOTHROW(to_json(result).dump());
    CHECK((!result.errors.empty() || result.data.is_object()));
}

TEST_CASE("codec truncation: every prefix of every vector payload", "[codecs][truncation]") {
    const auto registry = make_builtin_registry();
    for (const auto& vector : test::load_vector_entries(registry)) {
        const std::string routine = vector.entry.at("routine").get<std::string>();
        if (routine == "encodeDownlink")
            continue;
        const Codec* codec = registry.find(vector.codec_id);
        REQUIRE(codec != nullptr);
        const auto bytes = vector.bytes();
        const auto f_port = vector.entry.at("fPort").get<std::uint8_t>();
        for (std::size_t size = 0; size < bytes.size(); ++size) {
            INFO(vector.name() << ", first " << size << " bytes");
            const std::span<const std::uint8_t> prefix(bytes.data(), size);
            if (routine == "decodeUplink")
                check_well_formed(codec->decode_uplink({.bytes = prefix, .f_port = f_port}));
            else
                check_well_formed(codec->decode_downlink({.bytes = prefix, .f_port = f_port}));
        }
    }
}

// Where a strict prefix of a valid frame is itself a valid frame of another, shorter kind.
auto may_be_valid_shorter_frame(const std::string& codec_id, std::span<const std::uint8_t> frame,
                                std::size_t size, std::uint8_t f_port) -> bool {
    if (codec_id == "adeunis-pulse") {
        // 0x20 is decoded by length, 0x5A/0x5B hold a variable number of deltas, unknown
        // codes are "Unsupported", and an 11-byte 0x10 frame is the Sigfox form.
        const std::set<std::uint8_t> fixed = {0x10, 0x11, 0x12, 0x30, 0x33, 0x46, 0x47};
        return fixed.count(frame[0]) == 0 || (frame[0] == 0x10 && size == 11);
    }
    if (codec_id == "keller-adt1")
        return frame[0] != 1 && frame[0] != 12 && size > 0;  // unsupported function codes
    if (codec_id == "dragino-sw3l")
        return f_port == 3 && size > 0 && size % 11 == 0;  // a datalog with fewer entries
    if (codec_id == "milesight-iot-em310-udl" || codec_id == "milesight-iot-em300-di" ||
        codec_id == "milesight-iot-em500-swl" || codec_id == "pepperl-fuchs-wilsen-sonic-level")
        return true;  // record lists: any record boundary ends a valid frame
    if (codec_id == "minol-zenner-edc-communication-module")
        return size >= 1 && (size - 1) % 4 == 0;  // fewer meter values
    if (codec_id == "dragino-ldds75")
        return true;  // any length but 8 is "No Sensor" by the vendor's rule (see the codec)
    return false;
}

TEST_CASE("codec truncation: a cut frame gives errors unless it is a valid shorter frame",
          "[codecs][truncation]") {
    const auto registry = make_builtin_registry();
    for (const auto& vector : test::load_vector_entries(registry)) {
        if (vector.entry.at("routine") == "encodeDownlink")
            continue;
        const Codec* codec = registry.find(vector.codec_id);
        const auto bytes = vector.bytes();
        const auto f_port = vector.entry.at("fPort").get<std::uint8_t>();
        const bool downlink = vector.entry.at("routine") == "decodeDownlink";
        auto decode = [&](std::span<const std::uint8_t> payload) {
            return downlink ? codec->decode_downlink({.bytes = payload, .f_port = f_port})
                            : codec->decode_uplink({.bytes = payload, .f_port = f_port});
        };
        if (!decode(bytes).ok())
            continue;
        for (std::size_t size = 0; size < bytes.size(); ++size) {
            if (!downlink && may_be_valid_shorter_frame(vector.codec_id, bytes, size, f_port))
                continue;
            INFO(vector.name() << ", first " << size << " bytes");
            CHECK_FALSE(decode({bytes.data(), size}).errors.empty());
        }
    }
}

TEST_CASE("codec truncation: every decoder on every payload prefix", "[codecs][truncation]") {
    const auto registry = make_builtin_registry();
    const auto infos = registry.list();
    for (const auto& vector : test::load_vector_entries(registry)) {
        if (vector.entry.at("routine") == "encodeDownlink")
            continue;
        const auto bytes = vector.bytes();
        for (const auto& info : infos) {
            const Codec* codec = registry.find(info.id);
            for (std::size_t size = 0; size <= bytes.size(); ++size) {
                for (const std::uint8_t f_port : {1, 2, 3, 4, 5, 15, 85}) {
                    INFO(info.id << " on " << vector.name() << ", first " << size
                                 << " bytes, fPort " << int{f_port});
                    const std::span<const std::uint8_t> prefix(bytes.data(), size);
                    check_well_formed(codec->decode_uplink({.bytes = prefix, .f_port = f_port}));
                    const auto down = codec->decode_downlink({.bytes = prefix, .f_port = f_port});
                    CHECK_NOTHROW(to_json(down).dump());
                }
            }
        }
    }
}

}  // namespace
}  // namespace hortillon::codecs
