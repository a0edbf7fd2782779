#pragma once
// `hortillon serve`: every role in one process. The gateway bridge, the network server and the
// store share one io_context thread; the event loop arms one timer from the network server's
// next deadline (deduplication windows, TX_ACK timeouts).

#include <cstdint>
#include <memory>
#include <string>

#include "cli/config.hpp"
#include "lorawan/identifiers.hpp"
#include "lorawan/result.hpp"
#include "network-server/logging_events.hpp"
#include "telemetry/counters.hpp"
#include "telemetry/log.hpp"

namespace hortillon::cli {

struct ServerOptions {
    telemetry::LogLevel log_level = telemetry::LogLevel::info;
    // Accepted uplinks, joins and downlink results, for the application side and for tests.
    network_server::NetworkEventListener listener;
};

class Server {
  public:
    // Opens the store (creating it and the key file on first use) and binds the UDP port.
    // The error says what failed and what to do about it.
    static auto start(const ServerConfig& config, ServerOptions options)
        -> Result<std::unique_ptr<Server>, std::string>;

    Server(const Server&) = delete;
    auto operator=(const Server&) -> Server& = delete;
    ~Server();

    [[nodiscard]] auto udp_port() const -> std::uint16_t;
    [[nodiscard]] auto counters() -> telemetry::Counters&;

    // Runs the event loop on the calling thread until stop(), or SIGINT/SIGTERM when
    // `handle_signals` is set.
    void run(bool handle_signals);
    // Handles the uplinks still in their deduplication window, then ends run(). Any thread; runs
    // on the loop: before run() it makes run() return at once, after run() it does nothing.
    void stop();
    // A downlink was queued for the device (class C devices get it at once). Any thread.
    void notify_downlink_queued(lorawan::Eui64 dev_eui);

  private:
    struct State;
    explicit Server(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace hortillon::cli
