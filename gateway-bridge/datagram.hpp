#pragma once
// The Semtech UDP datagram header (packet forwarder protocol version 2), both directions.
//
//   offset  size  field
//   ------  ----  -----------------------------------------------------------------
//        0     1  protocol version: 2 (1 is also accepted, as ChirpStack does)
//        1     2  token: two random bytes, opaque; an ACK echoes them unchanged
//        3     1  identifier: PUSH_DATA 0, PUSH_ACK 1, PULL_DATA 2, PULL_RESP 3,
//                 PULL_ACK 4, TX_ACK 5
//        4     8  gateway EUI, big-endian ........ PUSH_DATA, PULL_DATA, TX_ACK only
//     4/12   ...  JSON body: PUSH_DATA (from 12, at least 1 byte), TX_ACK (from 12,
//                 optional), PULL_RESP (from 4: it has no EUI, at least 1 byte)
//
//   PUSH_ACK and PULL_ACK are exactly 4 bytes; PULL_DATA exactly 12. Longer datagrams are
//   accepted and the extra bytes are reported as `body`.
//
// A server replies PUSH_ACK to the PUSH_DATA source *before* parsing its JSON, and PULL_ACK to
// the PULL_DATA source; PULL_RESP goes to the address of the gateway's latest PULL_DATA.

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "gateway-bridge/datagram_error.hpp"
#include "lorawan/bytes.hpp"
#include "lorawan/identifiers.hpp"
#include "lorawan/result.hpp"

namespace hortillon::gateway_bridge {

inline constexpr std::uint8_t protocol_version = 2;
inline constexpr std::uint8_t legacy_protocol_version = 1;  // no TX_ACK; accepted on input
inline constexpr std::size_t header_size = 4;               // version, token, identifier
inline constexpr std::size_t header_with_eui_size = 12;     // ... plus the gateway EUI

enum class PacketType : std::uint8_t {
    push_data = 0,
    push_ack = 1,
    pull_data = 2,
    pull_resp = 3,
    pull_ack = 4,
    tx_ack = 5,
};

// "PUSH_DATA", "TX_ACK", ... as the protocol document spells them.
auto to_string(PacketType type) -> std::string_view;
// PUSH_DATA, PULL_DATA and TX_ACK travel gateway -> server; the others server -> gateway.
auto sent_by_gateway(PacketType type) -> bool;

struct Token {
    std::array<std::uint8_t, 2> bytes{};

    // Four lowercase hex digits in wire order, for logs ("7b00").
    [[nodiscard]] auto to_string() const -> std::string;
    auto operator<=>(const Token&) const = default;
};

// One datagram with its header decoded. `body` views the decoder's input: keep that buffer alive
// while the body is in use.
struct Datagram {
    std::uint8_t version = protocol_version;
    Token token;
    PacketType type = PacketType::push_data;
    std::optional<lorawan::Eui64> gateway_eui;  // set exactly for PUSH_DATA, PULL_DATA, TX_ACK
    lorawan::ByteView body;
};

// Decodes the header of any of the six packet types.
// Errors: too_short (under 4 bytes, or under the minimum of its identifier: PUSH_DATA 13,
// PULL_DATA and TX_ACK 12, PULL_RESP 5), unsupported_version, unknown_identifier.
auto decode_datagram(lorawan::ByteView datagram) -> Result<Datagram, DatagramError>;

// Like decode_datagram, and also refuses the server-to-gateway types with unexpected_identifier:
// what a server calls on every datagram that arrives on its UDP port.
auto decode_gateway_datagram(lorawan::ByteView datagram) -> Result<Datagram, DatagramError>;

// The exact inverse of decode_datagram: header, the EUI where the type has one, then the body.
auto encode_datagram(const Datagram& datagram) -> lorawan::Bytes;

using Ack = std::array<std::uint8_t, 4>;

// 4-byte acknowledgements echoing the request's token (and, by default, protocol version 2).
auto encode_push_ack(Token token, std::uint8_t version = protocol_version) -> Ack;
auto encode_pull_ack(Token token, std::uint8_t version = protocol_version) -> Ack;

// The acknowledgement a server owes for `request`: PUSH_ACK for PUSH_DATA, PULL_ACK for
// PULL_DATA (same version and token), nothing for the other types.
auto encode_ack_for(const Datagram& request) -> std::optional<Ack>;

}  // namespace hortillon::gateway_bridge
