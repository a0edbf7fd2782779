#include "app-server/tcp_no_delay.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <charconv>
#include <filesystem>
#include <string>
#include <system_error>

namespace hortillon::app_server {

namespace {
auto is_tcp(int fd) -> bool {
    int type = 0;
    socklen_t length = sizeof type;
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) != 0 || type != SOCK_STREAM)
        return false;
    int protocol = 0;
    length = sizeof protocol;
    return getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &protocol, &length) == 0 &&
           protocol == IPPROTO_TCP;
}

auto peer_port(int fd) -> std::uint16_t {
    sockaddr_storage peer{};
    socklen_t length = sizeof peer;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &length) != 0)
        return 0;
    if (peer.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in&>(peer).sin_port);
    if (peer.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6&>(peer).sin6_port);
    return 0;
}
}  // namespace

auto disable_nagle_towards(std::uint16_t broker_port) -> NagleChange {
    NagleChange result;
    std::error_code error;
    // Stepped with error codes: the range-for form throws when an entry cannot be read.
    for (std::filesystem::directory_iterator entry("/proc/self/fd", error), end;
         !error && entry != end; entry.increment(error)) {
        const std::string name = entry->path().filename().string();
        int fd = -1;
        if (std::from_chars(name.data(), name.data() + name.size(), fd).ec != std::errc{})
            continue;
        if (!is_tcp(fd) || peer_port(fd) != broker_port)
            continue;
        ++result.sockets;
        int on = 0;
        socklen_t length = sizeof on;
        if (getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, &length) == 0 && on != 0)
            continue;
        on = 1;
        if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) == 0)
            ++result.changed;
    }
    return result;
}

auto broker_port(std::string_view uri) -> std::optional<std::uint16_t> {
    const auto scheme_end = uri.find("://");
    if (scheme_end == std::string_view::npos)
        return std::nullopt;
    const std::string_view scheme = uri.substr(0, scheme_end);
    std::string_view rest = uri.substr(scheme_end + 3);
    rest = rest.substr(0, rest.find('/'));
    const auto host_end = rest.starts_with('[') ? rest.find(']') : 0;
    if (host_end == std::string_view::npos)
        return std::nullopt;
    const auto colon = rest.find(':', host_end);
    if (colon == std::string_view::npos) {
        if (scheme == "tcp" || scheme == "mqtt")
            return 1883;
        if (scheme == "ssl" || scheme == "mqtts")
            return 8883;
        if (scheme == "ws")
            return 80;
        if (scheme == "wss")
            return 443;
        return std::nullopt;
    }
    const std::string_view digits = rest.substr(colon + 1);
    std::uint16_t port = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (error != std::errc{} || end != digits.data() + digits.size() || port == 0)
        return std::nullopt;
    return port;
}

}  // namespace hortillon::app_server
