// Nagle's algorithm off on the connection to the broker: the URI's port, and the sockets found.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include "app-server/tcp_no_delay.hpp"
#include "mosquitto.hpp"

using namespace hortillon::app_server;

namespace {
// A plain TCP connection to 127.0.0.1:port, closed by the destructor.
class Connection {
  public:
    explicit Connection(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        REQUIRE(fd_ >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    }
    Connection(const Connection&) = delete;
    auto operator=(const Connection&) -> Connection& = delete;
    ~Connection() { ::close(fd_); }

    [[nodiscard]] auto no_delay() const -> bool {
        int on = 0;
        socklen_t length = sizeof on;
        REQUIRE(::getsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &on, &length) == 0);
        return on != 0;
    }

  private:
    int fd_;
};
}  // namespace

TEST_CASE("a broker URI's port is the one given, else its scheme's") {
    CHECK(broker_port("tcp://127.0.0.1:1884") == 1884);
    CHECK(broker_port("ssl://mqtt.example.org:8884/") == 8884);
    CHECK(broker_port("tcp://[::1]:1885") == 1885);
    CHECK(broker_port("tcp://localhost") == 1883);
    CHECK(broker_port("mqtts://[::1]") == 8883);
    CHECK(broker_port("ws://broker/mqtt") == 80);
    CHECK_FALSE(broker_port("localhost:1883"));
    CHECK_FALSE(broker_port("tcp://host:port"));
    CHECK_FALSE(broker_port("tcp://host:0"));
    CHECK_FALSE(broker_port("tcp://host:70000"));
    CHECK_FALSE(broker_port("tcp://[::1"));
    CHECK_FALSE(broker_port("unix://socket"));
}

TEST_CASE("connections to the broker's port get TCP_NODELAY, others keep their setting") {
    hortillon::test_support::Mosquitto broker;
    hortillon::test_support::Mosquitto other;
    Connection to_broker(broker.port());
    Connection elsewhere(other.port());
    REQUIRE_FALSE(to_broker.no_delay());  // the kernel's default
    const auto first = disable_nagle_towards(broker.port());
    CHECK(first.sockets == 1);
    CHECK(first.changed == 1);
    CHECK(to_broker.no_delay());
    CHECK_FALSE(elsewhere.no_delay());
    const auto again = disable_nagle_towards(broker.port());
    CHECK(again.sockets == 1);
    CHECK(again.changed == 0);  // already off
}
