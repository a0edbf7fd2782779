// <utility> first: Boost 1.74 Asio uses std::exchange without including it (g++ 12, C++20).
#include <utility>

#include "gateway-bridge/udp_server.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <map>
#include <mutex>
#include <string>

#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/post.hpp>

#include "gateway-bridge/datagram_batch.hpp"
#include "gateway-bridge/datagram_error.hpp"
#include "gateway-bridge/pull_resp.hpp"
#include "gateway-bridge/push_data.hpp"

namespace hortillon::gateway_bridge {

namespace asio = boost::asio;
using asio::ip::udp;
using lorawan::ByteView;
using Clock = std::chrono::steady_clock;
using lorawan::Eui64;

namespace {

// The server's own reasons to drop or fail, next to the codec's (datagram_error.cpp) and the
// gateway's (tx_ack.cpp): one log line and one counter each.
enum class ServerEvent : std::uint8_t {
    unknown_gateway,
    receive_failed,
    send_failed,
    no_downlink_address,
    encode_failed,
};

struct ServerEventInfo {
    ServerEvent event;
    std::string_view counter;
    std::string_view message;
    std::string_view hint;
};

constexpr std::array<ServerEventInfo, 5> server_events{{
    {ServerEvent::unknown_gateway, "gw_unknown_gateway",
     "datagram from a gateway that is not provisioned, acknowledged and dropped",
     "provision the gateway EUI, or check the gateway_ID in its global_conf.json"},
    {ServerEvent::receive_failed, "gw_receive_failed", "receiving a datagram failed",
     "a transient socket error; the server keeps listening"},
    {ServerEvent::send_failed, "gw_send_failed", "sending a datagram failed",
     "check the route to the gateway's address"},
    {ServerEvent::no_downlink_address, "gw_downlink_no_address",
     "downlink refused: the gateway has sent no PULL_DATA yet",
     "the gateway is offline or its downstream port is blocked by a firewall or NAT"},
    {ServerEvent::encode_failed, "gw_downlink_encode_failed",
     "downlink refused: the frame cannot be encoded as a PULL_RESP",
     "a bug in the downlink planner: it built an invalid txpk"},
}};

// The table is indexed by the enumerator; this keeps the order honest at compile time.
constexpr auto server_events_in_order() -> bool {
    for (std::size_t i = 0; i < server_events.size(); ++i) {
        if (static_cast<std::size_t>(server_events[i].event) != i)
            return false;
    }
    return true;
}
static_assert(server_events_in_order(), "server event table out of enumerator order");

auto event_row(ServerEvent event) -> const ServerEventInfo& {
    return server_events[static_cast<std::size_t>(event)];
}

auto datagram_error_name(DatagramError error) -> std::string_view {
    return datagram_errors()[static_cast<std::size_t>(error)].name;
}

auto describe_endpoint(const udp::endpoint& endpoint) -> std::string {
    auto address = endpoint.address();
    auto text = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
    return text + ":" + std::to_string(endpoint.port());
}

// Room for bursts: the uplinks whose dedup windows close together are handled in one callback,
// and meanwhile the kernel must queue thousands of datagrams (its 208 KiB default holds about a
// hundred). SO_RCVBUFFORCE passes net.core.rmem_max when the process may (CAP_NET_ADMIN).
constexpr int wanted_receive_buffer_bytes = 8 * 1024 * 1024;

void enlarge_receive_buffer(udp::socket& socket, spdlog::logger& log) {
    const int fd = socket.native_handle();
    const int wanted = wanted_receive_buffer_bytes;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &wanted, sizeof wanted) != 0)
        (void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &wanted, sizeof wanted);
    int granted = 0;
    socklen_t size = sizeof granted;
    if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &granted, &size) != 0)
        return;
    // Linux doubles the size it grants (room for its bookkeeping) and reports that.
    if (granted / 2 < wanted) {
        log.warn(
            "UDP receive buffer is {} KiB, not the {} KiB asked for: datagrams may be dropped in "
            "bursts; raise the limit with `sysctl -w net.core.rmem_max={}`",
            granted / 2 / 1024, wanted / 1024, wanted);
    }
}

