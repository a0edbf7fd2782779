#pragma once
// Datagrams read and acks sent a batch per system call (recvmmsg, sendmmsg) instead of one call
// each: at 12,000 uplinks/s heard by three gateways the server reads 36,000 datagrams and sends
// as many acks a second. Included by udp_server.cpp only (it brings in Asio).

#include <utility>  // before Asio: Boost 1.74 uses std::exchange without including it

#include <sys/socket.h>

#include <array>
#include <boost/asio/ip/udp.hpp>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <memory>
#include <optional>
#include <system_error>
#include <vector>

#include "gateway-bridge/datagram.hpp"
#include "lorawan/bytes.hpp"
#include "lorawan/result.hpp"

namespace hortillon::gateway_bridge {

// Up to `capacity` datagrams of any size (never truncated), each with its sender and kernel
// receive time (SO_TIMESTAMPNS).
class ReceiveBatch {
  public:
    static constexpr std::size_t capacity = 16;
    static constexpr std::size_t max_datagram_size = 65'535;  // the largest UDP payload

    ReceiveBatch();
    ReceiveBatch(const ReceiveBatch&) = delete;  // the headers point into its own arrays
    auto operator=(const ReceiveBatch&) -> ReceiveBatch& = delete;

    // Reads what the socket holds, up to `capacity`, without blocking: how many were read
    // (0: none waiting), or why the read failed.
    auto receive(int descriptor) -> Result<std::size_t, std::error_code>;

    [[nodiscard]] auto bytes(std::size_t index) const -> lorawan::ByteView;
    [[nodiscard]] auto sender(std::size_t index) const -> const boost::asio::ip::udp::endpoint& {
        return senders_[index];
    }
    [[nodiscard]] auto kernel_time(std::size_t index) const -> std::optional<timespec>;

  private:
    using Control = std::array<char, CMSG_SPACE(sizeof(timespec))>;

    std::unique_ptr<std::uint8_t[]> storage_;  // capacity x max_datagram_size, touched as used
    std::array<mmsghdr, capacity> headers_{};
    std::array<iovec, capacity> vectors_{};
    std::array<boost::asio::ip::udp::endpoint, capacity> senders_{};
    alignas(cmsghdr) std::array<Control, capacity> controls_{};
};

// Acks (PUSH_ACK, PULL_ACK) collected while a batch is read, then sent together.
class AckBatch {
  public:
    struct Failure {
        boost::asio::ip::udp::endpoint destination;
        PacketType acked;
        int error = 0;  // errno
    };

    void add(const Ack& ack, const boost::asio::ip::udp::endpoint& destination, PacketType acked);
    [[nodiscard]] auto empty() const -> bool { return acks_.empty(); }
    // Sends every ack collected and empties the batch; the ones the kernel refused.
    auto send(int descriptor) -> std::vector<Failure>;

  private:
    struct Entry {
        Ack ack;
        boost::asio::ip::udp::endpoint destination;
        PacketType acked;
    };
    std::vector<Entry> acks_;
    std::vector<mmsghdr> headers_;
    std::vector<iovec> vectors_;
};

}  // namespace hortillon::gateway_bridge
