// Downlink commands from MQTT: the bytes up to the first newline are the topic, the rest the
// JSON body. Parsing and preparing must refuse anything malformed with a CommandError, never
// crash, and a command that parses must prepare against an EU868 device.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "app-server/downlink_command.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto newline = input.find('\n');
    const auto topic = input.substr(0, newline);
    const auto body =
        newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
    auto command = hortillon::app_server::parse_downlink_command(topic, body);
    if (!command)
        return 0;
    const hortillon::app_server::DownlinkTarget target{
        command->application_id, hortillon::lorawan::region::find_region("EU868"), nullptr};
    auto item = hortillon::app_server::prepare_downlink(*command, target);
    if (item && item->data.size() > 51)
        __builtin_trap();  // the size check let an oversized payload through
    return 0;
}
