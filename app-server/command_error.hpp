#pragma once
// Why a downlink command was refused, and what follows from it: one row per error gives the log
// line, the counter, the ChirpStack log code of the `log` event sent back to the application,
// and the hint for whoever sent the command. Nothing is queued for a refused command.

#include <cstdint>
#include <span>
#include <string_view>

#include "app-server/events.hpp"

namespace hortillon::app_server {

enum class CommandError : std::uint8_t {
    bad_topic,          // not application/{id}/device/{16 hex}/command/down
    too_large,          // the message is larger than any downlink command can be
    bad_json,           // not a JSON object
    bad_field,          // a known key with the wrong type (fPort not a number, ...)
    dev_eui_mismatch,   // "devEui" in the body names another device than the topic
    bad_f_port,         // fPort missing, 0 (MAC commands only) or above 223
    bad_data,           // "data" is not standard base64
    no_payload,         // neither "data" nor "object"
    both_payloads,      // "data" and "object" together: which one was meant?
    unknown_device,     // no such device
    wrong_application,  // the device belongs to another application
    no_codec,           // "object" given, but the profile has no codec that encodes
    codec_error,        // the codec refused the object
    codec_f_port,       // the codec encodes the object for another fPort than the command's
    payload_too_long,   // longer than the region allows at its lowest downlink data rate
    queue_full,         // the device's downlink queue is at capacity
    storage_failure,    // the store failed
};

struct CommandErrorInfo {
    CommandError error;
    std::string_view name;     // "bad_json"
    std::string_view counter;  // "as_command_bad_json"
    LogCode log_code;          // in the `log` event
    std::string_view message;  // one log line / the event's description
    std::string_view hint;     // what the sender can do
};

// Every row, in enumerator order.
auto command_errors() -> std::span<const CommandErrorInfo>;
auto info(CommandError error) -> const CommandErrorInfo&;
auto to_string(CommandError error) -> std::string_view;

}  // namespace hortillon::app_server
