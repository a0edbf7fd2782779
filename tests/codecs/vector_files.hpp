#pragma once
// Loads the codec test vectors (tests/data/codecs/vectors*/<codec id>.json): the TTN Device
// Repository's own examples and the coverage vectors generated with the vendors' codecs.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "codecs/registry.hpp"

namespace hortillon::codecs::test {

struct VectorEntry {
    std::string folder;    // "vectors" or "vectors-generated"
    std::string file;      // file name without ".json", the codec id of the device
    std::string codec_id;  // the codec that runs the entry (a firmware variant may differ)
    std::size_t index = 0;
    nlohmann::json entry;  // routine, description, fPort, bytes / input, expected

    [[nodiscard]] auto name() const -> std::string;  // for test messages
    // "<folder>/<file>.json #<index>": a section name short enough for Catch2's line wrapping
    [[nodiscard]] auto short_name() const -> std::string;
    [[nodiscard]] auto bytes() const -> std::vector<std::uint8_t>;
};

// Every entry of every vector file, in a stable order. The codec id is the file name, unless
// the entry's `codec_js` names a firmware variant registered as "<vendor>-<codec file stem>"
// (dragino-ldds75-114 for vendor/dragino/ldds75-114.js).
auto load_vector_entries(const CodecRegistry& registry) -> const std::vector<VectorEntry>&;

// The vector file names (codec ids of the devices), sorted.
auto vector_file_ids() -> std::vector<std::string>;

}  // namespace hortillon::codecs::test
