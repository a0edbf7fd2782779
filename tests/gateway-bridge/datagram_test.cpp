#include <catch2/catch.hpp>

#include "gateway-bridge/datagram.hpp"
#include "samples.hpp"

using namespace hortillon::gateway_bridge;
using hortillon::lorawan::Bytes;
using hortillon::lorawan::from_hex;

namespace {
auto hex(const char* text) -> Bytes {
    return *from_hex(text);
}
}  // namespace

TEST_CASE("datagram header fields, EUI big-endian, body view") {
    auto bytes = hex("029f9202aa555a0102030405");
    auto datagram = decode_datagram(bytes);
    REQUIRE(datagram);
    CHECK(datagram->version == 2);
    CHECK(datagram->token.to_string() == "9f92");
    CHECK(datagram->type == PacketType::pull_data);
    CHECK(datagram->gateway_eui->to_string() == "aa555a0102030405");
    CHECK(datagram->body.empty());

    auto pull_resp = hex("027b00037b7d");
    auto resp = decode_datagram(pull_resp);
    REQUIRE(resp);
    CHECK_FALSE(resp->gateway_eui);  // the JSON starts at byte 4
    CHECK(Bytes(resp->body.begin(), resp->body.end()) == Bytes{'{', '}'});
}

TEST_CASE("protocol version 1 is accepted and echoed in the ack") {
    auto bytes = hex("01abcd02aa555a0102030405");
    auto datagram = decode_datagram(bytes);
    REQUIRE(datagram);
    CHECK(datagram->version == 1);
    CHECK(*encode_ack_for(*datagram) == Ack{1, 0xab, 0xcd, 4});
}

TEST_CASE("acks echo the token, and only PUSH_DATA and PULL_DATA get one") {
    Token token{{0x7b, 0x00}};
    CHECK(encode_push_ack(token) == Ack{2, 0x7b, 0x00, 1});
    CHECK(encode_pull_ack(token) == Ack{2, 0x7b, 0x00, 4});
    auto tx_ack = hex("027b00050807060504030201");
    CHECK_FALSE(encode_ack_for(*decode_datagram(tx_ack)));
}

TEST_CASE("packet type names and directions") {
    CHECK(to_string(PacketType::push_data) == "PUSH_DATA");
    CHECK(to_string(PacketType::tx_ack) == "TX_ACK");
    CHECK(sent_by_gateway(PacketType::push_data));
    CHECK(sent_by_gateway(PacketType::pull_data));
    CHECK(sent_by_gateway(PacketType::tx_ack));
    CHECK_FALSE(sent_by_gateway(PacketType::push_ack));
    CHECK_FALSE(sent_by_gateway(PacketType::pull_resp));
    CHECK_FALSE(sent_by_gateway(PacketType::pull_ack));
}

TEST_CASE("datagram error: too_short, per identifier") {
    CHECK(decode_datagram(Bytes{}).error() == DatagramError::too_short);
    CHECK(decode_datagram(hex("027b00")).error() == DatagramError::too_short);
    CHECK(decode_datagram(hex("027b0000aa555a0102030405")).error() == DatagramError::too_short);
    CHECK(decode_datagram(hex("027b0002aa555a01020304")).error() == DatagramError::too_short);
    CHECK(decode_datagram(hex("027b0005aa555a01020304")).error() == DatagramError::too_short);
    CHECK(decode_datagram(hex("027b0003")).error() == DatagramError::too_short);
    CHECK(decode_datagram(hex("027b0001")));  // the ACKs are 4 bytes
    CHECK(decode_datagram(hex("027b0004")));
}

TEST_CASE("datagram error: unsupported_version") {
    CHECK(decode_datagram(hex("037b0001")).error() == DatagramError::unsupported_version);
    CHECK(decode_datagram(hex("007b0001")).error() == DatagramError::unsupported_version);
    // A JSON body where a header belongs: '{' is not a version.
    CHECK(decode_datagram(hex("7b227278")).error() == DatagramError::unsupported_version);
}

TEST_CASE("datagram error: unknown_identifier") {
    CHECK(decode_datagram(hex("027b0006")).error() == DatagramError::unknown_identifier);
    CHECK(decode_datagram(hex("027b00ff")).error() == DatagramError::unknown_identifier);
}

TEST_CASE("datagram error: unexpected_identifier for server-to-gateway types at the server") {
    for (const char* text : {"027b0001", "027b00037b7d", "027b0004"}) {
        auto bytes = hex(text);
        CHECK(decode_gateway_datagram(bytes).error() == DatagramError::unexpected_identifier);
        CHECK(decode_datagram(bytes));
    }
    auto pull_data = hex("027b00020102030405060708");
    CHECK(decode_gateway_datagram(pull_data));
}

TEST_CASE("encode_datagram is the inverse of decode_datagram") {
    auto bytes = test::make_datagram(0, R"({"stat":{}})");
    auto datagram = decode_datagram(bytes);
    REQUIRE(datagram);
    CHECK(encode_datagram(*datagram) == bytes);
    CHECK(datagram->gateway_eui->value == test::synthetic_eui);
}
