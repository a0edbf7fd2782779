#include "support/gateway_simulator.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "gateway-bridge/base64.hpp"
#include "gateway-bridge/modulation.hpp"
#include "gateway-bridge/pull_resp.hpp"
#include "gateway-bridge/utc_time.hpp"

namespace hortillon::test_support {

using gateway_bridge::PacketType;
using gateway_bridge::Token;
using lorawan::Bytes;
using lorawan::ByteView;

namespace {

constexpr std::size_t max_datagram_size = 65'535;

[[noreturn]] void fail_with_errno(const std::string& what) {
    throw std::runtime_error("gateway simulator: " + what + ": " + std::strerror(errno));
}

// A UDP socket connect()ed to the server, as lora_pkt_fwd makes its sock_up and sock_down.
auto connect_to(std::string_view host, std::uint16_t port) -> UdpSocket {
    addrinfo hints{};
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    auto service = std::to_string(port);
    if (getaddrinfo(std::string(host).c_str(), service.c_str(), &hints, &found) != 0)
        throw std::runtime_error("gateway simulator: not an address literal: " + std::string(host));
    auto socket = UdpSocket(::socket(found->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    auto connected = socket.descriptor() >= 0 &&
                     ::connect(socket.descriptor(), found->ai_addr, found->ai_addrlen) == 0;
    freeaddrinfo(found);
    if (!connected)
        fail_with_errno("cannot connect a UDP socket to " + std::string(host));
    return socket;
}

auto local_port(const UdpSocket& socket) -> std::uint16_t {
    sockaddr_storage address{};
    socklen_t size = sizeof address;
    if (getsockname(socket.descriptor(), reinterpret_cast<sockaddr*>(&address), &size) != 0)
        fail_with_errno("getsockname");
    char port[NI_MAXSERV];
    getnameinfo(reinterpret_cast<sockaddr*>(&address), size, nullptr, 0, port, sizeof port,
                NI_NUMERICSERV);
    return static_cast<std::uint16_t>(std::stoi(port));
}

void send_bytes(const UdpSocket& socket, ByteView bytes) {
    if (::send(socket.descriptor(), bytes.data(), bytes.size(), 0) < 0)
        fail_with_errno("send");
}

// The next datagram on `socket`, or nullopt once `deadline` has passed.
auto receive_until(const UdpSocket& socket, Clock::time_point deadline) -> std::optional<Bytes> {
    for (;;) {
        auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
        pollfd ready{socket.descriptor(), POLLIN, 0};
        auto events = ::poll(&ready, 1, static_cast<int>(std::max<long>(left.count(), 0)));
        if (events < 0 && errno == EINTR)
            continue;
        if (events < 0)
            fail_with_errno("poll");
        if (events == 0)
            return std::nullopt;
        Bytes datagram(max_datagram_size);
        auto size = ::recv(socket.descriptor(), datagram.data(), datagram.size(), 0);
        // A connected UDP socket reports an ICMP "port unreachable" here: nobody listens.
        if (size < 0 && errno == ECONNREFUSED)
            throw std::runtime_error("gateway simulator: the server port is closed");
        if (size < 0)
            fail_with_errno("recv");
        datagram.resize(static_cast<std::size_t>(size));
        return datagram;
    }
}

// nlohmann prints doubles in their shortest form (868.1); lora_pkt_fwd prints `freq` with %.6lf.
// The number is therefore written as a placeholder string and spliced in afterwards.
constexpr std::string_view freq_placeholder = "\"@freq@\"";

auto frequency_text(std::uint32_t frequency_hz) -> std::string {
    std::array<char, 32> text{};
    std::snprintf(text.data(), text.size(), "%.6f", frequency_hz / 1e6);
    return text.data();
}

void add_modulation(nlohmann::ordered_json& rxpk, const gateway_bridge::Modulation& modulation) {
    rxpk["modu"] = gateway_bridge::modu_text(modulation);
    if (const auto* fsk = std::get_if<gateway_bridge::FskModulation>(&modulation)) {
        rxpk["datr"] = fsk->bit_rate;  // FSK's datr is a number
        return;
    }
    rxpk["datr"] = gateway_bridge::data_rate_text(modulation);
    if (const auto* lora = std::get_if<gateway_bridge::LoraModulation>(&modulation))
        rxpk["codr"] =
            gateway_bridge::to_string(lora->code_rate.value_or(gateway_bridge::CodeRate::cr_4_5));
}

}  // namespace

UdpSocket::UdpSocket(UdpSocket&& other) noexcept
    : descriptor_(std::exchange(other.descriptor_, -1)) {}

auto UdpSocket::operator=(UdpSocket&& other) noexcept -> UdpSocket& {
    if (this != &other) {
        if (descriptor_ >= 0)
            ::close(descriptor_);
        descriptor_ = std::exchange(other.descriptor_, -1);
    }
    return *this;
}

UdpSocket::~UdpSocket() {
    if (descriptor_ >= 0)
        ::close(descriptor_);
}

auto rxpk_json(const gateway_bridge::UplinkFrame& frame) -> std::string {
    const auto& rx = frame.rx_info;
    nlohmann::ordered_json rxpk;
    if (rx.time)
        rxpk["time"] = gateway_bridge::format_compact_time(*rx.time);
    rxpk["tmst"] = rx.tmst.value;
    rxpk["freq"] = "@freq@";
    rxpk["chan"] = rx.channel;
    rxpk["rfch"] = rx.rf_chain;
    rxpk["stat"] = static_cast<int>(rx.crc_status);
    add_modulation(rxpk, frame.tx_info.modulation);
    rxpk["rssi"] = rx.rssi;
    if (rx.lsnr)
        rxpk["lsnr"] = *rx.lsnr;
    rxpk["size"] = frame.phy_payload.size();
    rxpk["data"] = gateway_bridge::encode_base64(frame.phy_payload);
    auto text = rxpk.dump();
    text.replace(text.find(freq_placeholder), freq_placeholder.size(),
                 frequency_text(frame.tx_info.frequency_hz));
    return text;
}

GatewaySimulator::GatewaySimulator(lorawan::Eui64 gateway_eui, std::string_view server_host,
                                   std::uint16_t server_port)
    : gateway_eui_(gateway_eui),
      up_(connect_to(server_host, server_port)),
      down_(connect_to(server_host, server_port)) {}

auto GatewaySimulator::up_port() const -> std::uint16_t {
    return local_port(up_);
}

auto GatewaySimulator::down_port() const -> std::uint16_t {
    return local_port(down_);
}

auto GatewaySimulator::push_rxpk(const gateway_bridge::UplinkFrame& frame,
                                 Clock::time_point deadline) -> Token {
    return push_rxpks({frame}, deadline);
}

auto GatewaySimulator::push_rxpks(const std::vector<gateway_bridge::UplinkFrame>& frames,
                                  Clock::time_point deadline) -> Token {
    std::string body = R"({"rxpk":[)";
    for (const auto& frame : frames) {
        if (body.back() != '[')
            body += ',';
        body += rxpk_json(frame);
    }
    return push_data(body + "]}", deadline);
}

auto GatewaySimulator::push_data(std::string_view json_body, Clock::time_point deadline) -> Token {
    auto token = next_token();
    auto datagram = header(PacketType::push_data, token);
    datagram.insert(datagram.end(), json_body.begin(), json_body.end());
    send_bytes(up_, datagram);
    wait_for_ack(up_, PacketType::push_ack, token, deadline);
    return token;
}

void GatewaySimulator::pull_data(Clock::time_point deadline) {
    auto token = next_token();
    send_bytes(down_, header(PacketType::pull_data, token));
    wait_for_ack(down_, PacketType::pull_ack, token, deadline);
}

auto GatewaySimulator::receive_pull_resp(Clock::time_point deadline) -> std::optional<PullResp> {
    for (;;) {
        std::optional<Bytes> bytes;
        if (!pending_pull_resps_.empty()) {
            bytes = std::move(pending_pull_resps_.front());
            pending_pull_resps_.pop_front();
        } else {
            bytes = receive_until(down_, deadline);
        }
        if (!bytes)
            return std::nullopt;
        auto datagram = gateway_bridge::decode_datagram(*bytes);
        if (!datagram || datagram->type != PacketType::pull_resp)
            continue;  // a late PULL_ACK: not what this wait is about
        auto frame = gateway_bridge::decode_pull_resp(*datagram);
        if (!frame)
            throw std::runtime_error("gateway simulator: PULL_RESP does not decode: " +
                                     std::string(gateway_bridge::describe(frame.error())));
        return PullResp{datagram->token, std::move(*frame)};
    }
}

void GatewaySimulator::send_tx_ack(Token token, std::optional<std::string> error) {
    auto datagram = header(PacketType::tx_ack, token);
    if (error) {
        auto body = nlohmann::json{{"txpk_ack", {{"error", *error}}}}.dump();
        datagram.insert(datagram.end(), body.begin(), body.end());
    }
    send_bytes(down_, datagram);
}

void GatewaySimulator::send_raw_up(ByteView bytes) {
    send_bytes(up_, bytes);
}

void GatewaySimulator::send_raw_down(ByteView bytes) {
    send_bytes(down_, bytes);
}

auto GatewaySimulator::next_token() -> Token {
    // Sequential rather than random, like a replayable script; the server must only echo it.
    auto value = next_token_++;
    return Token{{static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)}};
}

auto GatewaySimulator::header(PacketType type, Token token) const -> Bytes {
    // Only gateway-to-server types are sent here, and all of them carry the EUI.
    Bytes datagram{gateway_bridge::protocol_version, token.bytes[0], token.bytes[1],
                   static_cast<std::uint8_t>(type)};
    auto eui = gateway_eui_.to_be_bytes();
    datagram.insert(datagram.end(), eui.begin(), eui.end());
    return datagram;
}

void GatewaySimulator::wait_for_ack(const UdpSocket& socket, PacketType type, Token token,
                                    Clock::time_point deadline) {
    while (auto bytes = receive_until(socket, deadline)) {
        auto datagram = gateway_bridge::decode_datagram(*bytes);
        if (!datagram)
            continue;
        if (datagram->type == type && datagram->token == token)
            return;
        if (datagram->type == PacketType::pull_resp)
            pending_pull_resps_.push_back(std::move(*bytes));
        // Anything else is a stale ack (e.g. of a deliberately broken datagram): skip it.
    }
    throw SimulatorTimeout("gateway simulator " + gateway_eui_.to_string() + ": no " +
                           std::string(gateway_bridge::to_string(type)) + " for token " +
                           token.to_string() + " before the deadline");
}

}  // namespace hortillon::test_support
