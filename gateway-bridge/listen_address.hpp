#pragma once
// Where the UDP server listens: "HOST:PORT" with a literal host, as configuration files give it.
//
//   "0.0.0.0:1700"   every IPv4 interface        "[::]:1700"   every interface (dual stack)
//   "127.0.0.1:0"    loopback, any free port     "[::1]:0"     IPv6 loopback, any free port

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hortillon::gateway_bridge {

struct ListenAddress {
    std::string host;  // an IPv4 or IPv6 literal, without the brackets
    std::uint16_t port = 0;

    auto operator==(const ListenAddress&) const -> bool = default;
};

// Splits and checks the forms above. IPv6 hosts need their brackets (a bare "::1:1700" is
// ambiguous); host names are refused rather than resolved, so that the server never depends on
// DNS at start-up. nullopt for anything else, including an empty host or a port over 65535.
auto parse_listen_address(std::string_view text) -> std::optional<ListenAddress>;

}  // namespace hortillon::gateway_bridge
