// ApplicationServer::on_command: a downlink command from MQTT into the device's queue.
#include <spdlog/spdlog.h>

#include "app-server/application_server.hpp"
#include "app-server/downlink_command.hpp"
#include "app-server/event_json.hpp"
#include "app-server/topics.hpp"

namespace hortillon::app_server {

namespace {
auto queue_error(storage::StoreError error) -> CommandError {
    switch (error) {
        case storage::StoreError::queue_full:
            return CommandError::queue_full;
        case storage::StoreError::not_found:
            return CommandError::unknown_device;
        default:
            return CommandError::storage_failure;
    }
}
}  // namespace

auto ApplicationServer::on_command(std::string_view topic, std::string_view payload, UtcTime now)
    -> Result<storage::DownlinkQueueItem, CommandError> {
    // Until the device is found in the topic's application, the `log` event names only what
    // the sender gave: another commune's device stays invisible.
    DeviceInfo info;
    if (auto parts = parse_command_topic(topic)) {
        info.application_id = parts->application_id;
        info.dev_eui = parts->dev_eui;
    }
    auto queued = queue_command(topic, payload, info);
    if (!queued) {
        refuse_command(queued.error(), topic, info, now);
        return queued;
    }
    counters_.increment("as_command_queued");
    logger_->info("downlink {} queued for {} (FPort {}, {} bytes{})", queued->id,
                  queued->dev_eui.to_string(), queued->f_port, queued->data.size(),
                  queued->confirmed ? ", confirmed" : "");
    return queued;
}

auto ApplicationServer::queue_command(std::string_view topic, std::string_view payload,
                                      DeviceInfo& info)
    -> Result<storage::DownlinkQueueItem, CommandError> {
    auto command = parse_downlink_command(topic, payload);
    if (!command)
        return Unexpected{command.error()};
    auto device = load_device(command->dev_eui);
    if (!device)
        return Unexpected{queue_error(device.error().code)};
    if (device->info.application_id != command->application_id)
        return Unexpected{CommandError::wrong_application};
    info = device->info;
    const auto& codec_id = device->profile->codec_id;
    const DownlinkTarget target{device->info.application_id,
                                lorawan::region::find_region(device->profile->region),
                                codec_id ? codecs_.find(*codec_id) : nullptr};
    auto item = prepare_downlink(*command, target);
    if (!item)
        return Unexpected{item.error()};
    auto stored = store_.enqueue_downlink(std::move(*item));
    if (!stored)
        return Unexpected{queue_error(stored.error().code)};
    return std::move(*stored);
}

void ApplicationServer::refuse_command(CommandError error, std::string_view topic,
                                       const DeviceInfo& info, UtcTime now) {
    const auto& row = app_server::info(error);
    counters_.increment(row.counter);
    logger_->warn("downlink command on {} refused: {} ({}); {}", topic, row.message, row.name,
                  row.hint);
    if (error == CommandError::bad_topic)
        return;  // no device topic to answer on
    const LogEvent log{now,
                       info,
                       LogLevel::error,
                       row.log_code,
                       std::string(row.message),
                       {{"reason", std::string(row.name)}, {"hint", std::string(row.hint)}}};
    publish({{event_topic(info.application_id, info.dev_eui, EventType::log), to_json_text(log)}},
            now);
}

}  // namespace hortillon::app_server
