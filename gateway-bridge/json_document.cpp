#include "gateway-bridge/json_document.hpp"

#include <limits>

#include <nlohmann/json.hpp>

namespace hortillon::gateway_bridge {

namespace {

using nlohmann::json;

constexpr std::uint32_t no_container = std::numeric_limits<std::uint32_t>::max();

// Receives nlohmann's SAX events (called through a template, not virtually) and appends one
// node per value. Open containers are chained through their nodes' `end` field (the index of
// the enclosing container) until they close, so deep nesting needs no recursion and no stack.
class DocumentBuilder {
  public:
    DocumentBuilder(std::vector<JsonNode>& nodes, std::string& strings)
        : nodes_(nodes), strings_(strings) {}

    auto null() -> bool { return push(JsonType::null); }
    auto boolean(bool value) -> bool { return push(JsonType::boolean, value ? 1 : 0); }
    auto number_integer(json::number_integer_t value) -> bool {
        return push(JsonType::integer, std::bit_cast<std::uint64_t>(value));
    }
    auto number_unsigned(json::number_unsigned_t value) -> bool {
        return push(JsonType::unsigned_integer, value);
    }
    auto number_float(json::number_float_t value, const json::string_t& /*text*/) -> bool {
        return push(JsonType::floating, std::bit_cast<std::uint64_t>(value));
    }
    auto string(json::string_t& text) -> bool { return push_string(text); }
    // Only the binary formats (CBOR, MessagePack, ...) report these, never a JSON text.
    auto binary(json::binary_t& /*bytes*/) -> bool { return false; }

    auto start_object(std::size_t /*unknown for JSON text*/) -> bool {
        return open(JsonType::object);
    }
    auto key(json::string_t& name) -> bool {
        ++nodes_[open_].count;
        return push_string(name);
    }
    auto end_object() -> bool { return close(); }
    auto start_array(std::size_t /*unknown for JSON text*/) -> bool {
        return open(JsonType::array);
    }
    auto end_array() -> bool { return close(); }

    // Whatever nlohmann refuses (syntax, UTF-8, a number beyond a double) fails the parse.
    auto parse_error(std::size_t /*position*/, const std::string& /*token*/,
                     const json::exception& /*error*/) -> bool {
        return false;
    }

  private:
    auto push(JsonType type, std::uint64_t bits = 0) -> bool {
        if (open_ != no_container && nodes_[open_].type == JsonType::array)
            ++nodes_[open_].count;
        nodes_.push_back(JsonNode{type, 0, 0, bits});
        return true;
    }

    // The text is copied out of nlohmann's token buffer, which the next token overwrites.
    auto push_string(const std::string& text) -> bool {
        push(JsonType::string, text_prefix(text));
        auto& node = nodes_.back();
        node.count = static_cast<std::uint32_t>(text.size());
        node.end = static_cast<std::uint32_t>(strings_.size());
        strings_ += text;
        return true;
    }

    auto open(JsonType type) -> bool {
        push(type);
        nodes_.back().end = open_;
        open_ = static_cast<std::uint32_t>(nodes_.size() - 1);
        return true;
    }

    auto close() -> bool {
        auto& container = nodes_[open_];
        open_ = container.end;
        container.end = static_cast<std::uint32_t>(nodes_.size());
        return true;
    }

    std::vector<JsonNode>& nodes_;
    std::string& strings_;
    std::uint32_t open_ = no_container;
};

}  // namespace

auto parse_json(lorawan::ByteView text) -> std::optional<JsonDocument> {
    std::vector<JsonNode> nodes;
    nodes.reserve(text.size() / 8 + 4);  // lora_pkt_fwd's rxpk holds about 9 bytes per node
    std::string strings;
    strings.reserve(text.size());  // unescaped text is never longer than its JSON form
    DocumentBuilder builder{nodes, strings};
    if (!json::sax_parse(text.begin(), text.end(), &builder))
        return std::nullopt;
    return JsonDocument{std::move(nodes), std::move(strings)};
}

}  // namespace hortillon::gateway_bridge
