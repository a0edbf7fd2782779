#pragma once
// A simulated Semtech UDP packet forwarder for tests: real datagrams over real sockets.
//
// Like lora_pkt_fwd it has two UDP sockets, both connect()ed to the server, so each has its own
// source port and accepts replies only from the server's address:port:
//
//   up socket    PUSH_DATA ->   <- PUSH_ACK
//   down socket  PULL_DATA ->   <- PULL_ACK   <- PULL_RESP   TX_ACK ->
//
// The sockets are plain blocking POSIX sockets waited on with poll(), so a test can drive the
// simulator from its own thread while the server's io_context runs in another. Every wait takes
// a deadline; the waits that a working server always satisfies throw SimulatorTimeout (Catch2
// reports its message as the test failure), and receive_pull_resp returns nullopt so that tests
// can also assert that nothing arrived. One simulator is used by one thread at a time.

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "eventually.hpp"
#include "gateway-bridge/datagram.hpp"
#include "gateway-bridge/downlink_frame.hpp"
#include "gateway-bridge/uplink_frame.hpp"
#include "lorawan/bytes.hpp"
#include "lorawan/identifiers.hpp"

namespace hortillon::test_support {

// An expected answer did not arrive before its deadline.
class SimulatorTimeout : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct PullResp {
    gateway_bridge::Token token;
    gateway_bridge::DownlinkFrame frame;
};

// The rxpk JSON object of one frame, as lora_pkt_fwd prints it: time (when set), tmst, freq with
// six decimals, chan, rfch, stat (from crc_status), modu, datr, codr (LoRa), rssi, lsnr (when
// set), size and padded base64 data.
auto rxpk_json(const gateway_bridge::UplinkFrame& frame) -> std::string;

// A UDP socket descriptor that closes itself.
class UdpSocket {
  public:
    UdpSocket() = default;
    explicit UdpSocket(int descriptor) : descriptor_(descriptor) {}
    UdpSocket(UdpSocket&& other) noexcept;
    auto operator=(UdpSocket&& other) noexcept -> UdpSocket&;
    UdpSocket(const UdpSocket&) = delete;
    auto operator=(const UdpSocket&) -> UdpSocket& = delete;
    ~UdpSocket();

    [[nodiscard]] auto descriptor() const -> int { return descriptor_; }

  private:
    int descriptor_ = -1;
};

class GatewaySimulator {
  public:
    // `server_host` is an IPv4 or IPv6 literal ("127.0.0.1", "::1"). Throws std::runtime_error
    // if the sockets cannot be made.
    GatewaySimulator(lorawan::Eui64 gateway_eui, std::string_view server_host,
                     std::uint16_t server_port);

    [[nodiscard]] auto gateway_eui() const -> lorawan::Eui64 { return gateway_eui_; }
    // The source ports the server sees.
    [[nodiscard]] auto up_port() const -> std::uint16_t;
    [[nodiscard]] auto down_port() const -> std::uint16_t;

    // PUSH_DATA with one rxpk per frame (each frame's own rx_info.gateway_eui is ignored: the
    // datagram carries the simulator's). Waits for the PUSH_ACK with the same token.
    auto push_rxpk(const gateway_bridge::UplinkFrame& frame,
                   Clock::time_point deadline = within(default_timeout)) -> gateway_bridge::Token;
    auto push_rxpks(const std::vector<gateway_bridge::UplinkFrame>& frames,
                    Clock::time_point deadline = within(default_timeout)) -> gateway_bridge::Token;
    // PUSH_DATA with any body, e.g. a `stat` object or deliberately broken JSON; the header is
    // valid, so the server acknowledges it before reading the body. Waits for the PUSH_ACK.
    auto push_data(std::string_view json_body, Clock::time_point deadline = within(default_timeout))
        -> gateway_bridge::Token;

    // PULL_DATA; waits for the PULL_ACK with the same token. PULL_RESPs that arrive meanwhile are
    // kept for receive_pull_resp.
    void pull_data(Clock::time_point deadline = within(default_timeout));

    // The next PULL_RESP on the down socket, decoded as a gateway would; nullopt at the deadline.
    // Throws std::runtime_error for a PULL_RESP that does not decode.
    auto receive_pull_resp(Clock::time_point deadline) -> std::optional<PullResp>;

    // TX_ACK for the PULL_RESP with `token`: no JSON for success (as lora_pkt_fwd v4 does),
    // otherwise {"txpk_ack":{"error":"<error>"}}.
    void send_tx_ack(gateway_bridge::Token token, std::optional<std::string> error = std::nullopt);

    // Any bytes, on either socket, for malformed-datagram tests.
    void send_raw_up(lorawan::ByteView bytes);
    void send_raw_down(lorawan::ByteView bytes);

  private:
    auto next_token() -> gateway_bridge::Token;
    auto header(gateway_bridge::PacketType type, gateway_bridge::Token token) const
        -> lorawan::Bytes;
    void wait_for_ack(const UdpSocket& socket, gateway_bridge::PacketType type,
                      gateway_bridge::Token token, Clock::time_point deadline);

    lorawan::Eui64 gateway_eui_;
    UdpSocket up_;
    UdpSocket down_;
    std::uint16_t next_token_ = 0x0100;
    std::deque<lorawan::Bytes> pending_pull_resps_;
};

}  // namespace hortillon::test_support
