#include "app-server/command_error.hpp"

#include <array>

namespace hortillon::app_server {

namespace {
using enum CommandError;

// unknown_device and wrong_application say the same thing to the sender: a commune must not
// learn which DevEUIs other communes have.
constexpr std::array rows{
    CommandErrorInfo{bad_topic, "bad_topic", "as_command_bad_topic", LogCode::unknown,
                     "downlink command on a malformed topic",
                     "publish to application/{application_id}/device/{dev_eui}/command/down"},
    CommandErrorInfo{too_large, "too_large", "as_command_too_large", LogCode::downlink_payload_size,
                     "downlink command message too large", "send at most 64 KiB of JSON"},
    CommandErrorInfo{bad_json, "bad_json", "as_command_bad_json", LogCode::unknown,
                     "downlink command is not a JSON object",
                     "send {\"devEui\", \"confirmed\", \"fPort\", \"data\" (base64)}"},
    CommandErrorInfo{bad_field, "bad_field", "as_command_bad_field", LogCode::unknown,
                     "downlink command field has the wrong type",
                     "devEui and data are strings, fPort a number, confirmed a boolean, "
                     "object an object"},
    CommandErrorInfo{dev_eui_mismatch, "dev_eui_mismatch", "as_command_dev_eui_mismatch",
                     LogCode::unknown, "devEui in the command differs from the topic's",
                     "use the same DevEUI in the topic and the body, or leave devEui out"},
    CommandErrorInfo{bad_f_port, "bad_f_port", "as_command_bad_f_port", LogCode::unknown,
                     "downlink command fPort missing or outside 1..223",
                     "application payloads use FPort 1 to 223"},
    CommandErrorInfo{bad_data, "bad_data", "as_command_bad_data", LogCode::unknown,
                     "downlink command data is not base64",
                     "encode the payload in standard base64 (RFC 4648, + and /)"},
    CommandErrorInfo{no_payload, "no_payload", "as_command_no_payload", LogCode::unknown,
                     "downlink command has neither data nor object",
                     "give data (base64) or object (for the device profile's codec)"},
    CommandErrorInfo{both_payloads, "both_payloads", "as_command_both_payloads", LogCode::unknown,
                     "downlink command has both data and object", "give either data or object"},
    CommandErrorInfo{unknown_device, "unknown_device", "as_command_unknown_device",
                     LogCode::unknown, "device not found in this application",
                     "check the DevEUI and the application id in the topic"},
    CommandErrorInfo{wrong_application, "wrong_application", "as_command_wrong_application",
                     LogCode::unknown, "device not found in this application",
                     "check the DevEUI and the application id in the topic"},
    CommandErrorInfo{no_codec, "no_codec", "as_command_no_codec", LogCode::downlink_codec,
                     "object given, but the device profile has no codec that encodes downlinks",
                     "send data (base64), or set a codec on the device profile"},
    CommandErrorInfo{codec_error, "codec_error", "as_command_codec_error", LogCode::downlink_codec,
                     "the device profile's codec refused the object",
                     "check the object against the device's downlink documentation"},
    CommandErrorInfo{codec_f_port, "codec_f_port", "as_command_codec_f_port",
                     LogCode::downlink_codec,
                     "the device profile's codec encodes this object for another fPort",
                     "send the command with the fPort the codec names (`hortillon codec encode` "
                     "shows it)"},
    CommandErrorInfo{payload_too_long, "payload_too_long", "as_command_payload_too_long",
                     LogCode::downlink_payload_size,
                     "downlink payload too long for the device's region at its lowest data rate",
                     "send a shorter payload, or split it"},
    CommandErrorInfo{queue_full, "queue_full", "as_command_queue_full", LogCode::unknown,
                     "the device's downlink queue is full",
                     "wait until the device has taken queued downlinks (at its next uplinks)"},
    CommandErrorInfo{storage_failure, "storage_failure", "as_command_storage_failure",
                     LogCode::unknown, "downlink not queued: the store failed",
                     "retry; the server log says what failed"},
};
static_assert(rows.size() == static_cast<std::size_t>(storage_failure) + 1);
}  // namespace

auto command_errors() -> std::span<const CommandErrorInfo> {
    return rows;
}

auto info(CommandError error) -> const CommandErrorInfo& {
    return rows.at(static_cast<std::size_t>(error));
}

auto to_string(CommandError error) -> std::string_view {
    return info(error).name;
}

}  // namespace hortillon::app_server
