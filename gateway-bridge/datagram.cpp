#include "gateway-bridge/datagram.hpp"

#include <algorithm>

namespace hortillon::gateway_bridge {

namespace {

// One row per identifier drives decoding, encoding and naming.
struct PacketLayout {
    PacketType type;
    std::string_view name;
    std::size_t min_size;
    bool has_eui;
    bool from_gateway;
};

constexpr std::array<PacketLayout, 6> layouts{{
    {PacketType::push_data, "PUSH_DATA", header_with_eui_size + 1, true, true},
    {PacketType::push_ack, "PUSH_ACK", header_size, false, false},
    {PacketType::pull_data, "PULL_DATA", header_with_eui_size, true, true},
    {PacketType::pull_resp, "PULL_RESP", header_size + 1, false, false},
    {PacketType::pull_ack, "PULL_ACK", header_size, false, false},
    {PacketType::tx_ack, "TX_ACK", header_with_eui_size, true, true},
}};

constexpr auto layouts_in_order() -> bool {
    for (std::size_t i = 0; i < layouts.size(); ++i) {
        if (static_cast<std::size_t>(layouts[i].type) != i)
            return false;
    }
    return true;
}
static_assert(layouts_in_order(), "packet layout table out of identifier order");

constexpr std::size_t offset_version = 0;
constexpr std::size_t offset_token = 1;
constexpr std::size_t offset_identifier = 3;
constexpr std::size_t offset_eui = 4;

auto layout(PacketType type) -> const PacketLayout& {
    return layouts[std::min(static_cast<std::size_t>(type), layouts.size() - 1)];
}

auto encode_ack(Token token, PacketType type, std::uint8_t version) -> Ack {
    return Ack{version, token.bytes[0], token.bytes[1], static_cast<std::uint8_t>(type)};
}

}  // namespace

auto to_string(PacketType type) -> std::string_view {
    return layout(type).name;
}

auto sent_by_gateway(PacketType type) -> bool {
    return layout(type).from_gateway;
}

auto Token::to_string() const -> std::string {
    return lorawan::to_hex(bytes);
}

auto decode_datagram(lorawan::ByteView datagram) -> Result<Datagram, DatagramError> {
    if (datagram.size() < header_size)
        return Unexpected{DatagramError::too_short};
    auto version = datagram[offset_version];
    if (version != protocol_version && version != legacy_protocol_version) {
        return Unexpected{DatagramError::unsupported_version};
    }
    auto identifier = datagram[offset_identifier];
    if (identifier >= layouts.size())
        return Unexpected{DatagramError::unknown_identifier};
    const auto& row = layouts[identifier];
    if (datagram.size() < row.min_size)
        return Unexpected{DatagramError::too_short};

    Datagram out;
    out.version = version;
    out.token.bytes = {datagram[offset_token], datagram[offset_token + 1]};
    out.type = row.type;
    auto body_offset = header_size;
    if (row.has_eui) {
        out.gateway_eui = lorawan::Eui64::from_be_bytes(datagram.subspan(offset_eui, 8));
        body_offset = header_with_eui_size;
    }
    out.body = datagram.subspan(body_offset);
    return out;
}

auto decode_gateway_datagram(lorawan::ByteView datagram) -> Result<Datagram, DatagramError> {
    auto decoded = decode_datagram(datagram);
    if (decoded && !sent_by_gateway(decoded->type)) {
        return Unexpected{DatagramError::unexpected_identifier};
    }
    return decoded;
}

auto encode_datagram(const Datagram& datagram) -> lorawan::Bytes {
    lorawan::Bytes out{datagram.version, datagram.token.bytes[0], datagram.token.bytes[1],
                       static_cast<std::uint8_t>(datagram.type)};
    if (layout(datagram.type).has_eui) {
        lorawan::append(out, datagram.gateway_eui.value_or(lorawan::Eui64{}).to_be_bytes());
    }
    lorawan::append(out, datagram.body);
    return out;
}

auto encode_push_ack(Token token, std::uint8_t version) -> Ack {
    return encode_ack(token, PacketType::push_ack, version);
}

auto encode_pull_ack(Token token, std::uint8_t version) -> Ack {
    return encode_ack(token, PacketType::pull_ack, version);
}

auto encode_ack_for(const Datagram& request) -> std::optional<Ack> {
    switch (request.type) {
        case PacketType::push_data:
            return encode_push_ack(request.token, request.version);
        case PacketType::pull_data:
            return encode_pull_ack(request.token, request.version);
        default:
            return std::nullopt;
    }
}

}  // namespace hortillon::gateway_bridge
