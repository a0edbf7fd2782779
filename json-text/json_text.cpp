#include "json-text/json_text.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

namespace hortillon::json_text {

namespace {

// A comma before a value, unless it is the first in its object or array, or follows a key.
void separate(std::string& out) {
    if (!out.empty() && out.back() != '{' && out.back() != '[' && out.back() != ':') {
        out += ',';
    }
}

// Printable ASCII without `"` or `\`: written as is. Nearly every string of an event is so.
auto needs_no_escaping(std::string_view value) -> bool {
    for (const char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x80 || c == '"' || c == '\\') {
            return false;
        }
    }
    return true;
}

template <class Integer>
void append_integer(std::string& out, Integer value) {
    std::array<char, 24> buffer{};
    const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value).ptr;
    out.append(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
}

// Text that is already JSON, as one value.
void append_raw(std::string& out, std::string_view json) {
    separate(out);
    out += json;
}
}  // namespace

void append_key(std::string& out, std::string_view key) {
    separate(out);
    out += '"';
    out += key;
    out += "\":";
}

void append_string(std::string& out, std::string_view value) {
    separate(out);
    if (needs_no_escaping(value)) {
        out += '"';
        out += value;
        out += '"';
        return;
    }
    // Control characters, quotes and non-ASCII text are rare: nlohmann's own escaper writes
    // them, which keeps its exact forms ("\u001f", UTF-8 copied as is).
    out += nlohmann::json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void append_unsigned(std::string& out, std::uint64_t value) {
    separate(out);
    append_integer(out, value);
}

void append_signed(std::string& out, std::int64_t value) {
    separate(out);
    append_integer(out, value);
}

void append_double(std::string& out, double value) {
    separate(out);
    if (!std::isfinite(value)) {
        out += "null";
        return;
    }
    // nlohmann formats doubles with its Grisu2, whose digits differ from std::to_chars' shortest
    // form for about 2 % of doubles (a 17th digit); its formatter keeps the text identical.
    std::array<char, 64> buffer{};
    char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    out.append(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
}

void append_bool(std::string& out, bool value) {
    separate(out);
    out += value ? "true" : "false";
}

void append_json(std::string& out, const nlohmann::json& value) {
    using Type = nlohmann::json::value_t;
    switch (value.type()) {
        case Type::object:
            open_object(out);
            for (const auto& [key, member] : value.items()) {  // sorted, as dump() writes them
                append_string(out, key);
                out += ':';
                append_json(out, member);
            }
            close_object(out);
            return;
        case Type::array:
            open_array(out);
            for (const auto& element : value)
                append_json(out, element);
            close_array(out);
            return;
        case Type::string:
            append_string(out, value.get_ref<const std::string&>());
            return;
        case Type::boolean:
            append_bool(out, value.get<bool>());
            return;
        case Type::number_integer:
            append_signed(out, value.get<std::int64_t>());
            return;
        case Type::number_unsigned:
            append_unsigned(out, value.get<std::uint64_t>());
            return;
        case Type::number_float:
            append_double(out, value.get<double>());
            return;
        case Type::null:
            separate(out);
            out += "null";
            return;
        case Type::binary:
        case Type::discarded:
            break;
    }
    append_raw(out, value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void open_object(std::string& out) {
    separate(out);
    out += '{';
}

void open_array(std::string& out) {
    separate(out);
    out += '[';
}

void close_object(std::string& out) {
    out += '}';
}

void close_array(std::string& out) {
    out += ']';
}

}  // namespace hortillon::json_text
