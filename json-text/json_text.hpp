#pragma once
// Appending JSON text straight into a std::string, for what is written on every uplink (the
// application's events, the device's MAC state): building an nlohmann tree and dumping it cost
// a sixth of the event loop at 5,000 uplinks/s.
//
// The output is byte for byte what nlohmann::json::dump() writes for the same values, so callers
// that want that must write object keys in nlohmann's (sorted) order themselves. Commas are
// placed from the text already written: a value or key that follows `{`, `[` or `:` gets none.

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace hortillon::json_text {

// `"key":`, with a comma before it unless it opens the object. `key` is written unescaped: a
// literal of the caller's, never data.
void append_key(std::string& out, std::string_view key);

// A JSON string, escaped as nlohmann escapes it; invalid UTF-8 becomes U+FFFD.
void append_string(std::string& out, std::string_view value);

void append_unsigned(std::string& out, std::uint64_t value);
void append_signed(std::string& out, std::int64_t value);
// nlohmann's shortest round-trip form ("10.5", "33.0", "1e+20"); NaN and infinities as null.
void append_double(std::string& out, double value);
void append_bool(std::string& out, bool value);
// A nlohmann value (a codec's output), as dump() writes it but without building a string of its
// own first; invalid UTF-8 becomes U+FFFD, as in append_string.
void append_json(std::string& out, const nlohmann::json& value);

// `{` / `[` as a value (with its comma), and the closing bracket.
void open_object(std::string& out);
void open_array(std::string& out);
void close_object(std::string& out);
void close_array(std::string& out);

}  // namespace hortillon::json_text
