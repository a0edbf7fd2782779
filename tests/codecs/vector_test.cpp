// Runs every entry of every codec vector file: the TTN Device Repository's examples and the
// generated coverage vectors. Adding a vector adds a test.
//
// Comparison rules:
// - `data`: equal as JSON, numbers compared numerically (5 equals 5.0) and exactly, so the
//   native codec must produce the doubles the vendor's JavaScript produces. An expected
//   output without `data` requires our `data` to be null.
// - `errors`: equal when the vector has them. When it has none, our codec may only add its own
//   truncation diagnostics (messages starting "truncated frame:"); the vendor codecs decode a
//   short record with zero-filled bytes and say nothing, we keep that data and report it.
// - `warnings`: equal when the vector has them.
// - encodeDownlink: `bytes` (hex) and `fPort`, or `errors`.

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "codecs/builtin.hpp"
#include "lorawan/bytes.hpp"
#include "vector_files.hpp"

namespace hortillon::codecs {
namespace {

using test::VectorEntry;

auto strings(const nlohmann::json& array) -> std::vector<std::string> {
    return array.get<std::vector<std::string>>();
}

auto only_truncation_reports(const std::vector<std::string>& errors) -> bool {
    return std::all_of(errors.begin(), errors.end(),
                       [](const std::string& e) { return e.rfind("truncated frame:", 0) == 0; });
}

void check_decoded(const VectorEntry& vector, const CodecResult& result) {
    const auto& expected = vector.entry.at("expected");
    INFO(vector.name());
    INFO("got: " << to_json(result).dump());
    if (expected.contains("data"))
        CHECK(result.data == expected.at("data"));
    else
        CHECK(result.data.is_null());
    if (expected.contains("errors"))
        CHECK(result.errors == strings(expected.at("errors")));
    else
        CHECK(only_truncation_reports(result.errors));
    if (expected.contains("warnings"))
        CHECK(result.warnings == strings(expected.at("warnings")));
}

void check_encoded(const VectorEntry& vector, const EncodeResult& result) {
    const auto& expected = vector.entry.at("expected");
    INFO(vector.name());
    INFO("got: " << to_json(result).dump());
    if (expected.contains("bytes")) {
        CHECK(lorawan::to_hex(result.bytes) == expected.at("bytes").get<std::string>());
        CHECK(result.f_port == expected.at("fPort").get<int>());
        CHECK(result.errors.empty());
    } else {
        CHECK(result.bytes.empty());
    }
    if (expected.contains("errors"))
        CHECK(result.errors == strings(expected.at("errors")));
    if (expected.contains("warnings"))
        CHECK(result.warnings == strings(expected.at("warnings")));
}

void run_vector(const Codec& codec, const VectorEntry& vector) {
    const std::string routine = vector.entry.at("routine").get<std::string>();
    if (routine == "encodeDownlink") {
        check_encoded(vector, codec.encode_downlink(vector.entry.at("input")));
        return;
    }
    const auto bytes = vector.bytes();
    const auto f_port = vector.entry.at("fPort").get<std::uint8_t>();
    if (routine == "decodeUplink") {
        check_decoded(vector, codec.decode_uplink({.bytes = bytes, .f_port = f_port}));
    } else {
        REQUIRE(routine == "decodeDownlink");
        check_decoded(vector, codec.decode_downlink({.bytes = bytes, .f_port = f_port}));
    }
}

TEST_CASE("codec vectors: every entry of every vector file", "[codecs][vectors]") {
    const auto registry = make_builtin_registry();
    const auto& vectors = test::load_vector_entries(registry);
    REQUIRE(vectors.size() >= 158);  // 73 repository examples + 85 generated
    for (const auto& vector : vectors) {
        DYNAMIC_SECTION(vector.short_name()) {
            const Codec* codec = registry.find(vector.codec_id);
            if (codec == nullptr)
                FAIL("no codec " << vector.codec_id << " for " << vector.name());
            run_vector(*codec, vector);
        }
    }
}

TEST_CASE("codec vectors: every vector file names a registered codec", "[codecs][vectors]") {
    const auto registry = make_builtin_registry();
    for (const auto& id : test::vector_file_ids()) {
        INFO(id);
        CHECK(registry.find(id) != nullptr);
    }
}

}  // namespace
}  // namespace hortillon::codecs