// Datagrams read per readiness of the socket before the loop's other work (due uplinks, timers)
// gets a turn; the rest are read at the loop's next turn.
constexpr std::size_t datagrams_per_burst = 256;

// A kernel receive time older than this is taken as a system clock step, not as queueing.
constexpr auto longest_queueing = std::chrono::seconds{5};

// The kernel stamps each datagram with the system clock when it arrives (SO_TIMESTAMPNS), so
// that the time it waited in the socket queue counts towards its deduplication window.
void ask_for_receive_times(udp::socket& socket, spdlog::logger& log) {
    const int on = 1;
    if (setsockopt(socket.native_handle(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) != 0)
        log.warn("no kernel receive times (SO_TIMESTAMPNS): datagrams are timed when read");
}

// The steady-clock time of a kernel receive time: now minus the datagram's age on the system
// clock. Without a stamp, or with an implausible one, the datagram counts as received now.
auto steady_receive_time(std::optional<timespec> stamp, Clock::time_point steady_now,
                         std::chrono::system_clock::time_point system_now) -> Clock::time_point {
    if (!stamp)
        return steady_now;
    const auto arrived = std::chrono::system_clock::time_point{
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::seconds{stamp->tv_sec} + std::chrono::nanoseconds{stamp->tv_nsec})};
    const auto age = system_now - arrived;
    if (age < std::chrono::system_clock::duration::zero() || age > longest_queueing)
        return steady_now;
    return steady_now - std::chrono::duration_cast<Clock::duration>(age);
}

}  // namespace

auto to_string(OpenError error) -> std::string_view {
    switch (error) {
        case OpenError::bad_listen_address:
            return "bad_listen_address";
        case OpenError::bind_failed:
            return "bind_failed";
    }
    return "unknown";
}

auto to_string(SendError error) -> std::string_view {
    switch (error) {
        case SendError::no_downlink_address:
            return "no_downlink_address";
        case SendError::encode_failed:
            return "encode_failed";
    }
    return "unknown";
}

struct UdpServer::Listener : std::enable_shared_from_this<UdpServer::Listener> {
    Listener(asio::io_context& io, UdpServerHandlers handlers, telemetry::Counters& counters,
             telemetry::Logger logger)
        : io(io),
          socket(io),
          handlers(std::move(handlers)),
          counters(counters),
          log(std::move(logger)) {}

    void wait_until_readable();
    void read_burst();
    void handle_batch(std::size_t count);
    void send_acks();
    void on_push_data(const Datagram& datagram, const udp::endpoint& source,
                      Clock::time_point received);
    void on_pull_data(Eui64 gateway, const udp::endpoint& source);
    void on_tx_ack(const Datagram& datagram, const udp::endpoint& source);
    void drop(DatagramError error, const udp::endpoint& source, std::optional<Eui64> gateway);
    void report(ServerEvent event, std::string_view detail);
    void report_send_failure(std::string_view what, const udp::endpoint& destination,
                             const std::string& message);
    auto send_to(ByteView bytes, const udp::endpoint& destination, std::string_view what) -> bool;
    auto downlink_address(Eui64 gateway) const -> std::optional<udp::endpoint>;

    asio::io_context& io;
    udp::socket socket;
    UdpServerHandlers handlers;
    telemetry::Counters& counters;
    telemetry::Logger log;

    // The datagrams being handled, a batch at a time, on the io_context's thread, and their acks.
    ReceiveBatch batch;
    AckBatch acks;
    // The latest receive time handed on: times never go backwards, although each is converted
    // from the system clock on its own.
    Clock::time_point last_received{};

    // Read by send_downlink and can_transmit from any thread; bounded by the provisioned
    // gateways, since unknown gateways are never entered.
    mutable std::mutex addresses_mutex;
    std::map<Eui64, udp::endpoint> downlink_addresses;
};

// Started once the socket queue was found empty. Asio's epoll reactor is edge-triggered, but it
// re-arms the descriptor when a wait starts, so a datagram that arrived just before still wakes
// it.
void UdpServer::Listener::wait_until_readable() {
    if (!socket.is_open())
        return;
    socket.async_wait(udp::socket::wait_read,
                      [weak = weak_from_this()](const boost::system::error_code& error) {
                          auto self = weak.lock();
                          if (!self || error == asio::error::operation_aborted)
                              return;
                          if (error) {
                              self->report(ServerEvent::receive_failed, error.message());
                              self->wait_until_readable();
                              return;
                          }
                          self->read_burst();
                      });
}

