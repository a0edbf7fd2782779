#include "bench/load/gateway_fleet.hpp"

#include <poll.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <stdexcept>
#include <utility>

#include "gateway-bridge/base64.hpp"
#include "gateway-bridge/pull_resp.hpp"

namespace hortillon::bench {

using gateway_bridge::PacketType;

namespace {
constexpr std::size_t rxpk_per_push_data = 8;  // lora_pkt_fwd's NB_PKT_MAX
constexpr auto keepalive_interval = std::chrono::seconds{5};
constexpr int poll_timeout_ms = 50;

template <typename Integer>
void append_decimal(std::string& text, Integer value) {
    std::array<char, 24> digits{};
    const auto [end, error] = std::to_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc{})
        throw std::length_error("number too long for an rxpk field");
    text.append(digits.data(), end);
}

// As printf's "%.<precision>f".
void append_fixed(std::string& text, double value, int precision) {
    std::array<char, 48> digits{};
    const auto [end, error] = std::to_chars(digits.data(), digits.data() + digits.size(), value,
                                            std::chars_format::fixed, precision);
    if (error != std::errc{})
        throw std::length_error("number too long for an rxpk field");
    text.append(digits.data(), end);
}

// Distinct, arbitrary counter origins, so that no two gateways share a tmst.
auto tmst_offset_of(std::size_t index) -> std::uint32_t {
    return static_cast<std::uint32_t>(0x10000000U + index * 0x2345678U);
}
}  // namespace

// Appended piece by piece: snprintf's formatting was a quarter of the generator's sending thread,
// CPU taken from the server it measures.
auto rxpk_text(const Reception& reception, lorawan::ByteView phy_payload) -> std::string {
    std::string text;
    text.reserve(192 + (phy_payload.size() + 2) / 3 * 4);
    text += R"({"tmst":)";
    append_decimal(text, reception.tmst.value);
    text += R"(,"chan":)";
    append_decimal(text, reception.channel);
    text += R"(,"rfch":0,"freq":)";
    append_fixed(text, reception.frequency_hz / 1e6, 6);
    text += R"(,"stat":1,"modu":"LORA","datr":"SF7BW125","codr":"4/5","lsnr":)";
    append_fixed(text, reception.lsnr, 1);
    text += R"(,"rssi":)";
    append_decimal(text, reception.rssi);
    text += R"(,"size":)";
    append_decimal(text, phy_payload.size());
    text += R"(,"data":")";
    text += gateway_bridge::encode_base64(phy_payload);
    text += R"("})";
    return text;
}

GatewayFleet::GatewayFleet(std::size_t count, lorawan::Eui64 first_eui,
                           std::string_view server_host, std::uint16_t server_port,
                           DownlinkExpectations& expectations, DownlinkObserver observer)
    : batches_(count), expectations_(expectations), observer_(std::move(observer)) {
    const auto origin = Clock::now();
    for (std::size_t i = 0; i < count; ++i) {
        gateways_.push_back(std::make_unique<UdpGateway>(lorawan::Eui64{first_eui.value + i},
                                                         server_host, server_port, origin,
                                                         tmst_offset_of(i)));
    }
    receiver_ = std::jthread([this](const std::stop_token& stop) { receive_loop(stop); });
}

GatewayFleet::~GatewayFleet() {
    receiver_.request_stop();
}

auto GatewayFleet::receive_error() const -> std::optional<std::string> {
    const std::scoped_lock lock(error_mutex_);
    return receive_error_;
}

auto GatewayFleet::receive_error_suffix() const -> std::string {
    const auto error = receive_error();
    return error ? ": " + *error : std::string();
}

auto GatewayFleet::announce(Clock::time_point deadline) -> bool {
    const std::uint64_t before = counters_.pull_ack;
    while (Clock::now() < deadline) {
        for (const auto& gateway : gateways_)
            gateway->pull_data();
        const auto retry = Clock::now() + std::chrono::milliseconds{200};
        while (Clock::now() < retry) {
            if (counters_.pull_ack - before >= gateways_.size())
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds{5});
        }
    }
    return false;
}

