#include "bench/load/udp_probe.hpp"

#include <poll.h>

#include <stdexcept>
#include <thread>

#include "bench/load/udp_gateway.hpp"

namespace hortillon::bench {

auto wait_for_pull_ack(std::string_view host, std::uint16_t port, lorawan::Eui64 gateway,
                       std::chrono::milliseconds timeout) -> bool {
    constexpr int retry_ms = 20;
    const auto deadline = Clock::now() + timeout;
    lorawan::Bytes buffer;
    while (Clock::now() < deadline) {
        const auto attempt = Clock::now();
        UdpGateway probe(gateway, host, port, Clock::now(), 0);
        probe.pull_data();
        pollfd ready{probe.down_descriptor(), POLLIN, 0};
        if (::poll(&ready, 1, retry_ms) <= 0)
            continue;
        try {
            while (probe.receive_down(buffer)) {
                if (buffer.size() == 4 &&
                    buffer[3] == static_cast<int>(gateway_bridge::PacketType::pull_ack))
                    return true;
            }
        } catch (const std::runtime_error&) {
            // Port closed: the server is not listening yet. Try again until the deadline.
        }
        std::this_thread::sleep_until(attempt + std::chrono::milliseconds{retry_ms});
    }
    return false;
}

}  // namespace hortillon::bench
