#include "cli/server.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <utility>  // before Asio: Boost 1.74 with C++20 needs std::exchange declared

#include <chrono>
#include <map>
#include <set>

#include "app-server/application_server.hpp"
#include "app-server/mqtt_integration.hpp"
#include "cli/codec_registry.hpp"
#include "gateway-bridge/udp_server.hpp"
#include "lorawan/region/region.hpp"
#include "network-server/network_server.hpp"
#include "network-server/sqlite_network_store.hpp"
#include "storage/sqlite_store.hpp"
#include "storage/wal_checkpointer.hpp"

namespace hortillon::cli {

namespace {
using Clock = std::chrono::steady_clock;
using DeadlineTick = std::chrono::duration<std::int64_t, std::ratio<1, 500>>;  // 2 ms
// At 12,000 uplinks/s a tenth of a second is about 1,800 WAL frames, half of them distinct pages.
constexpr auto wal_checkpoint_interval = std::chrono::milliseconds{100};

// The network server's view of the gateway bridge.
class BridgeTransmitter final : public network_server::DownlinkTransmitter {
  public:
    void attach(gateway_bridge::UdpServer* bridge) { bridge_ = bridge; }
    [[nodiscard]] auto can_transmit(lorawan::Eui64 gateway) const -> bool override {
        return bridge_ != nullptr && bridge_->can_transmit(gateway);
    }
    auto transmit(lorawan::Eui64 gateway, const gateway_bridge::DownlinkFrame& frame)
        -> std::optional<gateway_bridge::Token> override {
        if (bridge_ == nullptr)
            return std::nullopt;
        auto token = bridge_->send_downlink(gateway, frame);
        if (!token)
            return std::nullopt;
        return *token;
    }

  private:
    gateway_bridge::UdpServer* bridge_ = nullptr;
};

constexpr auto last_seen_interval = std::chrono::seconds{30};

auto mqtt_settings(const MqttConfig& config) -> app_server::MqttSettings {
    app_server::MqttSettings settings;
    settings.uri = config.uri;
    settings.client_id = config.client_id;
    settings.username = config.username;
    settings.password = config.password;
    settings.ca_file = config.ca_file;
    settings.cert_file = config.cert_file;
    settings.key_file = config.key_file;
    return settings;
}
}  // namespace

struct Server::State {
    boost::asio::io_context io;
    boost::asio::steady_timer timer{io};
    std::optional<Clock::time_point> armed_deadline;  // what `timer` waits for, if anything
    telemetry::Counters counters;
    telemetry::Logger log_ns;
    telemetry::Logger log_gw;
    telemetry::Logger log_store;
    std::unique_ptr<storage::SqliteStore> store;
    std::unique_ptr<storage::WalCheckpointer> checkpointer;
    std::unique_ptr<network_server::StoreBackedNetworkStore> network_store;
    BridgeTransmitter transmitter;
    std::unique_ptr<network_server::LoggingNetworkEvents> events;
    std::unique_ptr<network_server::NetworkServer> network;
    std::optional<gateway_bridge::UdpServer> bridge;
    std::map<lorawan::Eui64, Clock::time_point> last_seen_written;
    std::set<lorawan::Eui64> provisioned_gateways;  // valid while the store's change stamp holds
    std::int64_t provisioned_version = -1;
    Clock::time_point provisioned_checked_at{};  // when provisioned_version was last read
    // The application server, when MQTT is configured. The integration is declared last so
    // that it stops (and no command arrives) before anything it uses goes away.
    telemetry::Logger log_as;
    codecs::CodecRegistry codecs;
    std::unique_ptr<app_server::EventOutbox> outbox;
    std::unique_ptr<app_server::ApplicationServer> application;
    std::unique_ptr<app_server::MqttIntegration> mqtt;