// Reads what the socket holds, at most a burst; a full burst leaves the rest to the loop's next
// turn, behind the handlers that are ready (a due batch of uplinks among them).
void UdpServer::Listener::read_burst() {
    std::size_t read = 0;
    while (read < datagrams_per_burst) {
        const auto received = batch.receive(socket.native_handle());
        if (!received) {
            // Transient (ENOBUFS, an ICMP error surfacing): keep listening.
            report(ServerEvent::receive_failed, received.error().message());
            ++read;
            continue;
        }
        const std::size_t count = *received;
        if (count == 0) {
            wait_until_readable();
            return;
        }
        handle_batch(count);
        if (!socket.is_open())
            return;  // a handler closed the server
        read += count;
    }
    asio::post(io, [weak = weak_from_this()] {
        auto self = weak.lock();
        if (self && self->socket.is_open())
            self->read_burst();
    });
}

// The acks of the whole batch leave first, one system call for all: an ack means "datagram
// received", whatever its body holds and whatever the gateway directory says, so that the
// gateway's `ackr` statistic reflects the network path only. Then the bodies are handled.
void UdpServer::Listener::handle_batch(std::size_t count) {
    const auto steady_now = Clock::now();
    const auto system_now = std::chrono::system_clock::now();
    std::array<std::optional<Datagram>, ReceiveBatch::capacity> to_handle{};
    std::array<Clock::time_point, ReceiveBatch::capacity> received{};
    for (std::size_t i = 0; i < count; ++i) {
        const auto& source = batch.sender(i);
        // Times never go backwards, although each is converted from the system clock.
        last_received = std::max(last_received,
                                 steady_receive_time(batch.kernel_time(i), steady_now, system_now));
        received[i] = last_received;
        auto datagram = decode_gateway_datagram(batch.bytes(i));
        if (!datagram) {
            drop(datagram.error(), source, std::nullopt);
            continue;
        }
        auto gateway = *datagram->gateway_eui;  // set for every type a gateway sends
        const bool provisioned = handlers.is_provisioned(gateway);
        // Recorded before the PULL_ACK leaves: whoever has seen the PULL_ACK (the gateway, a
        // test) can rely on the next PULL_RESP reaching this address.
        if (provisioned && datagram->type == PacketType::pull_data)
            on_pull_data(gateway, source);
        if (auto ack = encode_ack_for(*datagram))
            acks.add(*ack, source, datagram->type);
        if (!provisioned) {
            report(ServerEvent::unknown_gateway, gateway.to_string() + " " +
                                                     std::string(to_string(datagram->type)) +
                                                     " from " + describe_endpoint(source));
            continue;
        }
        to_handle[i] = *datagram;
    }
    send_acks();
    for (std::size_t i = 0; i < count && socket.is_open(); ++i) {
        if (!to_handle[i])
            continue;
        if (to_handle[i]->type == PacketType::push_data)
            on_push_data(*to_handle[i], batch.sender(i), received[i]);
        else if (to_handle[i]->type == PacketType::tx_ack)
            on_tx_ack(*to_handle[i], batch.sender(i));
    }
}

void UdpServer::Listener::send_acks() {
    if (acks.empty())
        return;
    for (const auto& failure : acks.send(socket.native_handle())) {
        report_send_failure(failure.acked == PacketType::push_data ? "PUSH_ACK" : "PULL_ACK",
                            failure.destination,
                            std::error_code(failure.error, std::generic_category()).message());
    }
}

