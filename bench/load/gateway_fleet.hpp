#pragma once
// G simulated gateways and the thread that answers for them. The scenario's thread queues
// receptions (rxpk objects) and flushes them as PUSH_DATA, up to 8 rxpk per datagram as
// lora_pkt_fwd batches them (NB_PKT_MAX). The fleet's own thread reads every socket:
//
//   PUSH_ACK   counted (a missing ack is a datagram the server never read)
//   PULL_ACK   counted
//   PULL_RESP  decoded as a gateway would, judged by DownlinkExpectations, answered with TX_ACK;
//              shown to the observer (the devices' side) unless the gateway refused it
//   every 5 s  PULL_DATA keepalive from each gateway, as lora_pkt_fwd's keepalive_interval

#include <poll.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "bench/load/downlink_expectations.hpp"
#include "bench/load/udp_gateway.hpp"

namespace hortillon::bench {

// How one gateway heard one frame.
struct Reception {
    std::size_t gateway = 0;
    gateway_bridge::GatewayTimestamp tmst;
    std::int32_t rssi = -80;
    double lsnr = 7.5;
    std::uint32_t frequency_hz = 868'100'000;
    std::uint8_t channel = 0;
};

// The rxpk object, keys and number formats as lora_pkt_fwd prints them (LoRa, SF7BW125, 4/5).
auto rxpk_text(const Reception& reception, lorawan::ByteView phy_payload) -> std::string;

struct FleetCounters {
    std::atomic<std::uint64_t> push_data_sent{0};
    std::atomic<std::uint64_t> push_data_refused{0};  // the kernel's send buffer was full
    std::atomic<std::uint64_t> push_ack{0};
    std::atomic<std::uint64_t> pull_ack{0};
    std::atomic<std::uint64_t> pull_resp{0};
    std::atomic<std::uint64_t> bad_pull_resp{0};  // did not decode as a gateway decodes it
};

// Sees the PHYPayload of every PULL_RESP the gateways transmit, on the fleet's receiving thread.
using DownlinkObserver = std::function<void(lorawan::ByteView phy_payload)>;

class GatewayFleet {
  public:
    // Gateway i has EUI `first_eui + i`. Throws std::runtime_error if a socket cannot be made.
    GatewayFleet(std::size_t count, lorawan::Eui64 first_eui, std::string_view server_host,
                 std::uint16_t server_port, DownlinkExpectations& expectations,
                 DownlinkObserver observer = {});
    GatewayFleet(const GatewayFleet&) = delete;
    auto operator=(const GatewayFleet&) -> GatewayFleet& = delete;
    ~GatewayFleet();

    [[nodiscard]] auto size() const -> std::size_t { return gateways_.size(); }
    [[nodiscard]] auto gateway(std::size_t index) const -> const UdpGateway& {
        return *gateways_[index];
    }
    [[nodiscard]] auto counters() -> FleetCounters& { return counters_; }
    // The first socket error the receiving thread met ("the server's UDP port is closed"), if
    // any; it goes on receiving after one.
    [[nodiscard]] auto receive_error() const -> std::optional<std::string>;
    // ": <that error>" for a message, or "" when there was none.
    [[nodiscard]] auto receive_error_suffix() const -> std::string;

    // Sends PULL_DATA from every gateway until each has its PULL_ACK; false at the deadline.
    auto announce(Clock::time_point deadline) -> bool;

    // Scenario thread only: adds an rxpk to the gateway's next PUSH_DATA; sends it when full.
    void queue(std::size_t gateway, std::string rxpk);
    // Scenario thread only: sends every partly filled PUSH_DATA.
    void flush();

  private:
    void receive_loop(const std::stop_token& stop);
    // Reads every datagram waiting on the sockets `poll` found readable or in error:
    // sockets[2 * i] is gateway i's up socket, sockets[2 * i + 1] its down socket. Throws
    // std::runtime_error on socket errors.
    void receive_ready(std::span<const pollfd> sockets, lorawan::Bytes& buffer);
    void handle_down(std::size_t index, lorawan::ByteView datagram);
    void send_batch(std::size_t index);

    std::vector<std::unique_ptr<UdpGateway>> gateways_;
    std::vector<std::vector<std::string>> batches_;
    DownlinkExpectations& expectations_;
    DownlinkObserver observer_;
    FleetCounters counters_;
    mutable std::mutex error_mutex_;
    std::optional<std::string> receive_error_;
    std::jthread receiver_;
};

}  // namespace hortillon::bench
