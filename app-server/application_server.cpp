#include "app-server/application_server.hpp"

#include <spdlog/spdlog.h>

#include "app-server/downlink_command.hpp"
#include "app-server/event_ids.hpp"
#include "app-server/event_json.hpp"
#include "app-server/topics.hpp"
#include "lorawan/crypto/data_frame_crypto.hpp"

namespace hortillon::app_server {

namespace {
auto joined(const std::vector<std::string>& texts) -> std::string {
    std::string out;
    for (const auto& text : texts)
        out += (out.empty() ? "" : "; ") + text;
    return out;
}

// Runs the codec; a codec that throws is a codec that failed.
auto decode(const codecs::Codec& codec, const lorawan::Bytes& data, std::uint8_t f_port,
            UtcTime now) -> codecs::CodecResult {
    try {
        return codec.decode_uplink(codecs::UplinkInput{data, f_port, now});
    } catch (const std::exception& failure) {
        return codecs::decode_error(std::string("codec failed: ") + failure.what());
    }
}
}  // namespace

ApplicationServer::ApplicationServer(storage::SqliteStore& store,
                                     const codecs::CodecRegistry& codecs, EventOutbox& outbox,
                                     telemetry::Counters& counters, telemetry::Logger logger,
                                     std::function<void()> on_events)
    : store_(store),
      lookups_(store),
      codecs_(codecs),
      outbox_(outbox),
      counters_(counters),
      logger_(std::move(logger)),
      on_events_(std::move(on_events)) {}

auto ApplicationServer::load_device(lorawan::Eui64 dev_eui) -> storage::StoreResult<DeviceContext> {
    auto device = lookups_.device(dev_eui);
    if (!device)
        return Unexpected{device.error()};
    const storage::Device& row = **device;
    auto application = lookups_.application(row.application_id);
    if (!application)
        return Unexpected{application.error()};
    auto tenant = lookups_.tenant((*application)->tenant_id);
    if (!tenant)
        return Unexpected{tenant.error()};
    auto profile = lookups_.device_profile(row.device_profile_id);
    if (!profile)
        return Unexpected{profile.error()};
    DeviceContext context{.info = DeviceInfo{.tenant_id = (*tenant)->id,
                                             .tenant_name = (*tenant)->name,
                                             .application_id = (*application)->id,
                                             .application_name = (*application)->name,
                                             .device_profile_id = (*profile)->id,
                                             .device_profile_name = (*profile)->name,
                                             .device_name = row.name,
                                             .dev_eui = dev_eui,
                                             .device_class = (*profile)->device_class,
                                             .tags = row.tags},
                          .profile = std::move(*profile)};
    return context;
}

auto ApplicationServer::rx_info(const network_server::CollectedUplink& radio, UtcTime now)
    -> std::vector<RxInfo> {
    std::vector<RxInfo> out;
    for (const auto& rx : radio.rx_infos) {
        std::optional<Location> location;
        if (auto registered = lookups_.gateway_location(rx.gateway_eui))
            location = Location{registered->latitude, registered->longitude, registered->altitude};
        out.push_back(RxInfo{.gateway_id = rx.gateway_eui,
                             .uplink_id = ids_.u32(),
                             .ns_time = now,
                             .gw_time = rx.time,
                             .rssi = rx.rssi,
                             .snr = rx.lsnr,
                             .channel = rx.channel,
                             .rf_chain = rx.rf_chain,
                             .location = location,
                             .tmst = rx.tmst.value});
    }
    return out;
}

auto ApplicationServer::build_uplink(const network_server::AcceptedUplink& uplink,
                                     DeviceContext device, UtcTime now)
    -> std::pair<UplinkEvent, std::optional<LogEvent>> {
    UplinkEvent event;
    event.deduplication_id = ids_.uuid_v4();
    event.time = now;
    event.device_info = std::move(device.info);
    event.dev_addr = uplink.dev_addr;
    event.adr = uplink.adr;
    event.dr = uplink.dr;
    event.f_cnt = uplink.f_cnt;
    event.f_port = uplink.f_port.value_or(0);
    event.confirmed = uplink.confirmed;
    event.data = lorawan::encrypt_frm_payload(app_s_keys_.for_key(uplink.app_s_key),
                                              lorawan::Direction::uplink, uplink.dev_addr,
                                              uplink.f_cnt, uplink.frm_payload);
    if (uplink.radio != nullptr) {
        event.rx_info = rx_info(*uplink.radio, now);
        event.tx_info =
            TxInfo{uplink.radio->tx_info.frequency_hz, uplink.radio->tx_info.modulation};
    }
    const auto* codec =
        device.profile->codec_id ? codecs_.find(*device.profile->codec_id) : nullptr;
    if (codec == nullptr || event.f_port == 0)
        return {std::move(event), std::nullopt};
    auto decoded = decode(*codec, event.data, event.f_port, now);
    if (decoded.ok()) {
        event.object = std::move(decoded.data);
        return {std::move(event), std::nullopt};
    }
    counters_.increment("as_uplink_codec_error");
    logger_->warn("device {} FCnt {}: codec {} failed: {}", uplink.dev_eui.to_string(),
                  uplink.f_cnt, codec->info().id, joined(decoded.errors));
    LogEvent log{
        now,
        event.device_info,
        LogLevel::error,
        LogCode::uplink_codec,
        "uplink codec " + codec->info().id + " failed: " + joined(decoded.errors),
        {{"deduplication_id", event.deduplication_id}, {"f_cnt", std::to_string(uplink.f_cnt)}}};
    return {std::move(event), std::move(log)};
}

auto ApplicationServer::on_uplink(const network_server::AcceptedUplink& uplink, UtcTime now)
    -> bool {
    auto device = load_device(uplink.dev_eui);
    if (!device) {
        counters_.increment("as_uplink_device_unknown");
        logger_->error("uplink of {} not published: {}", uplink.dev_eui.to_string(),
                       device.error().message);
        return false;
    }
    auto [up, log] = build_uplink(uplink, std::move(*device), now);
    const auto& application = up.device_info.application_id;
    std::vector<std::pair<std::string, std::string>> events{
        {event_topic(application, uplink.dev_eui, EventType::up), to_json_text(up)}};
    if (log)
        events.emplace_back(event_topic(application, uplink.dev_eui, EventType::log),
                            to_json_text(*log));
    return publish(events, now);
}

void ApplicationServer::on_join(lorawan::Eui64 dev_eui, lorawan::DevAddr dev_addr, UtcTime now) {
    auto device = load_device(dev_eui);
    if (!device) {
        logger_->error("join of {} not published: {}", dev_eui.to_string(), device.error().message);
        return;
    }
    const JoinEvent join{ids_.uuid_v4(), now, device->info, dev_addr};
    publish(
        {{event_topic(device->info.application_id, dev_eui, EventType::join), to_json_text(join)}},
        now);
}

void ApplicationServer::on_downlink_acknowledged(
    const network_server::DownlinkAcknowledgement& answer, UtcTime now) {
    auto device = load_device(answer.dev_eui);
    if (!device)
        return;
    const AckEvent ack{ids_.uuid_v4(),   now, device->info, answer.downlink_id, answer.acknowledged,
                       answer.f_cnt_down};
    publish({{event_topic(device->info.application_id, answer.dev_eui, EventType::ack),
              to_json_text(ack)}},
            now);
}

void ApplicationServer::on_device_uplink_rejected(lorawan::Eui64 dev_eui,
                                                  network_server::UplinkRejection reason,
                                                  UtcTime now) {
    using network_server::UplinkRejection;
    auto device = load_device(dev_eui);
    if (!device) {
        logger_->error("log event for {} not published: {}", dev_eui.to_string(),
                       device.error().message);
        return;
    }
    const auto& row = network_server::rejection_info(reason);
    const LogCode code = reason == UplinkRejection::mic_mismatch ? LogCode::uplink_mic
                         : reason == UplinkRejection::f_cnt_replay
                             ? LogCode::uplink_f_cnt_retransmission
                             : LogCode::uplink_f_cnt_reset;
    const LogEvent log{now,
                       device->info,
                       LogLevel::warning,
                       code,
                       std::string(row.message) + " (" + std::string(row.hint) + ")",
                       {{"reason", std::string(row.counter)}}};
    publish(
        {{event_topic(device->info.application_id, dev_eui, EventType::log), to_json_text(log)}},
        now);
}

void ApplicationServer::on_device_status(lorawan::Eui64 dev_eui,
                                         const network_server::DeviceStatus& status, UtcTime now) {
    auto device = load_device(dev_eui);
    if (!device)
        return;
    StatusEvent event{.deduplication_id = ids_.uuid_v4(),
                      .time = now,
                      .device_info = device->info,
                      .margin = status.margin_db,
                      .external_power_source = status.external_power(),
                      .battery_level_unavailable = status.battery_unknown(),
                      .battery_level = 0};
    // 1..254 is the battery level from empty to full; ChirpStack reports it in percent.
    if (!status.external_power() && !status.battery_unknown())
        event.battery_level = static_cast<float>(status.battery) * 100.0F / 254.0F;
    publish({{event_topic(device->info.application_id, dev_eui, EventType::status),
              to_json_text(event)}},
            now);
}

void ApplicationServer::on_tx_result(const network_server::DownlinkTxResult& result, UtcTime now) {
    const auto& dev_eui = result.dev_eui;
    const auto& queue_item_id = result.downlink_id;
    const auto error = result.error;
    auto device = load_device(dev_eui);
    if (!device)
        return;
    const auto& application = device->info.application_id;
    if (error == gateway_bridge::TxAckError::none) {
        const TxAckEvent txack{ids_.u32(),        now,           device->info, queue_item_id,
                               result.f_cnt_down, result.gateway};
        publish({{event_topic(application, dev_eui, EventType::txack), to_json_text(txack)}}, now);
        return;
    }
    // As ChirpStack: a gateway refusal is a log event, not a txack.
    LogEvent log{now,
                 device->info,
                 LogLevel::warning,
                 LogCode::downlink_gateway,
                 std::string(gateway_bridge::describe(error)),
                 {{"tx_ack_error", std::string(gateway_bridge::to_string(error))}}};
    if (queue_item_id)
        log.context["queue_item_id"] = *queue_item_id;
    log.context["gateway_id"] = result.gateway.to_string();
    publish({{event_topic(application, dev_eui, EventType::log), to_json_text(log)}}, now);
}

auto ApplicationServer::publish(const std::vector<std::pair<std::string, std::string>>& events,
                                UtcTime now) -> bool {
    // Several events are stored all or none; one INSERT is that already, without a savepoint.
    std::optional<storage::Transaction> transaction;
    if (events.size() > 1) {
        auto begun = storage::Transaction::begin(store_.database());
        if (!begun) {
            logger_->error("events not stored: {}", begun.error().message);
            return false;
        }
        transaction.emplace(std::move(*begun));
    }
    for (const auto& [topic, payload] : events) {
        if (!outbox_.append(store_.database(), topic, payload, now))
            return false;  // logged and counted by the outbox; the transaction rolls back
    }
    if (transaction) {
        if (auto committed = transaction->commit(); !committed) {
            logger_->error("events not stored: {}", committed.error().message);
            return false;
        }
    }
    // The publisher reads on its own connection: wake it once the rows are visible there.
    if (on_events_)
        store_.database().after_commit(on_events_);
    return true;
}

}  // namespace hortillon::app_server
