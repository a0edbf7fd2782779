#pragma once
// Downlink commands from applications (ChirpStack v4's DownlinkCommand over MQTT):
//
//   topic  application/{application_id}/device/{dev_eui}/command/down
//   body   {"devEui": "0102030405060708",   optional; must match the topic's
//           "confirmed": false,             optional, default false
//           "fPort": 10,                    required, 1..223
//           "data": "AQI="}                 base64 FRMPayload, or instead:
//           "object": {...}                 encoded by the device profile's codec
//
// Two pure steps: parse_downlink_command checks what the message alone can tell;
// prepare_downlink checks it against the device (application, codec, region size limit) and
// gives the queue item to store. Every refusal is a CommandError (command_error.hpp).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "app-server/command_error.hpp"
#include "codecs/codec.hpp"
#include "lorawan/region/region.hpp"
#include "lorawan/result.hpp"
#include "storage/device_records.hpp"

namespace hortillon::app_server {

// No LoRaWAN payload comes near this; it bounds the JSON parser's work.
inline constexpr std::size_t max_command_size = 64 * 1024;
// Deeper JSON than this is refused before parsing: no codec object needs it.
inline constexpr std::size_t max_command_depth = 32;

struct DownlinkCommand {
    std::string application_id;  // from the topic
    lorawan::Eui64 dev_eui;      // from the topic
    bool confirmed = false;
    std::uint8_t f_port = 1;
    std::optional<lorawan::Bytes> data;    // exactly one of data and object is set
    std::optional<nlohmann::json> object;  // a JSON object
};

// Errors: bad_topic, too_large, bad_json (also too deeply nested), bad_field,
// dev_eui_mismatch, bad_f_port, bad_data, no_payload, both_payloads.
auto parse_downlink_command(std::string_view topic, std::string_view body)
    -> Result<DownlinkCommand, CommandError>;

// The device a command is for, as the store knows it.
struct DownlinkTarget {
    std::string application_id;
    const lorawan::region::Region* region = nullptr;  // the device profile's region
    const codecs::Codec* codec = nullptr;             // the profile's codec; nullptr: none
};

// The largest FRMPayload every downlink DR of the region carries (N at the lowest downlink DR),
// so that a queued payload fits whatever window the device is reached in.
auto lowest_downlink_payload_limit(const lorawan::region::Region& region) -> std::size_t;

// The queue item for a parsed command. Errors: wrong_application, no_codec, codec_error,
// codec_f_port, payload_too_long.
auto prepare_downlink(const DownlinkCommand& command, const DownlinkTarget& target)
    -> Result<storage::DownlinkQueueItem, CommandError>;

}  // namespace hortillon::app_server
