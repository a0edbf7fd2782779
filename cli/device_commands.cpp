#include "cli/device_commands.hpp"

#include <map>
#include <ostream>
#include <utility>
#include <vector>

#include "cli/table.hpp"

namespace hortillon::cli {

namespace {
using NamedOption = std::pair<std::string_view, const std::optional<std::string>*>;

constexpr std::string_view activation_forms =
    "give --join-eui and --app-key [--nwk-key] for OTAA, or --dev-addr, --nwk-s-key and "
    "--app-s-key for ABP (LoRaWAN 1.1: --f-nwk-s-int-key, --s-nwk-s-int-key and "
    "--nwk-s-enc-key instead of --nwk-s-key)";

auto join(const std::vector<std::string_view>& names) -> std::string {
    std::string text;
    for (const std::string_view name : names)
        text += (text.empty() ? "" : ", ") + std::string(name);
    return text;
}

auto given(std::initializer_list<NamedOption> options) -> std::vector<std::string_view> {
    std::vector<std::string_view> names;
    for (const auto& [name, value] : options)
        if (value->has_value())
            names.push_back(name);
    return names;
}

auto missing(std::initializer_list<NamedOption> options) -> std::vector<std::string_view> {
    std::vector<std::string_view> names;
    for (const auto& [name, value] : options)
        if (!value->has_value())
            names.push_back(name);
    return names;
}

// The activation the options describe, before the profile is known.
struct Activation {
    std::optional<storage::OtaaKeys> otaa{};
    std::optional<storage::AbpActivation> abp{};
    bool abp_1_1_keys = false;  // the three 1.1 network session keys were given
};

auto parse_otaa(const DeviceCreateOptions& options) -> ArgumentResult<Activation> {
    const auto absent =
        missing({{"--join-eui", &options.join_eui}, {"--app-key", &options.app_key}});
    if (!absent.empty())
        return Unexpected{
            ArgumentError{"OTAA needs --join-eui and --app-key: missing " + join(absent)}};
    auto join_eui = parse_eui_argument("--join-eui", *options.join_eui);
    if (!join_eui)
        return Unexpected{join_eui.error()};
    auto app_key = parse_key_argument("--app-key", *options.app_key);
    if (!app_key)
        return Unexpected{app_key.error()};
    storage::OtaaKeys keys{*join_eui, *app_key, std::nullopt};
    if (options.nwk_key) {
        auto nwk_key = parse_key_argument("--nwk-key", *options.nwk_key);
        if (!nwk_key)
            return Unexpected{nwk_key.error()};
        keys.nwk_key = *nwk_key;
    }
    return Activation{.otaa = keys};
}

auto parse_abp(const DeviceCreateOptions& options) -> ArgumentResult<Activation> {
    const auto keys_1_1 = given({{"--f-nwk-s-int-key", &options.f_nwk_s_int_key},
                                 {"--s-nwk-s-int-key", &options.s_nwk_s_int_key},
                                 {"--nwk-s-enc-key", &options.nwk_s_enc_key}});
    if (options.nwk_s_key && !keys_1_1.empty())
        return Unexpected{ArgumentError{"--nwk-s-key (LoRaWAN 1.0.x) cannot be combined with " +
                                        join(keys_1_1) + " (LoRaWAN 1.1)"}};
    const bool lorawan_1_1 = !keys_1_1.empty();
    const auto absent = lorawan_1_1 ? missing({{"--dev-addr", &options.dev_addr},
                                               {"--f-nwk-s-int-key", &options.f_nwk_s_int_key},
                                               {"--s-nwk-s-int-key", &options.s_nwk_s_int_key},
                                               {"--nwk-s-enc-key", &options.nwk_s_enc_key},
                                               {"--app-s-key", &options.app_s_key}})
                                    : missing({{"--dev-addr", &options.dev_addr},
                                               {"--nwk-s-key", &options.nwk_s_key},
                                               {"--app-s-key", &options.app_s_key}});
    if (!absent.empty())
        return Unexpected{ArgumentError{
            std::string(lorawan_1_1 ? "ABP (LoRaWAN 1.1) needs --dev-addr, --f-nwk-s-int-key, "
                                      "--s-nwk-s-int-key, --nwk-s-enc-key and --app-s-key"
                                    : "ABP needs --dev-addr, --nwk-s-key and --app-s-key "
                                      "(LoRaWAN 1.1: the three 1.1 network keys instead of "
                                      "--nwk-s-key)") +
            ": missing " + join(absent)}};

    auto dev_addr = parse_dev_addr_argument("--dev-addr", *options.dev_addr);
    if (!dev_addr)
        return Unexpected{dev_addr.error()};
    std::vector<std::pair<std::string_view, const std::string*>> key_options;
    if (lorawan_1_1)
        key_options = {{"--f-nwk-s-int-key", &*options.f_nwk_s_int_key},
                       {"--s-nwk-s-int-key", &*options.s_nwk_s_int_key},
                       {"--nwk-s-enc-key", &*options.nwk_s_enc_key}};
    else
        key_options = {{"--nwk-s-key", &*options.nwk_s_key}};
    key_options.emplace_back("--app-s-key", &*options.app_s_key);
    std::vector<lorawan::AesKey> keys;
    for (const auto& [name, text] : key_options) {
        auto key = parse_key_argument(name, *text);
        if (!key)
            return Unexpected{key.error()};
        keys.push_back(*key);
    }
    // 1.0.x: the NwkSKey stands in all three network roles.
    const lorawan::SessionKeys session_keys =
        lorawan_1_1 ? lorawan::SessionKeys{keys[0], keys[1], keys[2], keys[3]}
                    : lorawan::SessionKeys{keys[0], keys[0], keys[0], keys[1]};
    return Activation{.abp = storage::AbpActivation{*dev_addr, session_keys},
                      .abp_1_1_keys = lorawan_1_1};
}

auto parse_activation(const DeviceCreateOptions& options) -> ArgumentResult<Activation> {
    const auto otaa = given({{"--join-eui", &options.join_eui},
                             {"--app-key", &options.app_key},
                             {"--nwk-key", &options.nwk_key}});
    const auto abp = given({{"--dev-addr", &options.dev_addr},
                            {"--nwk-s-key", &options.nwk_s_key},
                            {"--app-s-key", &options.app_s_key},
                            {"--f-nwk-s-int-key", &options.f_nwk_s_int_key},
                            {"--s-nwk-s-int-key", &options.s_nwk_s_int_key},
                            {"--nwk-s-enc-key", &options.nwk_s_enc_key}});
    if (!otaa.empty() && !abp.empty())
        return Unexpected{ArgumentError{"cannot mix OTAA options (" + join(otaa) +
                                        ") with ABP options (" + join(abp) + "); " +
                                        std::string(activation_forms)}};
    if (otaa.empty() && abp.empty())
        return Unexpected{ArgumentError{"no activation given: " + std::string(activation_forms)}};
    return otaa.empty() ? parse_abp(options) : parse_otaa(options);
}

// The keys given must be those of the profile's LoRaWAN version.
auto check_against_profile(const Activation& activation, const storage::DeviceProfile& profile)
    -> ArgumentResult<void> {
    const bool lorawan_1_1 = lorawan::is_lorawan_1_1(profile.mac_version);
    const std::string version(lorawan::to_string(profile.mac_version));
    if (activation.otaa && activation.otaa->nwk_key && !lorawan_1_1)
        return Unexpected{ArgumentError{
            "--nwk-key is a LoRaWAN 1.1 root key, but device profile '" + profile.name +
            "' is LoRaWAN " + version + " (which has only --app-key)"}};
    if (activation.abp && activation.abp_1_1_keys != lorawan_1_1)
        return Unexpected{ArgumentError{
            "device profile '" + profile.name + "' is LoRaWAN " + version + ": give " +
            (lorawan_1_1 ? "--f-nwk-s-int-key, --s-nwk-s-int-key and --nwk-s-enc-key"
                         : "--nwk-s-key") +
            " with --app-s-key"}};
    return {};
}

auto create_device(const GlobalOptions& global, const DeviceCreateOptions& options)
    -> CommandResult<storage::Device> {
    auto dev_eui = parse_eui_argument("--dev-eui", options.dev_eui);
    if (!dev_eui)
        return usage_failure(dev_eui.error());
    auto name = require_non_empty("--name", options.name);
    if (!name)
        return usage_failure(name.error());
    auto activation = parse_activation(options);
    if (!activation)
        return usage_failure(activation.error());

    auto store = open_store(global);
    if (!store)
        return Unexpected{store.error()};
    auto application = resolve_application(**store, "--application", options.application);
    if (!application)
        return Unexpected{application.error()};
    auto tenant = (*store)->find_tenant(application->tenant_id);
    if (!tenant)
        return store_failure(tenant.error());
    auto profile =
        resolve_device_profile(**store, "--device-profile", options.device_profile, *tenant);
    if (!profile)
        return Unexpected{profile.error()};
    if (auto fits = check_against_profile(*activation, *profile); !fits)
        return usage_failure(fits.error());

    const storage::NewDevice device{.device = storage::Device{.dev_eui = *dev_eui,
                                                              .application_id = application->id,
                                                              .device_profile_id = profile->id,
                                                              .name = *name,
                                                              .otaa = activation->otaa},
                                    .abp = activation->abp};
    auto created = (*store)->create_device(device);
    if (!created)
        return store_failure(created.error());
    return std::move(*created);
}

// Names by id, for tables that would otherwise show UUIDs only.
template <class Row>
auto names_by_id(const std::vector<Row>& rows) -> std::map<std::string, std::string> {
    std::map<std::string, std::string> names;
    for (const Row& row : rows)
        names.emplace(row.id, row.name);
    return names;
}

auto list_devices(const GlobalOptions& global, const DeviceListOptions& options, std::ostream& out)
    -> CommandResult<void> {
    auto store = open_store(global);
    if (!store)
        return Unexpected{store.error()};
    storage::DeviceFilter filter;
    if (options.application) {
        auto application = resolve_application(**store, "--application", *options.application);
        if (!application)
            return Unexpected{application.error()};
        filter.application_id = application->id;
    }
    auto applications = (*store)->list_applications(std::nullopt);
    if (!applications)
        return store_failure(applications.error());
    auto profiles = (*store)->list_device_profiles(std::nullopt);
    if (!profiles)
        return store_failure(profiles.error());
    auto devices = (*store)->list_devices(filter);
    if (!devices)
        return store_failure(devices.error());
    auto application_names = names_by_id(*applications);
    auto profile_names = names_by_id(*profiles);
    Table table({"DEV_EUI", "NAME", "APPLICATION", "DEVICE_PROFILE", "ACTIVATION", "JOIN_EUI"});
    for (const storage::Device& device : *devices)
        table.add_row({device.dev_eui.to_string(), device.name,
                       application_names[device.application_id],
                       profile_names[device.device_profile_id], device.otaa ? "OTAA" : "ABP",
                       device.otaa ? device.otaa->join_eui.to_string() : "-"});
    table.print(out);
    return {};
}

constexpr std::string_view secret_mark = "  [SECRET]";

void add_session_rows(Table& table, const storage::DeviceSession& session) {
    const auto& keys = session.keys;
    table.add_row({"dev_addr", session.dev_addr.to_string()});
    table.add_row({"session_mac_version", std::string(lorawan::to_string(session.mac_version))});
    table.add_row({"activated_at", format_timestamp(session.activated_at)});
    const auto& counters = session.counters;
    table.add_row({"f_cnt_up",
                   counters.last_f_cnt_up ? std::to_string(*counters.last_f_cnt_up) : "none yet"});
    table.add_row({"n_f_cnt_down", std::to_string(counters.n_f_cnt_down)});
    if (const auto& force = session.force_rejoin) {
        table.add_row({"force_rejoin", force->sends == 0 || !force->last_sent_at
                                           ? std::string("requested, not sent yet")
                                           : "sent " + std::to_string(force->sends) +
                                                 " time(s), last " +
                                                 format_timestamp(*force->last_sent_at)});
    }
    if (session.lorawan_1_1) {
        table.add_row({"a_f_cnt_down", std::to_string(counters.a_f_cnt_down)});
        table.add_row(
            {"f_nwk_s_int_key", keys.f_nwk_s_int_key.to_hex_secret() + std::string(secret_mark)});
        table.add_row(
            {"s_nwk_s_int_key", keys.s_nwk_s_int_key.to_hex_secret() + std::string(secret_mark)});
        table.add_row(
            {"nwk_s_enc_key", keys.nwk_s_enc_key.to_hex_secret() + std::string(secret_mark)});
    } else {
        table.add_row(
            {"nwk_s_key", keys.f_nwk_s_int_key.to_hex_secret() + std::string(secret_mark)});
    }
    table.add_row({"app_s_key", keys.app_s_key.to_hex_secret() + std::string(secret_mark)});
}

auto show_device(const GlobalOptions& global, const std::string& text, std::ostream& out)
    -> CommandResult<void> {
    auto dev_eui = parse_eui_argument("DEV_EUI", text);
    if (!dev_eui)
        return usage_failure(dev_eui.error());
    auto store = open_store(global);
    if (!store)
        return Unexpected{store.error()};
    auto device = (*store)->get_device(*dev_eui);
    if (!device)
        return store_failure(device.error());
    auto application = (*store)->find_application(device->application_id, std::nullopt);
    auto profile = (*store)->find_device_profile(device->device_profile_id, std::nullopt);
    if (!application || !profile)
        return store_failure(application ? profile.error() : application.error());
    auto session = (*store)->get_device_session(*dev_eui);
    if (!session && session.error().code != storage::StoreError::not_found)
        return store_failure(session.error());

    Table table({"FIELD", "VALUE"});
    table.add_row({"dev_eui", device->dev_eui.to_string()});
    table.add_row({"name", device->name});
    table.add_row({"description", device->description});
    table.add_row({"application", application->name + " (" + application->id + ")"});
    table.add_row({"device_profile", profile->name + " (" + profile->id + ")"});
    table.add_row({"mac_version", std::string(lorawan::to_string(profile->mac_version))});
    table.add_row({"activation", device->otaa ? "OTAA" : "ABP"});
    if (device->otaa) {
        table.add_row({"join_eui", device->otaa->join_eui.to_string()});
        table.add_row(
            {"app_key", device->otaa->app_key.to_hex_secret() + std::string(secret_mark)});
        table.add_row({"nwk_key", device->otaa->nwk_key ? device->otaa->nwk_key->to_hex_secret() +
                                                              std::string(secret_mark)
                                                        : "-"});
    }
    table.add_row({"tags", device->tags});
    table.add_row({"created_at", format_timestamp(device->created_at)});
    if (session)
        add_session_rows(table, *session);
    else
        table.add_row({"session", "none (not joined yet)"});
    // A rejoin answered, the device not heard on its new session yet.
    if (auto pending = (*store)->get_pending_device_session(*dev_eui)) {
        table.add_row({"rejoin_dev_addr",
                       pending->dev_addr.to_string() + " (awaiting the device's first uplink)"});
    }
    table.print(out);
    return {};
}

auto delete_device(const GlobalOptions& global, const std::string& text) -> CommandResult<void> {
    auto dev_eui = parse_eui_argument("DEV_EUI", text);
    if (!dev_eui)
        return usage_failure(dev_eui.error());
    auto store = open_store(global);
    if (!store)
        return Unexpected{store.error()};
    if (auto deleted = (*store)->delete_device(*dev_eui); !deleted)
        return store_failure(deleted.error());
    return {};
}
}  // namespace

auto run_device_create(const GlobalOptions& global, const DeviceCreateOptions& options,
                       std::ostream& out, std::ostream& err) -> int {
    auto device = create_device(global, options);
    if (!device)
        return report(err, device.error());
    out << device->dev_eui.to_string() << '\n';
    return exit_success;
}

auto run_device_list(const GlobalOptions& global, const DeviceListOptions& options,
                     std::ostream& out, std::ostream& err) -> int {
    auto listed = list_devices(global, options, out);
    return listed ? exit_success : report(err, listed.error());
}

auto run_device_show(const GlobalOptions& global, const std::string& dev_eui, std::ostream& out,
                     std::ostream& err) -> int {
    auto shown = show_device(global, dev_eui, out);
    return shown ? exit_success : report(err, shown.error());
}

auto run_device_delete(const GlobalOptions& global, const std::string& dev_eui, std::ostream& out,
                       std::ostream& err) -> int {
    auto deleted = delete_device(global, dev_eui);
    if (!deleted)
        return report(err, deleted.error());
    out << "deleted device " << lorawan::Eui64::parse(dev_eui)->to_string() << '\n';
    return exit_success;
}

}  // namespace hortillon::cli