void UdpServer::Listener::on_push_data(const Datagram& datagram, const udp::endpoint& source,
                                       Clock::time_point received) {
    counters.increment("gw_push_data_received");
    auto push = decode_push_data(datagram);
    if (!push) {
        drop(push.error(), source, datagram.gateway_eui);
        return;
    }
    for (const auto& rejection : push->rejected) {
        counters.increment(counter_name(rejection.reason));
        // CRC failures are routine at the edge of coverage; other rejections are gateway bugs.
        auto crc = rejection.reason == DatagramError::crc_bad ||
                   rejection.reason == DatagramError::crc_absent;
        log->log(crc ? spdlog::level::debug : spdlog::level::warn,
                 "gateway {} rxpk[{}]: {} ({}; {})", push->gateway_eui.to_string(), rejection.index,
                 describe(rejection.reason), counter_name(rejection.reason),
                 operator_hint(rejection.reason));
    }
    if (push->stats_error)
        drop(*push->stats_error, source, push->gateway_eui);
    for (auto& frame : push->frames) {
        counters.increment("gw_uplink_frames");
        if (handlers.on_uplink)
            handlers.on_uplink(std::move(frame), received);
    }
    if (push->stats && handlers.on_stats)
        handlers.on_stats(push->gateway_eui, std::move(*push->stats));
}

void UdpServer::Listener::on_pull_data(Eui64 gateway, const udp::endpoint& source) {
    counters.increment("gw_pull_data_received");
    std::optional<udp::endpoint> previous;
    {
        std::scoped_lock lock(addresses_mutex);
        auto [entry, inserted] = downlink_addresses.try_emplace(gateway, source);
        if (!inserted && entry->second != source) {
            previous = entry->second;
            entry->second = source;
        }
    }
    // A new port is normal after a forwarder restart or a NAT rebinding; worth one line.
    if (previous)
        log->info("gateway {} downlink address {} -> {}", gateway.to_string(),
                  describe_endpoint(*previous), describe_endpoint(source));
}

void UdpServer::Listener::on_tx_ack(const Datagram& datagram, const udp::endpoint& source) {
    counters.increment("gw_tx_ack_received");
    auto gateway = *datagram.gateway_eui;
    auto ack = decode_tx_ack(datagram);
    if (!ack) {
        drop(ack.error(), source, gateway);
        return;
    }
    if (!ack->sent()) {
        counters.increment(counter_name(ack->error));
        log->warn("gateway {} TX_ACK {}: {} ({}; {})", gateway.to_string(),
                  datagram.token.to_string(), describe(ack->error), counter_name(ack->error),
                  operator_hint(ack->error));
    } else if (ack->warning) {
        log->info("gateway {} sent downlink {} with a warning: {} {}", gateway.to_string(),
                  datagram.token.to_string(), to_string(*ack->warning),
                  ack->warning_value.value_or(""));
    }
    if (handlers.on_tx_ack)
        handlers.on_tx_ack(gateway, datagram.token, std::move(*ack));
}

void UdpServer::Listener::drop(DatagramError error, const udp::endpoint& source,
                               std::optional<Eui64> gateway) {
    counters.increment(counter_name(error));
    log->warn("datagram from {}{}{} dropped: {} ({}, {}; {})", describe_endpoint(source),
              gateway ? " gateway " : "", gateway ? gateway->to_string() : "", describe(error),
              datagram_error_name(error), counter_name(error), operator_hint(error));
}

void UdpServer::Listener::report(ServerEvent event, std::string_view detail) {
    const auto& row = event_row(event);
    counters.increment(row.counter);
    log->warn("{}: {} ({}; {})", row.message, detail, row.counter, row.hint);
}

auto UdpServer::Listener::send_to(ByteView bytes, const udp::endpoint& destination,
                                  std::string_view what) -> bool {
    // A synchronous send on the io_context's thread: a UDP send only copies into the kernel
    // buffer.
    boost::system::error_code error;
    socket.send_to(asio::buffer(bytes.data(), bytes.size()), destination, 0, error);
    if (!error)
        return true;
    report_send_failure(what, destination, error.message());
    return false;
}

void UdpServer::Listener::report_send_failure(std::string_view what,
                                              const udp::endpoint& destination,
                                              const std::string& message) {
    report(ServerEvent::send_failed,
           std::string(what) + " to " + describe_endpoint(destination) + ": " + message);
}

auto UdpServer::Listener::downlink_address(Eui64 gateway) const -> std::optional<udp::endpoint> {
    std::scoped_lock lock(addresses_mutex);
    auto found = downlink_addresses.find(gateway);
    if (found == downlink_addresses.end())
        return std::nullopt;
    return found->second;
}

