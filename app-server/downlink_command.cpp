#include "app-server/downlink_command.hpp"

#include <algorithm>
#include <limits>

#include "app-server/topics.hpp"
#include "gateway-bridge/base64.hpp"

namespace hortillon::app_server {

using nlohmann::json;

namespace {
using Failure = Unexpected<CommandError>;

// The deepest nesting of objects and arrays in `text`, counting only brackets outside strings.
// nlohmann's parser is iterative, but destroying and dumping a value recurse: this keeps a
// hostile message from reaching them.
auto nesting_depth(std::string_view text) -> std::size_t {
    std::size_t depth = 0;
    std::size_t deepest = 0;
    bool in_string = false;
    bool escaped = false;
    for (const char c : text) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            deepest = std::max(deepest, ++depth);
        } else if ((c == '}' || c == ']') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

auto read_dev_eui(const json& body, lorawan::Eui64 topic_dev_eui) -> Result<bool, CommandError> {
    const auto found = body.find("devEui");
    if (found == body.end() || found->is_null())
        return true;
    if (!found->is_string())
        return Failure{CommandError::bad_field};
    const auto dev_eui = lorawan::Eui64::parse(found->get_ref<const std::string&>());
    if (!dev_eui || *dev_eui != topic_dev_eui)
        return Failure{CommandError::dev_eui_mismatch};
    return true;
}

auto read_f_port(const json& body) -> Result<std::uint8_t, CommandError> {
    const auto found = body.find("fPort");
    if (found == body.end() || found->is_null())
        return Failure{CommandError::bad_f_port};
    if (!found->is_number_integer())
        return Failure{found->is_number() ? CommandError::bad_f_port : CommandError::bad_field};
    if (found->is_number_unsigned()) {
        const auto value = found->get<std::uint64_t>();
        if (value >= 1 && value <= 223)
            return static_cast<std::uint8_t>(value);
    }
    return Failure{CommandError::bad_f_port};
}

auto read_payload(const json& body, DownlinkCommand& command) -> Result<bool, CommandError> {
    const auto data = body.find("data");
    const auto object = body.find("object");
    const bool has_data = data != body.end() && !data->is_null();
    const bool has_object = object != body.end() && !object->is_null();
    if (has_data && has_object)
        return Failure{CommandError::both_payloads};
    if (has_data) {
        if (!data->is_string())
            return Failure{CommandError::bad_field};
        auto bytes = gateway_bridge::decode_base64(data->get_ref<const std::string&>());
        if (!bytes)
            return Failure{CommandError::bad_data};
        command.data = std::move(*bytes);
        return true;
    }
    if (has_object) {
        if (!object->is_object())
            return Failure{CommandError::bad_field};
        command.object = *object;
        return true;
    }
    return Failure{CommandError::no_payload};
}
}  // namespace

auto parse_downlink_command(std::string_view topic, std::string_view body)
    -> Result<DownlinkCommand, CommandError> {
    auto parts = parse_command_topic(topic);
    if (!parts)
        return Failure{CommandError::bad_topic};
    if (body.size() > max_command_size)
        return Failure{CommandError::too_large};
    if (nesting_depth(body) > max_command_depth)
        return Failure{CommandError::bad_json};
    const json parsed = json::parse(body.begin(), body.end(), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object())
        return Failure{CommandError::bad_json};

    DownlinkCommand command;
    command.application_id = std::move(parts->application_id);
    command.dev_eui = parts->dev_eui;
    if (auto dev_eui = read_dev_eui(parsed, command.dev_eui); !dev_eui)
        return Failure{dev_eui.error()};
    if (const auto confirmed = parsed.find("confirmed");
        confirmed != parsed.end() && !confirmed->is_null()) {
        if (!confirmed->is_boolean())
            return Failure{CommandError::bad_field};
        command.confirmed = confirmed->get<bool>();
    }
    auto f_port = read_f_port(parsed);
    if (!f_port)
        return Failure{f_port.error()};
    command.f_port = *f_port;
    if (auto payload = read_payload(parsed, command); !payload)
        return Failure{payload.error()};
    return command;
}

auto lowest_downlink_payload_limit(const lorawan::region::Region& region) -> std::size_t {
    std::size_t limit = std::numeric_limits<std::size_t>::max();
    for (const auto& definition : region.data_rates) {
        if (definition.downlink)
            limit = std::min<std::size_t>(limit, definition.max_payload.n);
    }
    return limit == std::numeric_limits<std::size_t>::max() ? 0 : limit;
}

auto prepare_downlink(const DownlinkCommand& command, const DownlinkTarget& target)
    -> Result<storage::DownlinkQueueItem, CommandError> {
    if (command.application_id != target.application_id)
        return Failure{CommandError::wrong_application};
    storage::DownlinkQueueItem item;
    item.dev_eui = command.dev_eui;
    item.f_port = command.f_port;
    item.confirmed = command.confirmed;
    if (command.data) {
        item.data = *command.data;
    } else {
        if (target.codec == nullptr || !target.codec->info().encodes_downlink)
            return Failure{CommandError::no_codec};
        // The object comes from outside: a codec reading a field of the wrong type may throw.
        try {
            const auto encoded = target.codec->encode_downlink(json{{"data", *command.object}});
            if (!encoded.ok())
                return Failure{CommandError::codec_error};
            // The bytes mean what the codec says only on its fPort (0: it names none).
            if (encoded.f_port != 0 && encoded.f_port != command.f_port)
                return Failure{CommandError::codec_f_port};
            item.data = encoded.bytes;
        } catch (const std::exception&) {
            return Failure{CommandError::codec_error};
        }
    }
    if (target.region == nullptr ||
        item.data.size() > lowest_downlink_payload_limit(*target.region))
        return Failure{CommandError::payload_too_long};
    return item;
}

}  // namespace hortillon::app_server
