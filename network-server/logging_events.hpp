#pragma once
// The production sink of the network server's events: one log line tagged [ns] and one counter
// per event, from the rejection table. Accepted uplinks and joins are also passed to a listener
// (the application server, or a test).

#include <functional>

#include "network-server/network_server.hpp"
#include "telemetry/counters.hpp"
#include "telemetry/log.hpp"

namespace hortillon::network_server {

struct NetworkEventListener {
    // Stores what the application needs of an accepted uplink; false refuses it (see
    // NetworkEvents::on_uplink). Called before on_uplink.
    std::function<bool(const AcceptedUplink&)> store_uplink;
    std::function<void(const AcceptedUplink&)> on_uplink;
    std::function<void(lorawan::Eui64, lorawan::DevAddr)> on_join;
    std::function<void(const DownlinkAcknowledgement&)> on_downlink_acknowledged;
    std::function<void(const DownlinkTxResult&)> on_tx_result;
    std::function<void(lorawan::Eui64, UplinkRejection)> on_device_uplink_rejected;
    std::function<void(lorawan::Eui64, const DeviceStatus&)> on_device_status;
};

class LoggingNetworkEvents final : public NetworkEvents {
  public:
    LoggingNetworkEvents(telemetry::Counters& counters, telemetry::Logger logger,
                         NetworkEventListener listener)
        : counters_(counters), logger_(std::move(logger)), listener_(std::move(listener)) {}

    void on_rejected(UplinkRejection reason, const std::string& detail) override;
    void on_join(lorawan::Eui64 dev_eui, lorawan::DevAddr dev_addr) override;
    auto on_uplink(const AcceptedUplink& uplink) -> bool override;
    void on_downlink_acknowledged(const DownlinkAcknowledgement& acknowledgement) override;
    void on_tx_result(const DownlinkTxResult& result) override;
    void on_downlink_refused(lorawan::Eui64 dev_eui, const std::string& downlink_id,
                             DownlinkRefusal reason) override;
    void on_mac_findings(lorawan::Eui64 dev_eui, std::span<const MacFinding> findings) override;
    void on_device_status(lorawan::Eui64 dev_eui, const DeviceStatus& status) override;
    void on_device_uplink_rejected(lorawan::Eui64 dev_eui, UplinkRejection reason) override;

  private:
    telemetry::Counters& counters_;
    telemetry::Logger logger_;
    NetworkEventListener listener_;
};

}  // namespace hortillon::network_server
