#pragma once
// One simulated Semtech UDP packet forwarder: two UDP sockets connect()ed to the server, as
// lora_pkt_fwd makes them, and a concentrator counter (`tmst`) of its own.
//
//   up socket    PUSH_DATA ->   <- PUSH_ACK
//   down socket  PULL_DATA ->   <- PULL_ACK   <- PULL_RESP   TX_ACK ->
//
// Sending may happen on one thread while another receives: the sockets are non-blocking and
// the token counters are atomic.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "gateway-bridge/datagram.hpp"
#include "gateway-bridge/gateway_timestamp.hpp"
#include "lorawan/bytes.hpp"
#include "lorawan/identifiers.hpp"

namespace hortillon::bench {

using Clock = std::chrono::steady_clock;

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

// A non-blocking UDP socket connect()ed to `host:port` (an IPv4 or IPv6 literal). Throws
// std::runtime_error with the reason when that fails.
auto connect_udp(std::string_view host, std::uint16_t port) -> UdpSocket;

class UdpGateway {
  public:
    // `clock_origin` and `tmst_offset` set the counter: tmst(t) = (t - origin) in us + offset.
    UdpGateway(lorawan::Eui64 eui, std::string_view server_host, std::uint16_t server_port,
               Clock::time_point clock_origin, std::uint32_t tmst_offset);

    [[nodiscard]] auto eui() const -> lorawan::Eui64 { return eui_; }
    [[nodiscard]] auto tmst_at(Clock::time_point when) const -> gateway_bridge::GatewayTimestamp;

    // PUSH_DATA with `json_body` ({"rxpk":[...]}). Returns false when the kernel refused it.
    auto push_data(std::string_view json_body) -> bool;
    void pull_data();
    // TX_ACK for a PULL_RESP: success without JSON, as lora_pkt_fwd v4 sends it, or an error
    // such as "TOO_LATE".
    void tx_ack(gateway_bridge::Token token, std::optional<std::string_view> error);

    // The next datagram waiting on either socket, without blocking.
    auto receive_up(lorawan::Bytes& buffer) -> bool;
    auto receive_down(lorawan::Bytes& buffer) -> bool;
    [[nodiscard]] auto up_descriptor() const -> int { return up_.descriptor(); }
    [[nodiscard]] auto down_descriptor() const -> int { return down_.descriptor(); }

  private:
    auto header(gateway_bridge::PacketType type, std::uint16_t token) const -> lorawan::Bytes;

    lorawan::Eui64 eui_;
    UdpSocket up_;
    UdpSocket down_;
    Clock::time_point clock_origin_;
    std::uint32_t tmst_offset_;
    std::atomic<std::uint16_t> next_up_token_{0};
    std::atomic<std::uint16_t> next_down_token_{0x8000};
};

}  // namespace hortillon::bench
