#pragma once
// A parsed JSON text held as one flat array of nodes, for the decoders of this folder.
//
// The Semtech UDP bodies are small objects read field by field once. nlohmann::json's DOM built
// a std::map node per member and a heap string per long value for each of them; this document
// costs one node array and one string buffer per datagram. nlohmann's SAX parser still reads
// the text (network input is parsed by a maintained library, not by hand); only the values it
// reports are stored here.
//
// Nodes are in document order. A container's node is followed by its descendants and records
// where they end, so a reader steps over a whole value in one move. An object's members are a
// key node (a string) followed by the value's node(s).

#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lorawan/bytes.hpp"

namespace hortillon::gateway_bridge {

// The number kinds are nlohmann::json's, as its parser reports them: a number without fraction or
// exponent is unsigned when non-negative and fits 64 bits, signed when negative and fits 64 bits,
// else floating.
enum class JsonType : std::uint8_t {
    null,
    boolean,
    integer,
    unsigned_integer,
    floating,
    string,
    array,
    object,
};

struct JsonNode {
    JsonType type = JsonType::null;
    std::uint32_t count = 0;  // strings: bytes; arrays: elements; objects: members
    std::uint32_t end = 0;    // containers: index after the last descendant; strings: offset
                              // in the document's string buffer
    std::uint64_t bits = 0;   // booleans and numbers by std::bit_cast; strings: text_prefix
};

// Up to the first 8 bytes of a string, packed: object lookups compare member names (mostly
// 4 letters in this protocol) as one integer before comparing text.
constexpr auto text_prefix(std::string_view text) -> std::uint64_t {
    std::uint64_t packed = 0;
    for (std::size_t i = 0; i < text.size() && i < 8; ++i)
        packed |= std::uint64_t{static_cast<unsigned char>(text[i])} << (8 * i);
    return packed;
}

class JsonDocument;

// One value of a JsonDocument: a cheap view, valid while the document lives and stays put (so
// are the string_views it returns).
class JsonValue {
  public:
    JsonValue(const JsonDocument& document, std::uint32_t index)
        : document_(&document), index_(index) {}

    [[nodiscard]] auto type() const -> JsonType { return node().type; }
    [[nodiscard]] auto is_null() const -> bool { return type() == JsonType::null; }
    [[nodiscard]] auto is_boolean() const -> bool { return type() == JsonType::boolean; }
    [[nodiscard]] auto is_number() const -> bool {
        return type() == JsonType::integer || type() == JsonType::unsigned_integer ||
               type() == JsonType::floating;
    }
    [[nodiscard]] auto is_string() const -> bool { return type() == JsonType::string; }
    [[nodiscard]] auto is_array() const -> bool { return type() == JsonType::array; }
    [[nodiscard]] auto is_object() const -> bool { return type() == JsonType::object; }

    // Each accessor requires the matching type (as_string gives an empty view for any other).
    [[nodiscard]] auto as_bool() const -> bool { return node().bits != 0; }
    [[nodiscard]] auto as_integer() const -> std::int64_t {
        return std::bit_cast<std::int64_t>(node().bits);
    }
    [[nodiscard]] auto as_unsigned() const -> std::uint64_t { return node().bits; }
    [[nodiscard]] auto as_floating() const -> double { return std::bit_cast<double>(node().bits); }
    // Any number, converted as nlohmann's get<double>() does.
    [[nodiscard]] auto as_double() const -> double;
    [[nodiscard]] auto as_string() const -> std::string_view;

    // Arrays: the number of elements; objects: of members (a repeated key counts each time).
    [[nodiscard]] auto size() const -> std::size_t { return node().count; }
    [[nodiscard]] auto empty() const -> bool { return size() == 0; }

    // Objects: the value of `key`, or nullopt (also for any other type). When a key repeats, the
    // last one counts, as in nlohmann::json.
    [[nodiscard]] auto find(std::string_view key) const -> std::optional<JsonValue>;

    // Arrays: the elements in order, for range-for.
    class ElementIterator {
      public:
        ElementIterator(const JsonDocument& document, std::uint32_t index, std::size_t left)
            : document_(&document), index_(index), left_(left) {}
        auto operator*() const -> JsonValue { return {*document_, index_}; }
        auto operator++() -> ElementIterator& {
            index_ = JsonValue{*document_, index_}.next_index();
            --left_;
            return *this;
        }
        auto operator==(const ElementIterator& other) const -> bool { return left_ == other.left_; }

      private:
        const JsonDocument* document_;
        std::uint32_t index_;
        std::size_t left_;
    };
    [[nodiscard]] auto begin() const -> ElementIterator { return {*document_, index_ + 1, size()}; }
    [[nodiscard]] auto end() const -> ElementIterator { return {*document_, 0, 0}; }

  private:
    [[nodiscard]] auto node() const -> const JsonNode&;
    // The index of the first node after this value and its descendants.
    [[nodiscard]] auto next_index() const -> std::uint32_t;

    const JsonDocument* document_;
    std::uint32_t index_;
};

class JsonDocument {
  public:
    // The top-level value.
    [[nodiscard]] auto root() const -> JsonValue { return {*this, 0}; }

  private:
    friend class JsonValue;
    friend auto parse_json(lorawan::ByteView text) -> std::optional<JsonDocument>;

    JsonDocument(std::vector<JsonNode> nodes, std::string strings)
        : nodes_(std::move(nodes)), strings_(std::move(strings)) {}

    std::vector<JsonNode> nodes_;
    std::string strings_;  // the unescaped text of every string and key, one after another
};

// Parses `text` as exactly one JSON value with nlohmann::json::sax_parse, so it accepts what
// nlohmann::json::parse accepts (a leading UTF-8 byte-order mark; a NUL byte after the value ends
// the text; numbers of the kinds described at JsonType; nesting without a depth limit) and
// nullopt for anything nlohmann refuses. The document owns its strings: `text` may go after.
auto parse_json(lorawan::ByteView text) -> std::optional<JsonDocument>;

inline auto JsonValue::node() const -> const JsonNode& {
    return document_->nodes_[index_];
}

inline auto JsonValue::next_index() const -> std::uint32_t {
    const auto& n = node();
    return n.type == JsonType::array || n.type == JsonType::object ? n.end : index_ + 1;
}

inline auto JsonValue::as_double() const -> double {
    switch (type()) {
        case JsonType::integer:
            return static_cast<double>(as_integer());
        case JsonType::unsigned_integer:
            return static_cast<double>(as_unsigned());
        default:
            return as_floating();
    }
}

inline auto JsonValue::as_string() const -> std::string_view {
    const auto& n = node();
    if (n.type != JsonType::string)
        return {};
    return std::string_view{document_->strings_}.substr(n.end, n.count);
}

inline auto JsonValue::find(std::string_view key) const -> std::optional<JsonValue> {
    std::optional<JsonValue> found;
    if (!is_object())
        return found;
    const auto prefix = text_prefix(key);
    auto at = index_ + 1;
    for (std::size_t i = 0; i < size(); ++i) {
        JsonValue name{*document_, at};
        JsonValue value{*document_, at + 1};
        const auto& name_node = name.node();
        if (name_node.bits == prefix && name_node.count == key.size() &&
            (key.size() <= 8 || name.as_string() == key)) {
            found = value;
        }
        at = value.next_index();
    }
    return found;
}

}  // namespace hortillon::gateway_bridge
