#include "app-server/topics.hpp"

#include <array>

namespace hortillon::app_server {

auto to_string(EventType type) -> std::string_view {
    constexpr std::array<std::string_view, 6> names{"up", "join", "ack", "txack", "status", "log"};
    return names.at(static_cast<std::size_t>(type));
}

auto event_topic(std::string_view application_id, lorawan::Eui64 dev_eui, EventType type)
    -> std::string {
    constexpr std::string_view application = "application/";
    constexpr std::string_view device = "/device/";
    constexpr std::string_view event = "/event/";
    const auto eui_text = dev_eui.to_text();
    const auto eui = eui_text.view();
    const auto type_name = to_string(type);
    std::string topic;  // one allocation: built for every event
    topic.reserve(application.size() + application_id.size() + device.size() + eui.size() +
                  event.size() + type_name.size());
    topic += application;
    topic += application_id;
    topic += device;
    topic += eui;
    topic += event;
    topic += type_name;
    return topic;
}

namespace {
// Takes the text up to the next '/' off the front of `rest`.
auto next_level(std::string_view& rest) -> std::string_view {
    const auto slash = rest.find('/');
    const auto level = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    return level;
}
}  // namespace

auto parse_command_topic(std::string_view topic) -> std::optional<CommandTopic> {
    std::string_view rest = topic;
    if (next_level(rest) != "application")
        return std::nullopt;
    const auto application_id = next_level(rest);
    if (application_id.empty() || application_id.find_first_of("+#") != std::string_view::npos)
        return std::nullopt;
    if (next_level(rest) != "device")
        return std::nullopt;
    const auto dev_eui_text = next_level(rest);
    if (next_level(rest) != "command" || rest != "down")
        return std::nullopt;
    const auto dev_eui = lorawan::Eui64::parse(dev_eui_text);
    if (!dev_eui)
        return std::nullopt;
    return CommandTopic{std::string(application_id), *dev_eui};
}

}  // namespace hortillon::app_server
