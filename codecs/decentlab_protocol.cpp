#include "codecs/decentlab_protocol.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "codecs/javascript_format.hpp"

namespace hortillon::codecs {

namespace {

constexpr std::uint8_t protocol_version = 2;
constexpr std::size_t header_size = 5;
constexpr std::size_t max_words = 16;

auto value_object(const DecentlabValue& value, std::span<const double> words) -> nlohmann::json {
    nlohmann::json out = {{"displayName", value.display_name},
                          {"value", json_number(value.convert(words))}};
    if (!value.unit.empty())
        out["unit"] = value.unit;
    return out;
}

}  // namespace

auto decode_decentlab_uplink(ByteView payload, std::span<const DecentlabSensorGroup> groups)
    -> CodecResult {
    if (payload.empty())
        return decode_error(truncation_error("protocol version", 1, 0));
    if (payload[0] != protocol_version) {
        return decode_error("protocol version " + std::to_string(payload[0]) + " doesn't match v2");
    }
    PayloadReader frame(payload);
    frame.require(header_size);
    CodecResult result;
    result.data = {{"protocol_version", protocol_version}, {"device_id", frame.u16_be(1)}};
    const std::uint16_t flags = frame.u16_be(3);
    std::size_t position = header_size;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        if ((flags & (1U << i)) == 0)
            continue;
        std::array<double, max_words> words{};
        const std::size_t length = std::min(groups[i].length, max_words);
        for (std::size_t j = 0; j < length; ++j, position += 2)
            words[j] = frame.u16_be(position);
        for (const auto& value : groups[i].values)
            result.data[std::string(value.name)] = value_object(value, {words.data(), length});
    }
    if (frame.truncated())
        result.errors.push_back(truncation_error("Decentlab uplink", frame.needed(), frame.size()));
    return result;
}

}  // namespace hortillon::codecs
