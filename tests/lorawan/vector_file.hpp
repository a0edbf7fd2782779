#pragma once
// Reads the published LoRaWAN crypto vectors (tests/data/vectors/lorawan-crypto.json) and the
// several spellings its sources use for one value (integer, big-endian hex, on-air hex).

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "lorawan/bytes.hpp"
#include "lorawan/identifiers.hpp"

namespace vectors {

using hortillon::lorawan::Bytes;
using nlohmann::json;

inline auto load() -> const json& {
    static const json file = [] {
        std::ifstream in(std::string(HORTILLON_TEST_DATA) + "/vectors/lorawan-crypto.json");
        return json::parse(in);
    }();
    return file;
}

inline auto group(const std::string& name) -> const json& {
    return load().at("vectors").at(name);
}

inline auto hex(const json& value) -> Bytes {
    auto bytes = hortillon::lorawan::from_hex(value.get<std::string>());
    if (!bytes)
        throw std::runtime_error("bad hex in vector file");
    return *bytes;
}

inline auto key(const json& inputs, const std::string& name) -> hortillon::lorawan::AesKey {
    return *hortillon::lorawan::AesKey::parse(inputs.at(name).get<std::string>());
}

// An integer field given as `name` (number), `name_be` (big-endian hex) or `name_onair`
// (little-endian hex); `fallback` names an older spelling (app_nonce for join_nonce).
inline auto number(const json& inputs, const std::string& name) -> std::uint64_t {
    if (inputs.contains(name) && inputs.at(name).is_number())
        return inputs.at(name).get<std::uint64_t>();
    std::uint64_t value = 0;
    if (inputs.contains(name + "_be")) {
        for (auto b : hex(inputs.at(name + "_be")))
            value = (value << 8) | b;
        return value;
    }
    if (inputs.contains(name + "_onair")) {
        auto bytes = hex(inputs.at(name + "_onair"));
        for (auto it = bytes.rbegin(); it != bytes.rend(); ++it)
            value = (value << 8) | *it;
        return value;
    }
    if (inputs.contains(name) && inputs.at(name).is_string()) {
        for (auto b : hex(inputs.at(name)))
            value = (value << 8) | b;
        return value;
    }
    throw std::runtime_error("vector lacks " + name);
}

inline auto has_number(const json& inputs, const std::string& name) -> bool {
    return inputs.contains(name) || inputs.contains(name + "_be") ||
           inputs.contains(name + "_onair");
}

inline auto dev_addr(const json& inputs) -> hortillon::lorawan::DevAddr {
    const std::string name = inputs.contains("devaddr_be") || inputs.contains("devaddr_onair") ||
                                     inputs.contains("devaddr")
                                 ? "devaddr"
                                 : "dev_addr";
    return hortillon::lorawan::DevAddr{static_cast<std::uint32_t>(number(inputs, name))};
}

// Plaintext given as hex or as ASCII text.
inline auto plaintext(const json& object, const std::string& name) -> std::optional<Bytes> {
    if (object.contains(name))
        return hex(object.at(name));
    if (object.contains(name + "_ascii")) {
        auto text = object.at(name + "_ascii").get<std::string>();
        return Bytes(text.begin(), text.end());
    }
    return std::nullopt;
}

}  // namespace vectors
