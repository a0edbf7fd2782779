// Every prefix of every sample datagram decodes to an error or to a valid shorter value, never
// to a crash (the address and undefined-behaviour sanitizers of the fuzz build check the same
// paths harder).

#include <catch2/catch.hpp>

#include "gateway-bridge/datagram.hpp"
#include "gateway-bridge/pull_resp.hpp"
#include "gateway-bridge/push_data.hpp"
#include "gateway-bridge/tx_ack.hpp"
#include "samples.hpp"

using namespace hortillon::gateway_bridge;

namespace {

auto minimum_size(PacketType type) -> std::size_t {
    switch (type) {
        case PacketType::push_data:
            return 13;
        case PacketType::pull_data:
        case PacketType::tx_ack:
            return 12;
        case PacketType::pull_resp:
            return 5;
        default:
            return 4;
    }
}

// A strict prefix of a JSON object (not cut only in trailing NULs) is never a JSON object.
auto cut_inside_json(const test::Sample& sample, std::size_t length) -> bool {
    for (auto i = length; i < sample.datagram.size(); ++i) {
        if (sample.datagram[i] != 0)
            return true;
    }
    return false;
}

void decode_body(const test::Sample& sample, const Datagram& datagram, std::size_t length) {
    bool has_json_body = !datagram.body.empty() && datagram.body[0] == '{';
    bool cut = has_json_body && cut_inside_json(sample, length);
    if (datagram.type == PacketType::push_data) {
        auto decoded = decode_push_data(datagram);
        if (cut)
            CHECK(decoded.error() == DatagramError::bad_json);
    } else if (datagram.type == PacketType::tx_ack) {
        auto decoded = decode_tx_ack(datagram);
        if (cut)
            CHECK(decoded.error() == DatagramError::bad_json);
        if (datagram.body.empty())
            CHECK(decoded->sent());
    } else if (datagram.type == PacketType::pull_resp) {
        auto decoded = decode_pull_resp(datagram);
        if (cut)
            CHECK(decoded.error() == DatagramError::bad_json);
    }
}

}  // namespace

TEST_CASE("every prefix of every sample datagram is refused cleanly or decodes shorter") {
    for (const auto& sample : test::load_samples()) {
        INFO("sample: " << sample.name);
        auto full = decode_datagram(sample.datagram);
        REQUIRE(full);
        for (std::size_t length = 0; length <= sample.datagram.size(); ++length) {
            INFO("prefix length " << length);
            auto prefix = hortillon::lorawan::ByteView{sample.datagram}.first(length);
            auto datagram = decode_datagram(prefix);
            if (length < minimum_size(full->type)) {
                CHECK(datagram.error() == DatagramError::too_short);
                continue;
            }
            REQUIRE(datagram);
            CHECK(datagram->token == full->token);
            CHECK(datagram->gateway_eui == full->gateway_eui);
            decode_body(sample, *datagram, length);
        }
    }
}
