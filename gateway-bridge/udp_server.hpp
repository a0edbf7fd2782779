#pragma once
// The gateway bridge's socket: one UDP port speaking the Semtech packet-forwarder protocol to
// every gateway, on a Boost.Asio io_context. Datagrams are decoded with the pure codecs of this
// folder; this class only adds addresses, acknowledgements, the gateway directory check,
// counters and logs.
//
// For each datagram that arrives:
//
//   1. decode the header ............ malformed: log, count the codec's counter, drop
//   2. ask `is_provisioned(eui)`; a provisioned gateway's PULL_DATA source becomes its downlink
//      address (most recent wins)
//   3. PUSH_DATA / PULL_DATA: send PUSH_ACK / PULL_ACK to the datagram's source
//   4. not provisioned: log, count gw_unknown_gateway, drop
//   5. PUSH_DATA: each good rxpk -> on_uplink; each rejected rxpk is logged and counted under
//                 the codec's counter (gw_rxpk_crc_bad, ...) and never handed on;
//                 stat -> on_stats
//      TX_ACK:    -> on_tx_ack with the echoed PULL_RESP token
//
// Unknown gateways are acknowledged, then ignored, as in ChirpStack (its gateway bridge acks every
// datagram; its network server then ignores gateways it does not know): an ack only means
// "datagram received", and withholding it would tell a scanner nothing while making a gateway
// that is being provisioned look broken on its own status page. Their PULL_DATA addresses are
// not remembered, so the address table is bounded by the gateway store.
//
// Datagrams are read in bursts of at most 256 per turn of the event loop, so that other work on
// the loop (due uplinks) alternates with reading.
//
// Threads: every handler runs on the io_context's thread. `send_downlink` and `can_transmit` may
// be called from any thread; the datagram is sent from the io_context's thread. Create and
// destroy the server on the io_context's thread, or while the io_context is not running.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "gateway-bridge/datagram.hpp"
#include "gateway-bridge/downlink_frame.hpp"
#include "gateway-bridge/gateway_stats.hpp"
#include "gateway-bridge/listen_address.hpp"
#include "gateway-bridge/tx_ack.hpp"
#include "gateway-bridge/uplink_frame.hpp"
#include "lorawan/identifiers.hpp"
#include "lorawan/result.hpp"
#include "telemetry/counters.hpp"
#include "telemetry/log.hpp"

namespace boost::asio {
class io_context;
}

namespace hortillon::gateway_bridge {

struct UdpServerHandlers {
    // The gateway directory. Called once per PUSH_DATA, PULL_DATA and TX_ACK, so the store may
    // answer from a cache. Without it every gateway counts as unknown.
    std::function<bool(lorawan::Eui64)> is_provisioned;
    // Each CRC-OK rxpk of a provisioned gateway, in rxpk order. The caller updates last-seen.
    // `received` is when the datagram reached the host (the kernel's receive time, on the steady
    // clock), not when it was read: the time it waited in the socket queue is included. It
    // never goes backwards from one datagram to the next.
    std::function<void(UplinkFrame, std::chrono::steady_clock::time_point received)> on_uplink;
    // Each well-formed `stat` object of a provisioned gateway.
    std::function<void(lorawan::Eui64, GatewayStats)> on_stats;
    // Each TX_ACK of a provisioned gateway; `token` is the one send_downlink returned. A refusal
    // (ack.error != none) is also logged and counted here under the TX_ACK table's counter.
    std::function<void(lorawan::Eui64, Token, TxAck)> on_tx_ack;
};

enum class OpenError : std::uint8_t {
    bad_listen_address,  // not "HOST:PORT" with a literal host
    bind_failed,         // the address is in use or not local (the log line says which)
};
auto to_string(OpenError error) -> std::string_view;

enum class SendError : std::uint8_t {
    no_downlink_address,  // the gateway has not sent a PULL_DATA since the server started
    encode_failed,        // encode_pull_resp refused the frame (the log line says why)
};
auto to_string(SendError error) -> std::string_view;

class UdpServer {
  public:
    // Binds the socket and starts receiving; the io_context must be run for anything to happen.
    // `handlers.is_provisioned` should be set (without it every gateway is unknown); unset on_*
    // handlers ignore their events. The counters must outlive the server; a null logger turns
    // logging off. Errors are also logged.
    static auto open(boost::asio::io_context& io, std::string_view listen_address,
                     UdpServerHandlers handlers, telemetry::Counters& counters,
                     telemetry::Logger logger) -> Result<UdpServer, OpenError>;

    UdpServer(UdpServer&&) noexcept;
    auto operator=(UdpServer&&) noexcept -> UdpServer&;
    UdpServer(const UdpServer&) = delete;
    auto operator=(const UdpServer&) -> UdpServer& = delete;
    // Closes the socket; handlers are not called afterwards.
    ~UdpServer();

    // The bound port, useful after listening on port 0.
    [[nodiscard]] auto local_port() const -> std::uint16_t;

    // Whether a PULL_RESP could be addressed to the gateway now: it sent a PULL_DATA.
    [[nodiscard]] auto can_transmit(lorawan::Eui64 gateway) const -> bool;

    // Encodes `frame` as a PULL_RESP with a fresh random token and sends it to the address of
    // the gateway's most recent PULL_DATA. Returns that token: the gateway's TX_ACK echoes it.
    // A send failure after this returns is logged and counted (gw_send_failed).
    auto send_downlink(lorawan::Eui64 gateway, const DownlinkFrame& frame)
        -> Result<Token, SendError>;

  private:
    struct Listener;  // the socket and its state; Asio types stay in udp_server.cpp

    explicit UdpServer(std::shared_ptr<Listener> listener);

    // Pending Asio operations see the listener through weak pointers only, so that this object
    // alone decides its lifetime and a completion that arrives later finds it gone.
    std::shared_ptr<Listener> listener_;
};

}  // namespace hortillon::gateway_bridge
