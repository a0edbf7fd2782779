#include "cli/device_profile_commands.hpp"

#include <map>
#include <ostream>

#include "cli/table.hpp"
#include "codecs/builtin.hpp"
#include "lorawan/region/region.hpp"

namespace hortillon::cli {

namespace {
// A built-in codec, or a JavaScript codec imported into `store` (checked once it is open).
auto check_codec(std::string_view option, std::string_view id, storage::Store* store)
    -> ArgumentResult<std::string> {
    auto text = require_non_empty(option, id);
    if (!text)
        return text;
    const codecs::CodecRegistry registry = codecs::make_builtin_registry();
    if (store == nullptr || registry.find(id) != nullptr)
        return text;
    if (store->find_codec(id))
        return text;
    std::string message =
        std::string(option) + ": unknown codec '" + std::string(id) + "'; known codecs:";
    for (const codecs::CodecInfo& info : registry.list())
        message += "\n  " + info.id + "  (" + info.vendor + " " + info.device + ")";
    if (auto imported = store->list_codecs()) {
        for (const storage::StoredCodec& codec : *imported)
            message += "\n  " + codec.id + "  (JavaScript, imported)";
    }
    return Unexpected{ArgumentError{message}};
}

// A data rate the profile's region defines for `direction`.
auto parse_region_dr(std::string_view option, std::string_view text,
                     const lorawan::region::Region& region, bool uplink)
    -> ArgumentResult<std::uint8_t> {
    auto value = parse_bounded_argument(option, text, 0, 15);
    if (!value)
        return Unexpected{value.error()};
    const auto* definition =
        lorawan::region::data_rate_definition(region, static_cast<std::uint8_t>(*value));
    if (definition == nullptr || !(uplink ? definition->uplink : definition->downlink)) {
        return Unexpected{ArgumentError{std::string(option) + ": " + std::string(region.id) +
                                        " has no " + (uplink ? "uplink" : "downlink") + " DR" +
                                        std::to_string(*value)}};
    }
    return static_cast<std::uint8_t>(*value);
}

// Receive windows, ADR and DevStatus, checked against the profile's region.
auto apply_radio_options(const DeviceProfileCreateOptions& options, storage::DeviceProfile& profile)
    -> ArgumentResult<void> {
    const auto* region = lorawan::region::find_region(profile.region);
    if (region == nullptr)
        return Unexpected{ArgumentError{"--region: unknown region " + profile.region}};
    if (options.rx1_dr_offset) {
        auto offset = parse_bounded_argument("--rx1-dr-offset", *options.rx1_dr_offset, 0, 7);
        if (!offset)
            return Unexpected{offset.error()};
        profile.rx1_dr_offset = static_cast<std::uint8_t>(*offset);
    }
    if (options.rx2_dr) {
        auto dr = parse_region_dr("--rx2-dr", *options.rx2_dr, *region, false);
        if (!dr)
            return Unexpected{dr.error()};
        profile.rx2_dr = *dr;
    }
    if (options.rx2_frequency) {
        auto hz =
            parse_bounded_argument("--rx2-frequency", *options.rx2_frequency,
                                   region->frequency_range.min_hz, region->frequency_range.max_hz);
        if (!hz)
            return Unexpected{hz.error()};
        profile.rx2_frequency_hz = *hz;
    }
    profile.adr_enabled = options.adr;
    auto margin = parse_decibel_argument("--adr-margin", options.adr_margin, 0, 30);
    if (!margin)
        return Unexpected{margin.error()};
    profile.adr_margin_db = *margin;
    if (options.adr_min_dr) {
        auto dr = parse_region_dr("--adr-min-dr", *options.adr_min_dr, *region, true);
        if (!dr)
            return Unexpected{dr.error()};
        profile.adr_min_dr = *dr;
    }
    if (options.adr_max_dr) {
        auto dr = parse_region_dr("--adr-max-dr", *options.adr_max_dr, *region, true);
        if (!dr)
            return Unexpected{dr.error()};
        profile.adr_max_dr = *dr;
    }
    if (profile.adr_min_dr > profile.adr_max_dr) {
        return Unexpected{ArgumentError{"--adr-min-dr: DR" + std::to_string(profile.adr_min_dr) +
                                        " is above --adr-max-dr DR" +
                                        std::to_string(profile.adr_max_dr)}};
    }
    auto nb_trans = parse_bounded_argument("--max-nb-trans", options.max_nb_trans, 1, 15);
    if (!nb_trans)
        return Unexpected{nb_trans.error()};
    profile.adr_max_nb_trans = static_cast<std::uint8_t>(*nb_trans);
    auto interval = parse_bounded_argument("--device-status-interval",
                                           options.device_status_interval, 0, 31'622'400);
    if (!interval)
        return Unexpected{interval.error()};
    profile.device_status_interval = std::chrono::seconds{*interval};
    return {};
}

// Everything but the tenant, which needs the store.
auto profile_from_options(const DeviceProfileCreateOptions& options)
    -> ArgumentResult<storage::DeviceProfile> {
    storage::DeviceProfile profile;
    auto name = require_non_empty("--name", options.name);
    if (!name)
        return Unexpected{name.error()};
    profile.name = *name;
    auto region = parse_region_argument("--region", options.region);
    if (!region)
        return Unexpected{region.error()};
    profile.region = *region;
    auto version = parse_mac_version_argument("--mac-version", options.mac_version);
    if (!version)
        return Unexpected{version.error()};
    profile.mac_version = *version;
    auto device_class = parse_device_class_argument("--class", options.device_class);
    if (!device_class)
        return Unexpected{device_class.error()};
    profile.device_class = *device_class;
    auto rx1_delay = parse_rx1_delay_argument("--rx1-delay", options.rx1_delay);
    if (!rx1_delay)
        return Unexpected{rx1_delay.error()};
    profile.rx1_delay = *rx1_delay;
    if (options.codec) {
        auto codec = check_codec("--codec", *options.codec, nullptr);
        if (!codec)
            return Unexpected{codec.error()};
        profile.codec_id = *codec;
    }
    if (auto radio = apply_radio_options(options, profile); !radio)
        return Unexpected{radio.error()};
    return profile;
}

auto create_device_profile(const GlobalOptions& global, const DeviceProfileCreateOptions& options)
    -> CommandResult<storage::DeviceProfile> {
    auto profile = profile_from_options(options);
    if (!profile)
        return usage_failure(profile.error());
    auto store = open_store(global);
    if (!store)
        return Unexpected{store.error()};
    if (profile->codec_id) {
        if (auto codec = check_codec("--codec", *profile->codec_id, store->get()); !codec)
            return usage_failure(codec.error());
    }
    auto tenant = resolve_tenant(**store, "--tenant", options.tenant);
    if (!tenant)
        return Unexpected{tenant.error()};
    profile->tenant_id = tenant->id;
    auto created = (*store)->create_device_profile(*profile);
    if (!created)
        return store_failure(created.error());
    return std::move(*created);
}

auto list_device_profiles(const GlobalOptions& global, const DeviceProfileListOptions& options,
                          std::ostream& out) -> CommandResult<void> {
    auto store = open_store(global);
    if (!store)
        return Unexpected{store.error()};
    auto scope = resolve_tenant_scope(**store, options.tenant);
    if (!scope)
        return Unexpected{scope.error()};
    auto names = tenant_names(**store);
    if (!names)
        return Unexpected{names.error()};
    auto profiles = (*store)->list_device_profiles(*scope);
    if (!profiles)
        return store_failure(profiles.error());
    Table table(
        {"ID", "TENANT", "NAME", "REGION", "MAC_VERSION", "CLASS", "RX1_DELAY", "ADR", "CODEC"});
    for (const storage::DeviceProfile& profile : *profiles)
        table.add_row({profile.id, (*names)[profile.tenant_id], profile.name, profile.region,
                       std::string(lorawan::to_string(profile.mac_version)),
                       std::string(to_string(profile.device_class)),
                       std::to_string(profile.rx1_delay.count()) + "s",
                       profile.adr_enabled ? "on" : "off", profile.codec_id.value_or("-")});
    table.print(out);
    return {};
}
}  // namespace

auto run_device_profile_create(const GlobalOptions& global,
                               const DeviceProfileCreateOptions& options, std::ostream& out,
                               std::ostream& err) -> int {
    auto profile = create_device_profile(global, options);
    if (!profile)
        return report(err, profile.error());
    out << profile->id << '\n';
    return exit_success;
}

auto run_device_profile_list(const GlobalOptions& global, const DeviceProfileListOptions& options,
                             std::ostream& out, std::ostream& err) -> int {
    auto listed = list_device_profiles(global, options, out);
    return listed ? exit_success : report(err, listed.error());
}

}  // namespace hortillon::cli
