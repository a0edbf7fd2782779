#include "codecs/milesight_channels.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace hortillon::codecs {

namespace {

auto hex_byte(std::uint8_t value) -> std::string {
    char text[5];
    std::snprintf(text, sizeof text, "0x%02x", value);
    return text;
}

auto find_channel(std::span<const MilesightChannel> channels, std::uint8_t id, std::uint8_t type)
    -> const MilesightChannel* {
    const auto it = std::find_if(channels.begin(), channels.end(), [&](const auto& channel) {
        return channel.channel_id == id && channel.channel_type == type;
    });
    return it == channels.end() ? nullptr : &*it;
}

}  // namespace

auto decode_milesight_channels(ByteView payload, std::span<const MilesightChannel> channels)
    -> CodecResult {
    CodecResult result;
    result.data = nlohmann::json::object();
    PayloadCursor cursor(payload);
    while (!cursor.at_end()) {
        const std::size_t offset = cursor.offset();
        const auto header = cursor.take(2);
        if (!header) {
            result.errors.push_back(truncation_error(
                "channel record header at offset " + std::to_string(offset), 2, 1));
            break;
        }
        const MilesightChannel* channel = find_channel(channels, (*header)[0], (*header)[1]);
        if (channel == nullptr) {
            result.warnings.push_back(
                "decoding stopped at unknown channel " + hex_byte((*header)[0]) + " type " +
                hex_byte((*header)[1]) + " at offset " + std::to_string(offset) + "; " +
                std::to_string(payload.size() - offset) + " bytes not decoded");
            break;
        }
        const std::size_t available = std::min(channel->size, cursor.remaining());
        const ByteView value = *cursor.take(available);
        if (available < channel->size) {
            result.errors.push_back(truncation_error(
                std::string(channel->name) + " record at offset " + std::to_string(offset),
                channel->size + 2, available + 2));
            if (available < channel->vendor_minimum)
                break;
        }
        PayloadReader reader(value);
        channel->decode(reader, result.data);
    }
    return result;
}

}  // namespace hortillon::codecs
