#include "network-server/logging_events.hpp"

#include <spdlog/spdlog.h>

#include "lorawan/mac/cid_table.hpp"

namespace hortillon::network_server {

namespace {
auto refusal_text(DownlinkRefusal reason) -> std::string_view {
    switch (reason) {
        case DownlinkRefusal::bad_f_port:
            return "FPort must be 1..223";
        case DownlinkRefusal::payload_too_long:
            return "payload longer than the data rate allows";
    }
    return "refused";
}
// The spec name of the command with this CID in `direction`.
auto command_name(lorawan::Cid cid, lorawan::Direction direction) -> std::string_view {
    for (const auto& row : lorawan::mac_command_table) {
        if (row.cid == cid && row.direction == direction)
            return row.name;
    }
    return "?";
}
}  // namespace

void LoggingNetworkEvents::on_rejected(UplinkRejection reason, const std::string& detail) {
    const RejectionInfo& info = rejection_info(reason);
    counters_.increment(info.counter);
    if (logger_) {
        // A periodic rejoin-request is normal traffic, not a fault.
        const auto level = reason == UplinkRejection::rejoin_not_requested ? spdlog::level::debug
                                                                           : spdlog::level::warn;
        logger_->log(level, "uplink dropped: {}{}{} ({})", info.message, detail.empty() ? "" : ": ",
                     detail, info.hint);
    }
}

void LoggingNetworkEvents::on_join(lorawan::Eui64 dev_eui, lorawan::DevAddr dev_addr) {
    counters_.increment("ns_join_accepted");
    if (logger_)
        logger_->info("device {} joined as {}", dev_eui.to_string(), dev_addr.to_string());
    if (listener_.on_join)
        listener_.on_join(dev_eui, dev_addr);
}

auto LoggingNetworkEvents::on_uplink(const AcceptedUplink& uplink) -> bool {
    if (listener_.store_uplink && !listener_.store_uplink(uplink))
        return false;
    counters_.increment("ns_uplink_accepted");
    if (logger_ && logger_->should_log(spdlog::level::debug)) {  // not formatted for nothing
        logger_->debug("uplink from {} FCnt {} DR {} heard by {} gateway(s)",
                       uplink.dev_eui.to_string(), uplink.f_cnt, uplink.dr,
                       uplink.radio != nullptr ? uplink.radio->rx_infos.size() : 0);
    }
    if (listener_.on_uplink)
        listener_.on_uplink(uplink);
    return true;
}

void LoggingNetworkEvents::on_downlink_acknowledged(const DownlinkAcknowledgement& answer) {
    counters_.increment(answer.acknowledged ? "ns_downlink_acknowledged"
                                            : "ns_downlink_not_acknowledged");
    if (logger_ && !answer.acknowledged) {
        logger_->info("device {} did not acknowledge confirmed downlink {} (FCntDown {})",
                      answer.dev_eui.to_string(), answer.downlink_id, answer.f_cnt_down);
    }
    if (listener_.on_downlink_acknowledged)
        listener_.on_downlink_acknowledged(answer);
}

void LoggingNetworkEvents::on_tx_result(const DownlinkTxResult& result) {
    const bool sent = result.error == gateway_bridge::TxAckError::none;
    counters_.increment(sent ? "ns_downlink_sent" : "ns_downlink_not_sent");
    if (logger_ && !sent) {
        logger_->warn("downlink to {} via gateway {} not sent: {} ({})", result.dev_eui.to_string(),
                      result.gateway.to_string(), gateway_bridge::describe(result.error),
                      gateway_bridge::to_string(result.error));
    }
    if (listener_.on_tx_result)
        listener_.on_tx_result(result);
}

void LoggingNetworkEvents::on_downlink_refused(lorawan::Eui64 dev_eui,
                                               const std::string& downlink_id,
                                               DownlinkRefusal reason) {
    counters_.increment("ns_downlink_refused");
    if (logger_) {
        logger_->warn("downlink {} for {} refused: {}", downlink_id, dev_eui.to_string(),
                      refusal_text(reason));
    }
}

void LoggingNetworkEvents::on_mac_findings(lorawan::Eui64 dev_eui,
                                           std::span<const MacFinding> findings) {
    for (const MacFinding& finding : findings) {
        counters_.increment("ns_mac_" + std::string(to_string(finding.kind)));
        if (!logger_)
            continue;
        // The device's answer, or our request when the device never answered it.
        const auto direction = finding.kind == MacFindingKind::gave_up
                                   ? lorawan::Direction::downlink
                                   : lorawan::Direction::uplink;
        const std::string command =
            finding.cid ? std::string(command_name(*finding.cid, direction)) : "-";
        switch (finding.kind) {
            case MacFindingKind::rejected:
                logger_->info(
                    "device {} rejected {} (status bits {:#04x}); not asked again with "
                    "these values",
                    dev_eui.to_string(), command, finding.status);
                break;
            case MacFindingKind::gave_up:
                logger_->warn("device {} did not act on {} sent {} times; given up",
                              dev_eui.to_string(), command, finding.status);
                break;
            case MacFindingKind::device_reset:
                logger_->info("device {} reset its MAC layer (ResetInd)", dev_eui.to_string());
                break;
            case MacFindingKind::not_allowed:
            case MacFindingKind::unexpected_answer:
                logger_->debug("device {}: {} {}", dev_eui.to_string(), to_string(finding.kind),
                               command);
                break;
            default:
                break;
        }
    }
}

void LoggingNetworkEvents::on_device_uplink_rejected(lorawan::Eui64 dev_eui,
                                                     UplinkRejection reason) {
    if (listener_.on_device_uplink_rejected)
        listener_.on_device_uplink_rejected(dev_eui, reason);
}

void LoggingNetworkEvents::on_device_status(lorawan::Eui64 dev_eui, const DeviceStatus& status) {
    counters_.increment("ns_device_status");
    if (logger_) {
        logger_->debug("device {} status: battery {}, margin {} dB", dev_eui.to_string(),
                       status.battery, status.margin_db);
    }
    if (listener_.on_device_status)
        listener_.on_device_status(dev_eui, status);
}

}  // namespace hortillon::network_server
