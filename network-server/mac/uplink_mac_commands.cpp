#include "network-server/mac/uplink_mac_commands.hpp"

#include "network-server/gps_time.hpp"
#include "network-server/radio.hpp"

namespace hortillon::network_server {

using namespace lorawan;

auto answer_link_check(const UplinkMacContext& context) -> LinkCheckAns {
    return LinkCheckAns{
        .margin = link_check_margin(context.rx_infos, context.spreading_factor),
        .gw_cnt = static_cast<std::uint8_t>(std::min<std::size_t>(context.rx_infos.size(), 255))};
}

auto answer_device_time(const UplinkMacContext& context) -> DeviceTimeAns {
    for (const auto& rx : context.rx_infos) {
        if (rx.gps_time) {  // tmms: GPS milliseconds, already without leap seconds
            const auto ms = rx.gps_time->since_gps_epoch.count();
            return DeviceTimeAns{
                .seconds = static_cast<std::uint32_t>(ms / 1000),
                .fractional_second = static_cast<std::uint8_t>(ms % 1000 * 256 / 1000)};
        }
    }
    const GpsSeconds gps = to_gps_seconds(context.received_at);
    return DeviceTimeAns{.seconds = gps.seconds, .fractional_second = gps.fractional};
}

auto handle_uplink_mac_commands(std::span<const MacCommand> commands,
                                const UplinkMacContext& context) -> MacOutcome {
    MacOutcome outcome;
    for (const auto& command : commands) {
        if (std::holds_alternative<LinkCheckReq>(command)) {
            outcome.answers.emplace_back(answer_link_check(context));
        } else if (std::holds_alternative<DeviceTimeReq>(command)) {
            outcome.answers.emplace_back(answer_device_time(context));
        } else {
            outcome.device_answers.push_back(command);
        }
    }
    return outcome;
}

}  // namespace hortillon::network_server
