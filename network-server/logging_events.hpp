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
    std::function<void(const AcceptedUplink&)> on_uplink;
    std::function<void(lorawan::Eui64, lorawan::DevAddr)> on_join;
    std::function<void(lorawan::Eui64, const std::string&, bool)> on_downlink_acknowledged;
    std::function<void(lorawan::Eui64, const std::optional<std::string>&,
                       gateway_bridge::TxAckError)>
        on_tx_result;
};

class LoggingNetworkEvents final : public NetworkEvents {
  public:
    LoggingNetworkEvents(telemetry::Counters& counters, telemetry::Logger logger,
                         NetworkEventListener listener)
        : counters_(counters), logger_(std::move(logger)), listener_(std::move(listener)) {}

    void on_rejected(UplinkRejection reason, const std::string& detail) override;
    void on_join(lorawan::Eui64 dev_eui, lorawan::DevAddr dev_addr) override;
    void on_uplink(const AcceptedUplink& uplink) override;
    void on_downlink_acknowledged(lorawan::Eui64 dev_eui, const std::string& downlink_id,
                                  bool acknowledged) override;
    void on_tx_result(lorawan::Eui64 dev_eui, const std::optional<std::string>& downlink_id,
                      gateway_bridge::TxAckError error) override;
    void on_downlink_refused(lorawan::Eui64 dev_eui, const std::string& downlink_id,
                             DownlinkRefusal reason) override;

  private:
    telemetry::Counters& counters_;
    telemetry::Logger logger_;
    NetworkEventListener listener_;
};

}  // namespace hortillon::network_server
