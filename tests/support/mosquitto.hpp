#pragma once
// A real mosquitto broker for tests, on a free loopback port: started in the constructor,
// stopped (by its PID) in the destructor. stop() and start() restart it on the same port, to
// test what a client does while its broker is away. Throws std::runtime_error when it cannot
// start within a few seconds.
//
// Its config sits in a temporary folder readable by the `mosquitto` user (mosquitto started as
// root drops to that user); persistence is off and it logs to stderr, which is discarded unless
// HORTILLON_MOSQUITTO_LOG is set in the environment.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace hortillon::test_support {

class Mosquitto {
  public:
    Mosquitto();
    Mosquitto(const Mosquitto&) = delete;
    auto operator=(const Mosquitto&) -> Mosquitto& = delete;
    ~Mosquitto();

    [[nodiscard]] auto port() const -> std::uint16_t { return port_; }
    // "tcp://127.0.0.1:PORT"
    [[nodiscard]] auto uri() const -> std::string;

    // Stops the broker (SIGTERM, then SIGKILL after 5 s) and waits for it to exit.
    void stop();
    // Starts it again on the same port and waits until it accepts connections.
    void start();
    [[nodiscard]] auto running() const -> bool { return pid_ > 0; }

  private:
    std::filesystem::path folder_;
    std::uint16_t port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace hortillon::test_support
