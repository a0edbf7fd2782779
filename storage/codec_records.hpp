#pragma once
// Rows of the codecs table: JavaScript device codecs imported by an operator
// (`hortillon codec import`), found by id next to the built-in native codecs.

#include <optional>
#include <string>

#include "storage/records.hpp"

namespace hortillon::storage {

struct StoredCodec {
    std::string id{};      // unique; never a built-in codec's id (the importer checks)
    std::string source{};  // the JavaScript program, as imported
    std::optional<std::string> vendor{};
    std::optional<std::string> device{};
    std::optional<std::string> family{};  // "bin", "water-meter", "water-level"
    // Which optional entry points the program defines (decodeUplink is required).
    bool encodes_downlink = false;
    bool decodes_downlink = false;
    Timestamp imported_at{};  // set by the store
};

}  // namespace hortillon::storage
