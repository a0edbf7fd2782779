// Batched datagram I/O on real loopback sockets: recvmmsg into a ReceiveBatch, sendmmsg from an
// AckBatch with one refused destination among good ones.
#include <utility>  // before Asio (Boost 1.74 with g++ 12)

#include <poll.h>
#include <sys/socket.h>

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "gateway-bridge/datagram_batch.hpp"

using namespace hortillon;
using namespace hortillon::gateway_bridge;
namespace asio = boost::asio;
using asio::ip::udp;

namespace {
auto loopback_socket(asio::io_context& io) -> udp::socket {
    udp::socket socket(io, udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    return socket;
}

// Blocks until `socket` has a datagram, at most 5 s: the kernel delivers loopback datagrams
// before sendto returns, so this only guards against a failed send.
auto readable(udp::socket& socket) -> bool {
    pollfd wanted{.fd = socket.native_handle(), .events = POLLIN, .revents = 0};
    return poll(&wanted, 1, 5000) == 1;
}
}  // namespace

TEST_CASE("a receive batch reads every waiting datagram whole, with its sender") {
    asio::io_context io;
    auto server = loopback_socket(io);
    const int on = 1;
    REQUIRE(setsockopt(server.native_handle(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) == 0);
    auto first = loopback_socket(io);
    auto second = loopback_socket(io);
    const std::vector<std::uint8_t> small{0x02, 0x12, 0x34, 0x00};
    const std::vector<std::uint8_t> largest(ReceiveBatch::max_datagram_size - 28, 0x5a);  // IPv4
    first.send_to(asio::buffer(small), server.local_endpoint());
    second.send_to(asio::buffer(largest), server.local_endpoint());
    first.send_to(asio::buffer(small.data(), 1), server.local_endpoint());
    REQUIRE(readable(server));

    ReceiveBatch batch;
    const auto received = batch.receive(server.native_handle());
    REQUIRE(received);
    REQUIRE(*received == 3);
    CHECK(std::vector<std::uint8_t>(batch.bytes(0).begin(), batch.bytes(0).end()) == small);
    CHECK(batch.sender(0) == first.local_endpoint());
    CHECK(batch.bytes(1).size() == largest.size());  // not truncated
    CHECK(batch.bytes(1)[largest.size() - 1] == 0x5a);
    CHECK(batch.sender(1) == second.local_endpoint());
    CHECK(batch.bytes(2).size() == 1);
    CHECK(batch.kernel_time(2).has_value());
    // Nothing left: none waiting, not a failure.
    const auto again = batch.receive(server.native_handle());
    REQUIRE(again);
    CHECK(*again == 0);
}

TEST_CASE("an ack batch sends the acks around one the kernel refuses, and reports that one") {
    asio::io_context io;
    auto server = loopback_socket(io);
    auto gateway = loopback_socket(io);
    AckBatch acks;
    CHECK(acks.empty());
    acks.add(Ack{0x02, 0x00, 0x01, 0x01}, gateway.local_endpoint(), PacketType::push_data);
    // Port 0 is no destination: sendmmsg stops there with EINVAL.
    const udp::endpoint nowhere(asio::ip::make_address("127.0.0.1"), 0);
    acks.add(Ack{0x02, 0x00, 0x02, 0x04}, nowhere, PacketType::pull_data);
    acks.add(Ack{0x02, 0x00, 0x03, 0x01}, gateway.local_endpoint(), PacketType::push_data);

    const auto failures = acks.send(server.native_handle());
    REQUIRE(failures.size() == 1);
    CHECK(failures[0].destination == nowhere);
    CHECK(failures[0].acked == PacketType::pull_data);
    CHECK(failures[0].error != 0);
    CHECK(acks.empty());

    std::array<std::uint8_t, 16> buffer{};
    for (const std::uint8_t token : {0x01, 0x03}) {
        REQUIRE(readable(gateway));
        const auto size = gateway.receive(asio::buffer(buffer));
        CHECK(size == 4);
        CHECK(buffer[2] == token);
    }
}
