#include "gateway-bridge/listen_address.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <charconv>

namespace hortillon::gateway_bridge {

namespace {

auto parse_port(std::string_view text) -> std::optional<std::uint16_t> {
    std::uint16_t port = 0;
    auto end = text.data() + text.size();
    // from_chars accepts no sign or space, and reports overflow past 65535.
    auto [stop, error] = std::from_chars(text.data(), end, port);
    if (text.empty() || error != std::errc{} || stop != end)
        return std::nullopt;
    return port;
}

auto is_literal(const std::string& host, int family) -> bool {
    in6_addr storage{};  // large enough for either family
    return inet_pton(family, host.c_str(), &storage) == 1;
}

}  // namespace

auto parse_listen_address(std::string_view text) -> std::optional<ListenAddress> {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos)
        return std::nullopt;
    auto host = text.substr(0, colon);
    auto port = parse_port(text.substr(colon + 1));
    if (!port)
        return std::nullopt;
    auto bracketed = host.size() >= 2 && host.front() == '[' && host.back() == ']';
    if (bracketed) {
        auto inner = std::string(host.substr(1, host.size() - 2));
        if (!is_literal(inner, AF_INET6))
            return std::nullopt;
        return ListenAddress{inner, *port};
    }
    auto plain = std::string(host);
    if (!is_literal(plain, AF_INET))
        return std::nullopt;
    return ListenAddress{plain, *port};
}

}  // namespace hortillon::gateway_bridge