    void arm_timer();
    void drain_and_stop();
    void touch_gateway(lorawan::Eui64 gateway);
    auto is_provisioned(lorawan::Eui64 gateway) -> bool;
    auto handlers() -> gateway_bridge::UdpServerHandlers;
    auto listener(network_server::NetworkEventListener outer)
        -> network_server::NetworkEventListener;
    auto start_application(const ServerConfig& config) -> Result<void, std::string>;
    void on_command(const std::string& topic, const std::string& payload);
};

// The network server's events go to the application server first, then to the caller's
// listener (tests).
auto Server::State::listener(network_server::NetworkEventListener outer)
    -> network_server::NetworkEventListener {
    return network_server::NetworkEventListener{
        .store_uplink =
            [this, next = outer.store_uplink](const network_server::AcceptedUplink& uplink) {
                if (application &&
                    !application->on_uplink(uplink, std::chrono::system_clock::now()))
                    return false;
                return !next || next(uplink);
            },
        // Observers hear of an uplink once its transaction committed, so what they read from
        // the store is what the uplink left there. The commit happens while the network
        // server still holds the uplink's radio data, so `radio` stays valid for the call.
        .on_uplink =
            [this, next = outer.on_uplink](const network_server::AcceptedUplink& uplink) {
                if (next)
                    store->database().after_commit([next, uplink] { next(uplink); });
            },
        .on_join =
            [this, next = outer.on_join](lorawan::Eui64 dev_eui, lorawan::DevAddr dev_addr) {
                if (application)
                    application->on_join(dev_eui, dev_addr, std::chrono::system_clock::now());
                if (next)
                    next(dev_eui, dev_addr);
            },
        .on_downlink_acknowledged =
            [this, next = outer.on_downlink_acknowledged](
                const network_server::DownlinkAcknowledgement& answer) {
                if (application)
                    application->on_downlink_acknowledged(answer, std::chrono::system_clock::now());
                if (next)
                    next(answer);
            },
        .on_tx_result =
            [this, next = outer.on_tx_result](const network_server::DownlinkTxResult& result) {
                if (application)
                    application->on_tx_result(result, std::chrono::system_clock::now());
                if (next)
                    next(result);
            },
        .on_device_uplink_rejected =
            [this, next = outer.on_device_uplink_rejected](lorawan::Eui64 dev_eui,
                                                           network_server::UplinkRejection reason) {
                if (application)
                    application->on_device_uplink_rejected(dev_eui, reason,
                                                           std::chrono::system_clock::now());
                if (next)
                    next(dev_eui, reason);
            },
        .on_device_status =
            [this, next = outer.on_device_status](lorawan::Eui64 dev_eui,
                                                  const network_server::DeviceStatus& status) {
                if (application)
                    application->on_device_status(dev_eui, status,
                                                  std::chrono::system_clock::now());
                if (next)
                    next(dev_eui, status);
            },
    };
}

// A command from the MQTT thread, handled on the event loop that owns the store.
void Server::State::on_command(const std::string& topic, const std::string& payload) {
    boost::asio::post(io, [this, topic, payload] {
        auto queued = application->on_command(topic, payload, std::chrono::system_clock::now());
        if (queued) {
            network->on_downlink_queued(queued->dev_eui, Clock::now());
            arm_timer();
        }
    });
}

// Events are built only when there is a broker to send them to (mqtt.uri not empty).
auto Server::State::start_application(const ServerConfig& config) -> Result<void, std::string> {
    if (config.mqtt.uri.empty())
        return {};
    // JavaScript codecs are looked up in the store on the event loop's thread, like every other
    // store call of the application server; their worker is started at the first call.
    codecs = make_codec_registry(*store, std::make_shared<codecs::js::CodecWorkerPool>(
                                             javascript_runtime_options(config.codecs)));
    outbox =
        std::make_unique<app_server::EventOutbox>(config.mqtt.outbox_capacity, counters, log_as);
    auto started = app_server::MqttIntegration::start(
        mqtt_settings(config.mqtt), config.db,
        [this](const std::string& topic, const std::string& payload) {
            on_command(topic, payload);
        },
        counters, log_as);
    if (!started)
        return Unexpected{started.error()};
    mqtt = std::move(*started);
    application = std::make_unique<app_server::ApplicationServer>(
        *store, codecs, *outbox, counters, log_as, [this] { mqtt->notify_events(); });
    return {};
}

// Called after every event that may move the network server's earliest deadline, i.e. for every
// rxpk: the timer is set only when that deadline changed, since each setting is a system call.
// Deadlines are rounded up to the next 2 ms tick, so that the uplinks due within one tick are
// handled in one transaction: at 12,000 uplinks/s about 24 per commit (12,000/s x 2 ms) instead of
// one or two (commits and timer settings took 12 % of the event loop; the tick adds 1 ms on average
// to an uplink's latency, far inside the receive windows).
// When due uplinks are left over after on_deadline, the deadline is in the past and the timer
// fires at the loop's next turn, after the datagrams that are ready by then have been read.
void Server::State::arm_timer() {
    auto deadline = network->next_deadline();
    if (deadline)
        deadline = Clock::time_point(std::chrono::ceil<DeadlineTick>(deadline->time_since_epoch()));
    if (deadline == armed_deadline)
        return;
    armed_deadline = deadline;
    if (!deadline) {
        timer.cancel();
        return;
    }
    timer.expires_at(*deadline);
    timer.async_wait([this](const boost::system::error_code& error) {
        if (error)
            return;  // cancelled: re-armed by whoever cancelled it
        armed_deadline.reset();
        network->on_deadline(Clock::now(), std::chrono::system_clock::now());
        arm_timer();
    });
}

// What was accepted is handled before the loop stops: the uplinks still in their deduplication
// window (their PUSH_DATA was acknowledged, so no gateway sends them again) and the TX_ACKs
// received. Their events wait in the outbox for the next start if the broker cannot take them.
void Server::State::drain_and_stop() {
    if (const auto handled = network->drain(Clock::now(), std::chrono::system_clock::now());
        handled > 0) {
        log_ns->info("stopping: {} uplinks still in their deduplication window handled", handled);
    }
    io.stop();
}

// Last-seen is written at most every 30 s per gateway: one write per uplink would cost more
// than the uplink itself.
void Server::State::touch_gateway(lorawan::Eui64 gateway) {
    const auto now = Clock::now();
    auto [entry, fresh] = last_seen_written.try_emplace(gateway, now);
    if (!fresh && now - entry->second < last_seen_interval)
        return;
    entry->second = now;
    if (auto written = store->update_gateway_last_seen(gateway, std::chrono::system_clock::now());
        !written) {
        log_store->warn("gateway {}: last-seen not recorded: {}", gateway.to_string(),
                        written.error().message);
    }
}

// Every datagram asks; gateways are added and removed by other connections (the CLI), so the
// answer is remembered until the store's change stamp moves (any provisioning write). Only
// known gateways are remembered, so one the command line adds counts at once; one it removes is
// refused from the next reading of the stamp on, within a second. (Read every millisecond, the
// stamp took 1.5 % of the uplink thread at 12,000 uplinks/s.)
auto Server::State::is_provisioned(lorawan::Eui64 gateway) -> bool {
    constexpr auto stamp_reading_interval = std::chrono::seconds{1};
    if (const auto now = Clock::now(); now - provisioned_checked_at >= stamp_reading_interval) {
        auto version = store->change_stamp();
        if (!version || *version != provisioned_version) {
            provisioned_gateways.clear();
            provisioned_version = version ? *version : -1;
        }
        provisioned_checked_at = version ? now : Clock::time_point{};
    }
    if (provisioned_gateways.contains(gateway))
        return true;
    if (!store->get_gateway(gateway))
        return false;
    if (provisioned_version >= 0)
        provisioned_gateways.insert(gateway);
    return true;
}

auto Server::State::handlers() -> gateway_bridge::UdpServerHandlers {
    return gateway_bridge::UdpServerHandlers{
        .is_provisioned = [this](lorawan::Eui64 gateway) { return is_provisioned(gateway); },
        .on_uplink =
            [this](gateway_bridge::UplinkFrame frame, Clock::time_point received) {
                touch_gateway(frame.rx_info.gateway_eui);
                // The time it reached the host: waiting in the socket queue does not extend the
                // deduplication window.
                network->on_uplink_frame(std::move(frame), received);
                arm_timer();
            },
        .on_stats = [this](lorawan::Eui64 gateway,
                           const gateway_bridge::GatewayStats&) { touch_gateway(gateway); },
        .on_tx_ack =
            [this](lorawan::Eui64, gateway_bridge::Token token, gateway_bridge::TxAck ack) {
                network->on_tx_ack(token, ack, Clock::now());
                arm_timer();
            },
    };
}

auto Server::start(const ServerConfig& config, ServerOptions options)
    -> Result<std::unique_ptr<Server>, std::string> {
    for (const auto& region : config.regions) {
        if (lorawan::region::find_region(region) == nullptr) {
            return Unexpected{"unknown region '" + region + "' in network.regions"};
        }
    }
    auto state = std::make_unique<State>();
    state->log_ns = telemetry::make_logger("ns", options.log_level);
    state->log_gw = telemetry::make_logger("gw", options.log_level);
    state->log_store = telemetry::make_logger("store", options.log_level);
    state->log_as = telemetry::make_logger("as", options.log_level);
    auto store = storage::SqliteStore::open(storage::StoreOptions{
        .database_path = config.db,
        .key_file = config.key_file,
        .database = {.wal_autocheckpoint_pages = storage::wal_uplink_finish_pages}});
    if (!store)
        return Unexpected{"store " + config.db + ": " + store.error().message};
    state->store = std::move(*store);
    auto checkpointer = storage::WalCheckpointer::start(
        config.db, wal_checkpoint_interval, [log = state->log_store](const auto& failure) {
            log->warn("WAL checkpoint failed: {}; the next one tries again", failure.message);
        });
    if (!checkpointer)
        return Unexpected{"store " + config.db + ": " + checkpointer.error().message};
    state->checkpointer = std::move(*checkpointer);
    state->network_store = std::make_unique<network_server::StoreBackedNetworkStore>(*state->store);
    if (auto application = state->start_application(config); !application)
        return Unexpected{"MQTT " + config.mqtt.uri + ": " + application.error()};
    state->events = std::make_unique<network_server::LoggingNetworkEvents>(
        state->counters, state->log_ns, state->listener(std::move(options.listener)));
    state->network = std::make_unique<network_server::NetworkServer>(
        network_server::NetworkServerSettings{
            .net_id = config.net_id,
            .extra_channels_hz = config.extra_channels_hz,
            .deduplication = {.window = config.deduplication_window,
                              .late_copy_memory = config.late_copy_memory,
                              .capacity = 100'000},
            .tx_ack_timeout = std::chrono::milliseconds{3000},
            .regions = config.regions},
        *state->network_store, state->transmitter, *state->events);
    auto bridge = gateway_bridge::UdpServer::open(state->io, config.udp, state->handlers(),
                                                  state->counters, state->log_gw);
    if (!bridge) {
        const bool in_use = bridge.error() == gateway_bridge::OpenError::bind_failed;
        return Unexpected{
            "UDP " + config.udp + ": " + std::string(gateway_bridge::to_string(bridge.error())) +
            (in_use ? " (is another server on that port? change --udp or server.udp)" : "")};
    }
    state->bridge.emplace(std::move(*bridge));
    state->transmitter.attach(&*state->bridge);
    state->log_ns->info("serving gateways on UDP {} (port {}), store {}", config.udp,
                        state->bridge->local_port(), config.db);
    return std::unique_ptr<Server>(new Server(std::move(state)));
}

Server::Server(std::unique_ptr<State> state) : state_(std::move(state)) {}

Server::~Server() {
    if (!state_)
        return;
    state_->mqtt.reset();
    state_->transmitter.attach(nullptr);
    state_->bridge.reset();
}

auto Server::udp_port() const -> std::uint16_t {
    return state_->bridge->local_port();
}

auto Server::counters() -> telemetry::Counters& {
    return state_->counters;
}

void Server::run(bool handle_signals) {
    std::optional<boost::asio::signal_set> signals;
    if (handle_signals) {
        signals.emplace(state_->io, SIGINT, SIGTERM);
        signals->async_wait([this](const boost::system::error_code& error, int) {
            if (!error) {
                state_->log_ns->info("stopping");
                state_->drain_and_stop();
            }
        });
    }
    auto guard = boost::asio::make_work_guard(state_->io);
    state_->io.run();
}

void Server::stop() {
    boost::asio::post(state_->io, [state = state_.get()] { state->drain_and_stop(); });
}

void Server::notify_downlink_queued(lorawan::Eui64 dev_eui) {
    boost::asio::post(state_->io, [state = state_.get(), dev_eui] {
        state->network->on_downlink_queued(dev_eui, Clock::now());
        state->arm_timer();
    });
}

}  // namespace hortillon::cli