auto UdpServer::open(asio::io_context& io, std::string_view listen_address,
                     UdpServerHandlers handlers, telemetry::Counters& counters,
                     telemetry::Logger logger) -> Result<UdpServer, OpenError> {
    if (!logger)  // a logger without sinks: callers may opt out of logging
        logger = std::make_shared<spdlog::logger>("gw");
    if (!handlers.is_provisioned) {
        logger->warn("no gateway directory given: every gateway counts as unknown");
        handlers.is_provisioned = [](Eui64) { return false; };
    }
    // Idempotent and thread-safe; randombytes_buf needs it before the first downlink token.
    if (sodium_init() < 0)
        logger->error("libsodium failed to initialise; downlink tokens may be weak");
    auto parsed = parse_listen_address(listen_address);
    if (!parsed) {
        logger->error(
            "cannot listen on '{}': expected HOST:PORT with a literal IPv4 host or a "
            "bracketed IPv6 host, e.g. 0.0.0.0:1700 or [::]:1700",
            listen_address);
        return Unexpected{OpenError::bad_listen_address};
    }
    boost::system::error_code error;
    auto endpoint = udp::endpoint(asio::ip::make_address(parsed->host, error), parsed->port);
    auto listener =
        std::make_shared<Listener>(io, std::move(handlers), counters, std::move(logger));
    if (!error)
        listener->socket.open(endpoint.protocol(), error);
    if (!error)
        listener->socket.bind(endpoint, error);
    if (!error) {
        enlarge_receive_buffer(listener->socket, *listener->log);
        ask_for_receive_times(listener->socket, *listener->log);
    }
    if (error) {
        listener->log->error("cannot listen on {}: {}", describe_endpoint(endpoint),
                             error.message());
        return Unexpected{OpenError::bind_failed};
    }
    listener->log->info("listening for Semtech UDP on {}",
                        describe_endpoint(listener->socket.local_endpoint(error)));
    listener->wait_until_readable();
    return UdpServer(std::move(listener));
}

UdpServer::UdpServer(std::shared_ptr<Listener> listener) : listener_(std::move(listener)) {}
UdpServer::UdpServer(UdpServer&&) noexcept = default;
auto UdpServer::operator=(UdpServer&&) noexcept -> UdpServer& = default;

UdpServer::~UdpServer() {
    if (listener_) {
        boost::system::error_code ignored;
        listener_->socket.close(ignored);
    }
}

auto UdpServer::local_port() const -> std::uint16_t {
    boost::system::error_code error;
    auto endpoint = listener_->socket.local_endpoint(error);
    return error ? 0 : endpoint.port();
}

auto UdpServer::can_transmit(Eui64 gateway) const -> bool {
    return listener_->downlink_address(gateway).has_value();
}

auto UdpServer::send_downlink(Eui64 gateway, const DownlinkFrame& frame)
    -> Result<Token, SendError> {
    auto destination = listener_->downlink_address(gateway);
    if (!destination) {
        listener_->report(ServerEvent::no_downlink_address, gateway.to_string());
        return Unexpected{SendError::no_downlink_address};
    }
    Token token;
    randombytes_buf(token.bytes.data(), token.bytes.size());
    auto datagram = encode_pull_resp(token, frame);
    if (!datagram) {
        listener_->report(ServerEvent::encode_failed,
                          gateway.to_string() + ": " + std::string(describe(datagram.error())));
        return Unexpected{SendError::encode_failed};
    }
    // The socket belongs to the io_context's thread; hand the datagram over to it.
    asio::post(listener_->io, [weak = std::weak_ptr(listener_), bytes = std::move(*datagram),
                               destination = *destination, gateway, token] {
        auto self = weak.lock();
        if (!self || !self->socket.is_open())
            return;
        // Counted before the send, so that whoever has received the datagram also sees the count;
        // a failed send is counted once more, under gw_send_failed.
        self->counters.increment("gw_pull_resp_sent");
        self->log->debug("PULL_RESP {} to gateway {} at {}", token.to_string(), gateway.to_string(),
                         describe_endpoint(destination));
        self->send_to(bytes, destination, "PULL_RESP");
    });
    return token;
}

}  // namespace hortillon::gateway_bridge
