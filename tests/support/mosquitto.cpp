#include "mosquitto.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace hortillon::test_support {

namespace {
using namespace std::chrono_literals;

auto loopback(std::uint16_t port) -> sockaddr_in {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

// The kernel's ephemeral range, from which it picks the local ports of client sockets.
struct PortRange {
    unsigned first = 32'768;
    unsigned last = 60'999;
};
auto ephemeral_ports() -> PortRange {
    std::ifstream file("/proc/sys/net/ipv4/ip_local_port_range");
    PortRange range;
    if (!(file >> range.first >> range.last) || range.first > range.last || range.last > 65'535)
        return PortRange{};
    return range;
}

auto can_bind(std::uint16_t port) -> bool {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    sockaddr_in address = loopback(port);
    const bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return bound;
}

// A free port outside the ephemeral range (below it, or above it when there is no room below),
// picked at random. Not one the kernel hands out: while the broker is stopped between stop() and
// start(), a client socket of a test running beside this one could take such a port as its own
// local port, and a connect to a port in that range can even meet itself (a TCP self-connect),
// which looks like a broker that accepts. Another test's broker may still pick the same port in
// that time, about once in 10,000 picks.
auto free_port() -> std::uint16_t {
    if (::sodium_init() < 0)
        throw std::runtime_error("mosquitto: libsodium did not initialise");
    const PortRange ephemeral = ephemeral_ports();
    // Up to 10,000 ports below the range, or else above it.
    PortRange pick{.first = std::max(1'024U, ephemeral.first - std::min(ephemeral.first, 10'000U)),
                   .last = ephemeral.first - 1};
    if (ephemeral.first < 2'024)
        pick = PortRange{.first = ephemeral.last + 1, .last = 65'535};
    if (pick.first > pick.last || pick.last - pick.first < 999)
        throw std::runtime_error("mosquitto: no room for test ports outside the ephemeral range " +
                                 std::to_string(ephemeral.first) + "-" +
                                 std::to_string(ephemeral.last) +
                                 " (/proc/sys/net/ipv4/ip_local_port_range)");
    for (int attempt = 0; attempt < 100; ++attempt) {
        const auto port = static_cast<std::uint16_t>(
            pick.first + ::randombytes_uniform(pick.last - pick.first + 1));
        if (can_bind(port))
            return port;
    }
    throw std::runtime_error("mosquitto: no free port in " + std::to_string(pick.first) + "-" +
                             std::to_string(pick.last));
}

auto accepts_connections(std::uint16_t port) -> bool {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    sockaddr_in address = loopback(port);
    const bool connected =
        ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return connected;
}

// Waits up to `limit` for the child to exit; true when it did.
auto reaped(pid_t pid, std::chrono::milliseconds limit) -> bool {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (::waitpid(pid, nullptr, WNOHANG) == pid)
            return true;
        std::this_thread::sleep_for(10ms);
    }
    return false;
}
}  // namespace

Mosquitto::Mosquitto(const MosquittoOptions& options) {
    std::string pattern = (std::filesystem::temp_directory_path() / "mosquitto-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
        throw std::runtime_error("mosquitto: no temporary folder");
    folder_ = pattern;
    // Readable by the unprivileged user mosquitto switches to.
    std::filesystem::permissions(
        folder_, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                     std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                     std::filesystem::perms::others_exec);
    port_ = free_port();
    std::ofstream config(folder_ / "mosquitto.conf");
    config << "listener " << port_ << " 127.0.0.1\n"
           << options.listener_settings << "allow_anonymous "
           << (options.allow_anonymous ? "true" : "false") << "\n"
           << "persistence false\nlog_dest stderr\nmax_queued_messages 0\n";
    if (!options.password_file.empty())
        config << "password_file " << options.password_file.string() << '\n';
    if (!options.acl_file.empty())
        config << "acl_file " << options.acl_file.string() << '\n';
    config.close();
    start();
}

Mosquitto::~Mosquitto() {
    stop();
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
}

auto Mosquitto::uri() const -> std::string {
    return "tcp://127.0.0.1:" + std::to_string(port_);
}

void Mosquitto::start() {
    if (pid_ > 0)
        return;
    const std::string config = (folder_ / "mosquitto.conf").string();
    const bool show_log = std::getenv("HORTILLON_MOSQUITTO_LOG") != nullptr;
    pid_ = ::fork();
    if (pid_ < 0)
        throw std::runtime_error("mosquitto: fork failed");
    if (pid_ == 0) {
        if (!show_log) {
            const int null = ::open("/dev/null", O_WRONLY);
            ::dup2(null, STDOUT_FILENO);
            ::dup2(null, STDERR_FILENO);
        }
        ::execlp("mosquitto", "mosquitto", "-c", config.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!accepts_connections(port_)) {
        if (::waitpid(pid_, nullptr, WNOHANG) == pid_ ||
            std::chrono::steady_clock::now() > deadline) {
            stop();
            throw std::runtime_error("mosquitto did not start on port " + std::to_string(port_));
        }
        std::this_thread::sleep_for(10ms);
    }
}

void Mosquitto::pause() {
    if (pid_ > 0)
        ::kill(pid_, SIGSTOP);
}

void Mosquitto::resume() {
    if (pid_ > 0)
        ::kill(pid_, SIGCONT);
}

void Mosquitto::kill() {
    if (pid_ <= 0)
        return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

void Mosquitto::stop() {
    if (pid_ <= 0)
        return;
    ::kill(pid_, SIGCONT);  // a paused broker would not act on SIGTERM until resumed
    ::kill(pid_, SIGTERM);
    if (!reaped(pid_, 5s)) {
        kill();
        return;
    }
    pid_ = -1;
}

}  // namespace hortillon::test_support