void GatewayFleet::queue(std::size_t gateway, std::string rxpk) {
    batches_[gateway].push_back(std::move(rxpk));
    if (batches_[gateway].size() == rxpk_per_push_data)
        send_batch(gateway);
}

void GatewayFleet::flush() {
    for (std::size_t i = 0; i < batches_.size(); ++i) {
        if (!batches_[i].empty())
            send_batch(i);
    }
}

void GatewayFleet::send_batch(std::size_t index) {
    std::string body = R"({"rxpk":[)";
    for (const auto& rxpk : batches_[index]) {
        if (body.back() != '[')
            body += ',';
        body += rxpk;
    }
    body += "]}";
    batches_[index].clear();
    ++counters_.push_data_sent;
    if (!gateways_[index]->push_data(body))
        ++counters_.push_data_refused;
}

void GatewayFleet::receive_loop(const std::stop_token& stop) {
    std::vector<pollfd> sockets;
    for (const auto& gateway : gateways_) {
        sockets.push_back(pollfd{gateway->up_descriptor(), POLLIN, 0});
        sockets.push_back(pollfd{gateway->down_descriptor(), POLLIN, 0});
    }
    lorawan::Bytes buffer;
    auto next_keepalive = Clock::now() + keepalive_interval;
    while (!stop.stop_requested()) {
        if (::poll(sockets.data(), sockets.size(), poll_timeout_ms) > 0) {
            try {
                receive_ready(sockets, buffer);
            } catch (const std::runtime_error& error) {
                const std::scoped_lock lock(error_mutex_);
                if (!receive_error_)
                    receive_error_ = error.what();
                std::this_thread::sleep_for(std::chrono::milliseconds{poll_timeout_ms});
            }
        }
        if (Clock::now() >= next_keepalive) {
            for (const auto& gateway : gateways_)
                gateway->pull_data();
            next_keepalive += keepalive_interval;
        }
    }
}

// Only those: a receive on each of the fleet's sockets at every wake-up was as many system calls,
// nearly all of them finding nothing. An error (the server's port closed) is read, and thrown.
void GatewayFleet::receive_ready(std::span<const pollfd> sockets, lorawan::Bytes& buffer) {
    for (std::size_t i = 0; i < gateways_.size(); ++i) {
        if (sockets[2 * i].revents != 0) {
            while (gateways_[i]->receive_up(buffer)) {
                if (buffer.size() >= 4 && buffer[3] == static_cast<int>(PacketType::push_ack))
                    ++counters_.push_ack;
            }
        }
        if (sockets[2 * i + 1].revents != 0) {
            while (gateways_[i]->receive_down(buffer))
                handle_down(i, buffer);
        }
    }
}

void GatewayFleet::handle_down(std::size_t index, lorawan::ByteView bytes) {
    const auto arrived = gateways_[index]->tmst_at(Clock::now());
    auto datagram = gateway_bridge::decode_datagram(bytes);
    if (!datagram)
        return;
    if (datagram->type == PacketType::pull_ack) {
        ++counters_.pull_ack;
        return;
    }
    if (datagram->type != PacketType::pull_resp)
        return;
    ++counters_.pull_resp;
    auto frame = gateway_bridge::decode_pull_resp(*datagram);
    if (!frame) {
        ++counters_.bad_pull_resp;
        std::fprintf(stderr, "gateway %s: PULL_RESP does not decode: %s\n",
                     gateways_[index]->eui().to_string().c_str(),
                     std::string(gateway_bridge::describe(frame.error())).c_str());
        gateways_[index]->tx_ack(datagram->token, "UNKNOWN");
        return;
    }
    const auto refusal = expectations_.judge(index, *frame, arrived);
    // Only a downlink the gateway transmits reaches a device.
    if (!refusal && observer_)
        observer_(frame->phy_payload);
    gateways_[index]->tx_ack(datagram->token, refusal);
}

}  // namespace hortillon::bench
