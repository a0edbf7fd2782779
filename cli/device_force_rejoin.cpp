#include "cli/device_force_rejoin.hpp"

#include <ostream>

#include "lorawan/mac/force_rejoin.hpp"
#include "lorawan/region/region.hpp"

namespace hortillon::cli {

namespace {
auto checked_request(const DeviceForceRejoinOptions& options)
    -> CommandResult<lorawan::ForceRejoinReq> {
    if (options.rejoin_type != 0 && options.rejoin_type != 2)
        return usage_failure("--type must be 0 (full reset) or 2 (new keys, radio kept), not " +
                             std::to_string(options.rejoin_type));
    if (options.data_rate > 15)
        return usage_failure("--dr must be 0 to 15, not " + std::to_string(options.data_rate));
    if (options.max_retries > 7)
        return usage_failure("--max-retries must be 0 to 7, not " +
                             std::to_string(options.max_retries));
    if (options.period > 7)
        return usage_failure("--period must be 0 to 7, not " + std::to_string(options.period));
    return lorawan::ForceRejoinReq{.period = static_cast<std::uint8_t>(options.period),
                                   .max_retries = static_cast<std::uint8_t>(options.max_retries),
                                   .rejoin_type = static_cast<std::uint8_t>(options.rejoin_type),
                                   .data_rate = static_cast<std::uint8_t>(options.data_rate),
                                   .rfu = 0};
}

auto force_rejoin(const GlobalOptions& global, const DeviceForceRejoinOptions& options)
    -> CommandResult<lorawan::Eui64> {
    auto dev_eui = parse_eui_argument("DEV_EUI", options.dev_eui);
    if (!dev_eui)
        return usage_failure(dev_eui.error());
    auto request = checked_request(options);
    if (!request)
        return Unexpected{request.error()};
    auto store = open_store(global);
    if (!store)
        return Unexpected{store.error()};
    auto device = (*store)->get_device(*dev_eui);
    if (!device)
        return store_failure(device.error());
    auto session = (*store)->get_device_session(*dev_eui);
    if (!session)
        return store_failure(session.error());
    if (!session->lorawan_1_1 || !device->otaa) {
        return Unexpected{CommandFailure{
            exit_failure, "device " + dev_eui->to_string() +
                              " has no LoRaWAN 1.1 OTAA session: only 1.1 devices can be asked "
                              "to rejoin; a 1.0 device rejoins when it sends a join-request"}};
    }
    auto profile = (*store)->find_device_profile(device->device_profile_id, std::nullopt);
    if (!profile)
        return store_failure(profile.error());
    if (const auto* region = lorawan::region::find_region(profile->region);
        region != nullptr && !lorawan::region::data_rate(*region, request->data_rate)) {
        return usage_failure("--dr " + std::to_string(options.data_rate) +
                             " is not a data rate of " + profile->region);
    }
    if (auto stored = (*store)->request_force_rejoin(*dev_eui, request->to_word()); !stored) {
        return store_failure(stored.error());
    }
    return *dev_eui;
}
}  // namespace

auto run_device_force_rejoin(const GlobalOptions& global, const DeviceForceRejoinOptions& options,
                             std::ostream& out, std::ostream& err) -> int {
    auto done = force_rejoin(global, options);
    if (!done)
        return report(err, done.error());
    out << "ForceRejoinReq for device " << done->to_string()
        << " goes out in the downlink after its next uplink\n";
    return exit_success;
}

}  // namespace hortillon::cli
