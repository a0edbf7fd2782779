#pragma once
// The application server's flows, on the server's thread, between the network server and the
// event outbox:
//
//   on_uplink:   load device (tenancy, profile, AppSKey) -> decrypt FRMPayload -> run the
//                profile's codec -> build `up` (+ `log` if the codec failed) -> outbox
//   on_join / on_downlink_acknowledged / on_tx_result -> `join` / `ack` / `txack` or `log`
//   on_command:  parse -> find device -> check application, codec, size -> enqueue_downlink;
//                a refusal is logged, counted and answered with a `log` event
//
// A codec failure never loses an uplink: `up` goes out without `object`, and a `log` event
// with code UPLINK_CODEC says why. Events of one call are appended in one transaction.
// Not thread-safe: call it from one thread, the one that owns `store`.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "app-server/command_error.hpp"
#include "app-server/event_ids.hpp"
#include "app-server/events.hpp"
#include "app-server/outbox.hpp"
#include "codecs/registry.hpp"
#include "gateway-bridge/tx_ack.hpp"
#include "lorawan/crypto/aes128_cache.hpp"
#include "network-server/network_server.hpp"
#include "storage/sqlite_store.hpp"
#include "storage/store_lookup_cache.hpp"
#include "telemetry/counters.hpp"
#include "telemetry/log.hpp"

namespace hortillon::app_server {

class ApplicationServer {
  public:
    // `on_events` is called once appended events are committed (to wake the MQTT publisher).
    ApplicationServer(storage::SqliteStore& store, const codecs::CodecRegistry& codecs,
                      EventOutbox& outbox, telemetry::Counters& counters, telemetry::Logger logger,
                      std::function<void()> on_events);

    // False when its events could not be stored (the network server then refuses the uplink).
    auto on_uplink(const network_server::AcceptedUplink& uplink, UtcTime now) -> bool;
    void on_join(lorawan::Eui64 dev_eui, lorawan::DevAddr dev_addr, UtcTime now);
    void on_downlink_acknowledged(const network_server::DownlinkAcknowledgement& answer,
                                  UtcTime now);
    void on_tx_result(const network_server::DownlinkTxResult& result, UtcTime now);
    // A known device's uplink refused by the network server: a `log` event (UPLINK_MIC,
    // UPLINK_F_CNT_RETRANSMISSION or UPLINK_F_CNT_RESET) with the reason and what to do.
    void on_device_uplink_rejected(lorawan::Eui64 dev_eui, network_server::UplinkRejection reason,
                                   UtcTime now);
    // A DevStatusAns: the `status` event (battery in percent as ChirpStack reports it).
    void on_device_status(lorawan::Eui64 dev_eui, const network_server::DeviceStatus& status,
                          UtcTime now);

    // Queues the downlink a command asks for, or refuses it (nothing queued). On success the
    // caller tells the network server (a class C device is sent it at once).
    auto on_command(std::string_view topic, std::string_view payload, UtcTime now)
        -> Result<storage::DownlinkQueueItem, CommandError>;

  private:
    // What the events about one device need. Holds the AppSKey: never logged.
    struct DeviceContext {
        DeviceInfo info;
        storage::SharedRow<storage::DeviceProfile> profile;
    };

    auto load_device(lorawan::Eui64 dev_eui) -> storage::StoreResult<DeviceContext>;
    // Takes the device's context: its DeviceInfo moves into the event.
    auto build_uplink(const network_server::AcceptedUplink& uplink, DeviceContext device,
                      UtcTime now) -> std::pair<UplinkEvent, std::optional<LogEvent>>;
    auto rx_info(const network_server::CollectedUplink& radio, UtcTime now) -> std::vector<RxInfo>;
    auto queue_command(std::string_view topic, std::string_view payload, DeviceInfo& info)
        -> Result<storage::DownlinkQueueItem, CommandError>;
    void refuse_command(CommandError error, std::string_view topic, const DeviceInfo& info,
                        UtcTime now);
    // Appends (topic, json text) pairs in one transaction (a savepoint of the caller's, if one
    // is open); logs and counts a failure. False when nothing was stored.
    auto publish(const std::vector<std::pair<std::string, std::string>>& events, UtcTime now)
        -> bool;

    storage::SqliteStore& store_;
    storage::StoreLookupCache lookups_;  // device, tenancy, profile and gateway rows; see its rules
    lorawan::Aes128Cache app_s_keys_;    // keyed once per session, not per uplink
    EventIds ids_;
    const codecs::CodecRegistry& codecs_;
    EventOutbox& outbox_;
    telemetry::Counters& counters_;
    telemetry::Logger logger_;
    std::function<void()> on_events_;
};

}  // namespace hortillon::app_server
