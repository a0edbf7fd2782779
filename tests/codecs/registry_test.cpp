#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "codecs/builtin.hpp"

namespace hortillon::codecs {
namespace {

auto ids(const std::vector<CodecInfo>& infos) -> std::vector<std::string> {
    std::vector<std::string> out;
    for (const auto& info : infos)
        out.push_back(info.id);
    return out;
}

TEST_CASE("registry: lists every builtin codec, sorted by id", "[codecs][registry]") {
    const auto registry = make_builtin_registry();
    const std::vector<std::string> expected = {
        "adeunis-pulse",
        "decentlab-dl-mbx",
        "decentlab-dl-pr26",
        "dingtek-df703",
        "dragino-ldds75",
        "dragino-ldds75-114",
        "dragino-sw3l",
        "ellenex-pls2-l",
        "keller-adt1",
        "milesight-iot-em300-di",
        "milesight-iot-em310-udl",
        "milesight-iot-em500-swl",
        "minol-zenner-edc-communication-module",
        "pepperl-fuchs-wilsen-sonic-level",
    };
    CHECK(ids(registry.list()) == expected);
    CHECK(registry.size() == expected.size());
    for (const auto& info : registry.list()) {
        INFO(info.id);
        CHECK(info.kind == CodecKind::native);
        CHECK_FALSE(info.vendor.empty());
        CHECK_FALSE(info.device.empty());
        CHECK(registry.find(info.id)->info().id == info.id);
    }
}

TEST_CASE("registry: families", "[codecs][registry]") {
    const auto registry = make_builtin_registry();
    CHECK(ids(registry.list(Family::bin)) ==
          std::vector<std::string>{"dingtek-df703", "dragino-ldds75", "dragino-ldds75-114",
                                   "milesight-iot-em310-udl", "pepperl-fuchs-wilsen-sonic-level"});
    CHECK(ids(registry.list(Family::water_meter)) ==
          std::vector<std::string>{"adeunis-pulse", "dragino-sw3l", "milesight-iot-em300-di",
                                   "minol-zenner-edc-communication-module"});
    CHECK(ids(registry.list(Family::water_level)) ==
          std::vector<std::string>{"decentlab-dl-mbx", "decentlab-dl-pr26", "ellenex-pls2-l",
                                   "keller-adt1", "milesight-iot-em500-swl"});
    CHECK(to_string(Family::bin) == "bin");
    CHECK(to_string(Family::water_meter) == "water-meter");
    CHECK(to_string(Family::water_level) == "water-level");
    CHECK(to_string(CodecKind::native) == "native");
    CHECK(to_string(CodecKind::javascript) == "javascript");
}

TEST_CASE("registry: unknown id gives nullptr", "[codecs][registry]") {
    const auto registry = make_builtin_registry();
    CHECK(registry.find("") == nullptr);
    CHECK(registry.find("acme-anvil") == nullptr);
    CHECK(registry.find("dingtek-df70") == nullptr);
    CHECK(registry.find("DINGTEK-DF703") == nullptr);
}

TEST_CASE("registry: a duplicate id or a null codec is refused", "[codecs][registry]") {
    auto registry = make_builtin_registry();
    const auto before = registry.size();
    CHECK_FALSE(registry.add(make_dingtek_df703()));
    CHECK_FALSE(registry.add(nullptr));
    CHECK(registry.size() == before);
    CodecRegistry empty;
    CHECK(empty.add(make_keller_adt1()));
    CHECK(empty.size() == 1);
    CHECK(empty.find("keller-adt1") != nullptr);
}

TEST_CASE("registry: downlink capabilities match the codecs", "[codecs][registry]") {
    const auto registry = make_builtin_registry();
    for (const auto& info : registry.list()) {
        INFO(info.id);
        const Codec* codec = registry.find(info.id);
        const auto encoded = codec->encode_downlink({{"data", nlohmann::json::object()}});
        // Codecs without an encoder always refuse; the others refuse an empty command too.
        CHECK_FALSE(encoded.errors.empty());
        const std::vector<std::uint8_t> bytes{0x00, 0x01, 0x02, 0x58, 0x7E, 0x51};
        const auto decoded = codec->decode_downlink({.bytes = bytes, .f_port = 1});
        if (!info.decodes_downlink)
            CHECK_FALSE(decoded.errors.empty());
    }
}

}  // namespace
}  // namespace hortillon::codecs
