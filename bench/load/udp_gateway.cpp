#include "bench/load/udp_gateway.hpp"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace hortillon::bench {

using gateway_bridge::PacketType;
using lorawan::Bytes;

namespace {
[[noreturn]] void fail_with_errno(const std::string& what) {
    throw std::runtime_error(what + ": " + std::strerror(errno));
}

// Room for a burst of PUSH_DATA at high rates: the kernel default (about 200 KiB) fills while
// the generator's own thread is descheduled on a busy machine.
constexpr int socket_buffer_bytes = 4 * 1024 * 1024;

auto receive_into(const UdpSocket& socket, Bytes& buffer) -> bool {
    buffer.resize(65'535);
    const auto size = ::recv(socket.descriptor(), buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (size < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
            return false;
        // A connected UDP socket reports an ICMP "port unreachable" here: nobody listens.
        if (errno == ECONNREFUSED)
            throw std::runtime_error("the server's UDP port is closed (did the server stop?)");
        fail_with_errno("recv");
    }
    buffer.resize(static_cast<std::size_t>(size));
    return true;
}

auto send_on(const UdpSocket& socket, lorawan::ByteView bytes) -> bool {
    if (::send(socket.descriptor(), bytes.data(), bytes.size(), MSG_DONTWAIT) >= 0)
        return true;
    if (errno == ECONNREFUSED)
        throw std::runtime_error("the server's UDP port is closed (did the server stop?)");
    return false;
}
}  // namespace

UdpSocket::UdpSocket(UdpSocket&& other) noexcept
    : descriptor_(std::exchange(other.descriptor_, -1)) {}

auto UdpSocket::operator=(UdpSocket&& other) noexcept -> UdpSocket& {
    if (this != &other) {
        if (descriptor_ >= 0)
            ::close(descriptor_);
        descriptor_ = std::exchange(other.descriptor_, -1);
    }
    return *this;
}

UdpSocket::~UdpSocket() {
    if (descriptor_ >= 0)
        ::close(descriptor_);
}

auto connect_udp(std::string_view host, std::uint16_t port) -> UdpSocket {
    addrinfo hints{};
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const auto service = std::to_string(port);
    if (getaddrinfo(std::string(host).c_str(), service.c_str(), &hints, &found) != 0)
        throw std::runtime_error("not an IP address literal: " + std::string(host));
    auto socket = UdpSocket(::socket(found->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    const bool connected = socket.descriptor() >= 0 &&
                           ::connect(socket.descriptor(), found->ai_addr, found->ai_addrlen) == 0;
    freeaddrinfo(found);
    if (!connected)
        fail_with_errno("cannot connect a UDP socket to " + std::string(host));
    for (const int option : {SO_RCVBUF, SO_SNDBUF}) {
        // Best effort: the kernel caps it at net.core.[rw]mem_max.
        (void)setsockopt(socket.descriptor(), SOL_SOCKET, option, &socket_buffer_bytes,
                         sizeof socket_buffer_bytes);
    }
    return socket;
}

UdpGateway::UdpGateway(lorawan::Eui64 eui, std::string_view server_host, std::uint16_t server_port,
                       Clock::time_point clock_origin, std::uint32_t tmst_offset)
    : eui_(eui),
      up_(connect_udp(server_host, server_port)),
      down_(connect_udp(server_host, server_port)),
      clock_origin_(clock_origin),
      tmst_offset_(tmst_offset) {}

auto UdpGateway::tmst_at(Clock::time_point when) const -> gateway_bridge::GatewayTimestamp {
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(when - clock_origin_).count();
    // The counter wraps modulo 2^32 like the concentrator's.
    return gateway_bridge::GatewayTimestamp{
        static_cast<std::uint32_t>(static_cast<std::uint64_t>(micros) + tmst_offset_)};
}

auto UdpGateway::push_data(std::string_view json_body) -> bool {
    auto datagram = header(PacketType::push_data, next_up_token_++);
    datagram.insert(datagram.end(), json_body.begin(), json_body.end());
    return send_on(up_, datagram);
}

void UdpGateway::pull_data() {
    (void)send_on(down_, header(PacketType::pull_data, next_down_token_++));
}

void UdpGateway::tx_ack(gateway_bridge::Token token, std::optional<std::string_view> error) {
    Bytes datagram{gateway_bridge::protocol_version, token.bytes[0], token.bytes[1],
                   static_cast<std::uint8_t>(PacketType::tx_ack)};
    const auto eui = eui_.to_be_bytes();
    datagram.insert(datagram.end(), eui.begin(), eui.end());
    if (error) {
        const std::string body = R"({"txpk_ack":{"error":")" + std::string(*error) + "\"}}";
        datagram.insert(datagram.end(), body.begin(), body.end());
    }
    (void)send_on(down_, datagram);
}

auto UdpGateway::receive_up(Bytes& buffer) -> bool {
    return receive_into(up_, buffer);
}

auto UdpGateway::receive_down(Bytes& buffer) -> bool {
    return receive_into(down_, buffer);
}

auto UdpGateway::header(PacketType type, std::uint16_t token) const -> Bytes {
    Bytes datagram{gateway_bridge::protocol_version, static_cast<std::uint8_t>(token >> 8),
                   static_cast<std::uint8_t>(token), static_cast<std::uint8_t>(type)};
    const auto eui = eui_.to_be_bytes();
    datagram.insert(datagram.end(), eui.begin(), eui.end());
    return datagram;
}

}  // namespace hortillon::bench
