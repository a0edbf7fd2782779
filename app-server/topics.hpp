#pragma once
// MQTT topics of the ChirpStack v4 integration:
//
//   application/{application_id}/device/{dev_eui}/event/{up|join|ack|txack|status|log}
//   application/{application_id}/device/{dev_eui}/command/down
//
// dev_eui is 16 lowercase hex digits. Application ids are UUIDs, so they never hold the MQTT
// separators and wildcards; a topic whose id does would be refused by parse_command_topic.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lorawan/identifiers.hpp"

namespace hortillon::app_server {

enum class EventType : std::uint8_t { up, join, ack, txack, status, log };

// "up", "join", "ack", "txack", "status", "log".
auto to_string(EventType type) -> std::string_view;

auto event_topic(std::string_view application_id, lorawan::Eui64 dev_eui, EventType type)
    -> std::string;

// What the server subscribes to for downlink commands.
inline constexpr std::string_view command_subscription = "application/+/device/+/command/down";

struct CommandTopic {
    std::string application_id;
    lorawan::Eui64 dev_eui;
};

// The parts of a command topic; nullopt when it is not exactly of the form above (any other
// shape, an empty application id, a DevEUI that is not 16 hex digits).
auto parse_command_topic(std::string_view topic) -> std::optional<CommandTopic>;

}  // namespace hortillon::app_server
