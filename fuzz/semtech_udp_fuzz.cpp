// libFuzzer harness for the Semtech UDP codec: arbitrary datagrams through the header decoder,
// and every body through each JSON decoder (PUSH_DATA, TX_ACK, PULL_RESP) whatever its
// identifier, so that the seed corpus reaches the JSON and base64 paths from any header.
// Invariants checked (a violation traps):
//   - encode_datagram(decode_datagram(x)) == x;
//   - a decodable PULL_RESP re-encodes, and decodes back to the same DownlinkFrame;
//   - every error has a message and a counter name.

#include <cstddef>
#include <cstdint>

#include "gateway-bridge/datagram.hpp"
#include "gateway-bridge/pull_resp.hpp"
#include "gateway-bridge/push_data.hpp"
#include "gateway-bridge/tx_ack.hpp"

using namespace hortillon::gateway_bridge;
using hortillon::lorawan::Bytes;
using hortillon::lorawan::ByteView;
using hortillon::lorawan::Eui64;

namespace {

void require(bool condition) {
    if (!condition)
        __builtin_trap();
}

void check_error(DatagramError error) {
    require(!describe(error).empty() && !counter_name(error).empty());
}

void fuzz_push_data(Datagram datagram) {
    datagram.type = PacketType::push_data;
    datagram.gateway_eui = datagram.gateway_eui.value_or(Eui64{});
    auto decoded = decode_push_data(datagram);
    if (!decoded)
        return check_error(decoded.error());
    for (const auto& rejection : decoded->rejected) {
        check_error(rejection.reason);
        bool crc = rejection.reason == DatagramError::crc_bad ||
                   rejection.reason == DatagramError::crc_absent;
        require(crc == rejection.frame.has_value());
    }
    for (const auto& frame : decoded->frames)
        require(frame.rx_info.crc_status == CrcStatus::ok);
    if (decoded->stats_error)
        check_error(*decoded->stats_error);
}

void fuzz_tx_ack(Datagram datagram) {
    datagram.type = PacketType::tx_ack;
    auto decoded = decode_tx_ack(datagram);
    if (!decoded)
        return check_error(decoded.error());
    require(!to_string(decoded->error).empty());
}

void fuzz_pull_resp(Datagram datagram) {
    datagram.type = PacketType::pull_resp;
    auto decoded = decode_pull_resp(datagram);
    if (!decoded)
        return check_error(decoded.error());
    auto encoded = encode_pull_resp(datagram.token, *decoded);
    require(encoded.has_value());
    auto again = decode_datagram(*encoded);
    require(again.has_value());
    auto frame = decode_pull_resp(*again);
    require(frame.has_value() && *frame == *decoded);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    ByteView input{data, size};
    auto datagram = decode_datagram(input);
    if (!datagram) {
        check_error(datagram.error());
        return 0;
    }
    require(encode_datagram(*datagram) == Bytes(input.begin(), input.end()));
    (void)encode_ack_for(*datagram);
    fuzz_push_data(*datagram);
    fuzz_tx_ack(*datagram);
    fuzz_pull_resp(*datagram);
    return 0;
}
