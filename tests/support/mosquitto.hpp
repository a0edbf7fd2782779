#pragma once
// A real mosquitto broker for tests, on a free loopback port: started in the constructor,
// stopped (by its PID) in the destructor. stop() and start() restart it on the same port, to
// test what a client does while its broker is away. Throws std::runtime_error when it cannot
// start within a few seconds.
//
// Its config sits in a temporary folder readable by the `mosquitto` user (mosquitto started as
// root drops to that user); persistence is off and it logs to stderr, which is discarded unless
// HORTILLON_MOSQUITTO_LOG is set in the environment. MosquittoOptions add logins, an ACL and
// TLS; the files they name must be readable by the `mosquitto` user too.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace hortillon::test_support {

struct MosquittoOptions {
    bool allow_anonymous = true;
    std::filesystem::path password_file{};  // empty: none
    std::filesystem::path acl_file{};       // empty: none
    // Lines for the listener, e.g. TLS: "cafile ...\ncertfile ...\nkeyfile ...\n".
    std::string listener_settings{};
};

class Mosquitto {
  public:
    explicit Mosquitto(const MosquittoOptions& options = {});
    Mosquitto(const Mosquitto&) = delete;
    auto operator=(const Mosquitto&) -> Mosquitto& = delete;
    ~Mosquitto();

    [[nodiscard]] auto port() const -> std::uint16_t { return port_; }
    // "tcp://127.0.0.1:PORT" (a TLS listener takes "ssl://" instead)
    [[nodiscard]] auto uri() const -> std::string;

    // Stops the broker (SIGTERM, then SIGKILL after 5 s) and waits for it to exit.
    void stop();
    // Kills it (SIGKILL) and waits for it to exit: a paused broker dies without answering what
    // it was sent.
    void kill();
    // Starts it again on the same port and waits until it accepts connections.
    void start();
    [[nodiscard]] auto running() const -> bool { return pid_ > 0; }
    // Freezes the broker (SIGSTOP): connections stay open, nothing is read or answered, until
    // resume() (SIGCONT). The destructor resumes it before stopping it.
    void pause();
    void resume();

  private:
    std::filesystem::path folder_;
    std::uint16_t port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace hortillon::test_support
