// The `hortillon` command line. Parsing only: every command is implemented in the hortillon_cli
// library, which takes plain option structs and the output streams. Exit status: 0 success,
// 1 failure, 2 bad arguments.
//
// The global options (--db, --key-file) belong to the top-level app; `fallthrough` (inherited by
// every subcommand) hands them up, so they work before and after the command.
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <functional>
#include <iostream>

#include "cli/codec_commands.hpp"
#include "cli/command_support.hpp"
#include "cli/config.hpp"
#include "cli/device_commands.hpp"
#include "cli/device_force_rejoin.hpp"
#include "cli/device_import.hpp"
#include "cli/device_profile_commands.hpp"
#include "cli/gateway_commands.hpp"
#include "cli/serve_command.hpp"
#include "cli/tenant_commands.hpp"

namespace {
using namespace hortillon::cli;

// Every option struct the parse fills, and the command it chose. The command runs once the
// whole line, global options after the command included, has been read.
struct CommandLine {
    GlobalOptions global;
    ServeOptions serve;
    TenantCreateOptions tenant_create;
    TenantMqttAclOptions tenant_mqtt_acl;
    ApplicationCreateOptions application_create;
    ApplicationListOptions application_list;
    DeviceProfileCreateOptions profile_create;
    DeviceProfileListOptions profile_list;
    DeviceCreateOptions device_create;
    DeviceListOptions device_list;
    DeviceImportOptions device_import;
    DeviceForceRejoinOptions device_force_rejoin;
    std::string dev_eui;
    GatewayCreateOptions gateway_create;
    GatewayListOptions gateway_list;
    CodecDecodeOptions codec_decode;
    CodecEncodeOptions codec_encode;
    CodecImportOptions codec_import;
    std::function<int()> command;
};

auto group(CLI::App& app, const std::string& name, const std::string& description) -> CLI::App* {
    auto* sub = app.add_subcommand(name, description);
    sub->require_subcommand(1);
    return sub;
}

// `run` becomes the command when `sub` is chosen.
void on_chosen(CLI::App* sub, CommandLine& line, std::function<int()> run) {
    sub->callback([&line, run = std::move(run)] { line.command = run; });
}

void add_serve(CLI::App& app, CommandLine& line) {
    auto& options = line.serve;
    auto* serve = app.add_subcommand("serve",
                                     "Run every role (gateway bridge, network server) in "
                                     "one process until SIGINT or SIGTERM");
    serve->add_option("--config", options.config_file, "TOML configuration file");
    serve->add_option("--udp", options.udp, "Semtech UDP listen address (default 0.0.0.0:1700)")
        ->type_name("HOST:PORT");
    serve->add_option("--mqtt", options.mqtt, "MQTT broker URI (default tcp://127.0.0.1:1883)")
        ->type_name("URI");
    serve->add_option("--log-level", options.log_level,
                      "trace, debug, info, warn, error, critical or off");
    on_chosen(serve, line, [&line] { return run_serve(line.global, line.serve, std::cerr); });
}

void add_config(CLI::App& app, CommandLine& line) {
    auto* config = group(app, "config", "Configuration file tools");
    on_chosen(config->add_subcommand("example", "Print a fully commented configuration file"), line,
              [] {
                  std::cout << example_config();
                  return exit_success;
              });
}

void add_tenants(CLI::App& app, CommandLine& line) {
    auto* tenant = group(app, "tenant", "Tenants (communes)");
    auto* create = tenant->add_subcommand("create", "Create a tenant; prints its id");
    create->add_option("--name", line.tenant_create.name, "Unique name")->required();
    create
        ->add_option("--dev-addr-prefix", line.tenant_create.dev_addr_prefix,
                     "DevAddr range of its devices, e.g. 26011000/20")
        ->type_name("HEX/BITS");
    on_chosen(create, line, [&line] {
        return run_tenant_create(line.global, line.tenant_create, std::cout, std::cerr);
    });
    on_chosen(tenant->add_subcommand("list", "List tenants"), line,
              [&line] { return run_tenant_list(line.global, std::cout, std::cerr); });
    auto* acl = tenant->add_subcommand(
        "mqtt-acl",
        "Print a mosquitto ACL file: each tenant's MQTT user may read its applications' events "
        "and send their downlink commands, nothing else");
    acl->footer(std::string(mqtt_acl_help));
    acl->add_option("--tenant", line.tenant_mqtt_acl.tenant,
                    "Only this tenant's block, without the server's (id or name)");
    acl->add_option("--server-user", line.tenant_mqtt_acl.server_user,
                    "The server's MQTT user, which may read and write application/#")
        ->type_name("NAME")
        ->capture_default_str();
    on_chosen(acl, line, [&line] {
        return run_tenant_mqtt_acl(line.global, line.tenant_mqtt_acl, std::cout, std::cerr);
    });
}

void add_applications(CLI::App& app, CommandLine& line) {
    auto* application = group(app, "application", "Applications");
    auto* create = application->add_subcommand("create", "Create an application; prints its id");
    create->add_option("--tenant", line.application_create.tenant, "Tenant id or name")->required();
    create->add_option("--name", line.application_create.name, "Name, unique in the tenant")
        ->required();
    on_chosen(create, line, [&line] {
        return run_application_create(line.global, line.application_create, std::cout, std::cerr);
    });
    auto* list = application->add_subcommand("list", "List applications");
    list->add_option("--tenant", line.application_list.tenant, "Only this tenant's (id or name)");
    on_chosen(list, line, [&line] {
        return run_application_list(line.global, line.application_list, std::cout, std::cerr);
    });
}

void add_device_profiles(CLI::App& app, CommandLine& line) {
    auto& options = line.profile_create;
    auto* profile = group(app, "device-profile", "Device profiles");
    auto* create = profile->add_subcommand("create", "Create a device profile; prints its id");
    create->add_option("--tenant", options.tenant, "Tenant id or name")->required();
    create->add_option("--name", options.name, "Name, unique in the tenant")->required();
    create
        ->add_option("--region", options.region,
                     "EU868, US915, AU915, AS923-1 .. AS923-4, IN865, KR920, EU433, CN470, "
                     "RU864")
        ->capture_default_str();
    create->add_option("--mac-version", options.mac_version, "1.0.0 .. 1.0.4 or 1.1.0")
        ->capture_default_str();
    create->add_option("--class", options.device_class, "A or C")->capture_default_str();
    create->add_option("--rx1-delay", options.rx1_delay, "RX1 delay, 1 to 15")
        ->type_name("SECONDS")
        ->capture_default_str();
    create->add_option("--codec", options.codec, "Payload codec id")->type_name("CODEC_ID");
    create->add_option("--rx1-dr-offset", options.rx1_dr_offset, "RX1DROffset (default 0)")
        ->type_name("N");
    create->add_option("--rx2-dr", options.rx2_dr, "RX2 data rate (default: the region's)")
        ->type_name("DR");
    create
        ->add_option("--rx2-frequency", options.rx2_frequency,
                     "RX2 frequency (default: the region's)")
        ->type_name("HZ");
    create->add_flag("--adr,!--no-adr", options.adr,
                     "Adaptive data rate by the server (default on)");
    create
        ->add_option("--adr-margin", options.adr_margin,
                     "ADR installation margin: SNR kept above the demodulation floor")
        ->type_name("DB")
        ->capture_default_str();
    create->add_option("--adr-min-dr", options.adr_min_dr, "Lowest DR ADR may set")
        ->type_name("DR");
    create
        ->add_option("--adr-max-dr", options.adr_max_dr,
                     "Highest DR ADR may set (default: the region's highest)")
        ->type_name("DR");
    create
        ->add_option("--max-nb-trans", options.max_nb_trans,
                     "Most transmissions per uplink ADR may ask for")
        ->type_name("N")
        ->capture_default_str();
    create
        ->add_option("--device-status-interval", options.device_status_interval,
                     "Ask the device for battery and margin (status event) this often; 0: never")
        ->type_name("SECONDS")
        ->capture_default_str();
    on_chosen(create, line, [&line] {
        return run_device_profile_create(line.global, line.profile_create, std::cout, std::cerr);
    });
    auto* list = profile->add_subcommand("list", "List device profiles");
    list->add_option("--tenant", line.profile_list.tenant, "Only this tenant's (id or name)");
    on_chosen(list, line, [&line] {
        return run_device_profile_list(line.global, line.profile_list, std::cout, std::cerr);
    });
}

void add_device_create(CLI::App& device, CommandLine& line) {
    auto& options = line.device_create;
    auto* create = device.add_subcommand(
        "create",
        "Create a device; prints its DevEUI.\n  OTAA: --join-eui --app-key [--nwk-key]\n  ABP "
        "1.0.x: --dev-addr --nwk-s-key --app-s-key\n  ABP 1.1: --dev-addr --f-nwk-s-int-key "
        "--s-nwk-s-int-key --nwk-s-enc-key --app-s-key");
    create->add_option("--application", options.application, "Application id or name")->required();
    create->add_option("--device-profile", options.device_profile, "Device profile id or name")
        ->required();
    create->add_option("--dev-eui", options.dev_eui, "DevEUI, 16 hex digits")->required();
    create->add_option("--name", options.name, "Device name")->required();
    const auto hex = [create](const char* name, std::optional<std::string>& value,
                              const char* what) {
        create->add_option(name, value, what)->type_name("HEX");
    };
    hex("--join-eui", options.join_eui, "OTAA: JoinEUI, 16 hex digits");
    hex("--app-key", options.app_key, "OTAA: AppKey, 32 hex digits");
    hex("--nwk-key", options.nwk_key, "OTAA, LoRaWAN 1.1: NwkKey, 32 hex digits");
    hex("--dev-addr", options.dev_addr, "ABP: DevAddr, 8 hex digits");
    hex("--nwk-s-key", options.nwk_s_key, "ABP 1.0.x: NwkSKey, 32 hex digits");
    hex("--app-s-key", options.app_s_key, "ABP: AppSKey, 32 hex digits");
    hex("--f-nwk-s-int-key", options.f_nwk_s_int_key, "ABP 1.1: FNwkSIntKey, 32 hex digits");
    hex("--s-nwk-s-int-key", options.s_nwk_s_int_key, "ABP 1.1: SNwkSIntKey, 32 hex digits");
    hex("--nwk-s-enc-key", options.nwk_s_enc_key, "ABP 1.1: NwkSEncKey, 32 hex digits");
    on_chosen(create, line, [&line] {
        return run_device_create(line.global, line.device_create, std::cout, std::cerr);
    });
}

void add_devices(CLI::App& app, CommandLine& line) {
    auto* device = group(app, "device", "Devices");
    add_device_create(*device, line);
    auto* list = device->add_subcommand("list", "List devices");
    list->add_option("--application", line.device_list.application,
                     "Only this application's (id or name)");
    on_chosen(list, line, [&line] {
        return run_device_list(line.global, line.device_list, std::cout, std::cerr);
    });
    auto* show = device->add_subcommand("show", "Show every field of a device, keys included");
    show->add_option("EUI", line.dev_eui, "DevEUI")->required();
    on_chosen(show, line,
              [&line] { return run_device_show(line.global, line.dev_eui, std::cout, std::cerr); });
    auto* remove = device->add_subcommand("delete", "Delete a device with its session and queue");
    remove->add_option("EUI", line.dev_eui, "DevEUI")->required();
    on_chosen(remove, line, [&line] {
        return run_device_delete(line.global, line.dev_eui, std::cout, std::cerr);
    });
    auto& rejoin = line.device_force_rejoin;
    auto* force_rejoin = device->add_subcommand(
        "force-rejoin",
        "Ask a LoRaWAN 1.1 device to send rejoin-requests (ForceRejoinReq, in the downlink after "
        "its next uplink)");
    force_rejoin->add_option("EUI", rejoin.dev_eui, "DevEUI")->required();
    force_rejoin->add_option("--type", rejoin.rejoin_type, "0: full reset, 2: new keys only")
        ->capture_default_str();
    force_rejoin->add_option("--dr", rejoin.data_rate, "Data rate of the rejoin-requests")
        ->capture_default_str();
    force_rejoin
        ->add_option("--max-retries", rejoin.max_retries, "Repetitions after the first, 0 to 7")
        ->capture_default_str();
    force_rejoin
        ->add_option("--period", rejoin.period,
                     "Between repetitions: 32 s x 2^PERIOD + up to 32 s, 0 to 7")
        ->capture_default_str();
    on_chosen(force_rejoin, line, [&line] {
        return run_device_force_rejoin(line.global, line.device_force_rejoin, std::cout, std::cerr);
    });
    auto& import = line.device_import;
    auto* import_command =
        device->add_subcommand("import", "Create devices from a CSV file, all or nothing");
    import_command->footer(std::string(device_import_format_help));
    import_command->add_option("--application", import.application, "Application id or name")
        ->required();
    import_command
        ->add_option("--device-profile", import.device_profile, "Device profile id or name")
        ->required();
    import_command->add_option("FILE", import.file, "CSV file")->required();
    on_chosen(import_command, line, [&line] {
        line.device_import.progress_bar = isatty(STDERR_FILENO) != 0;
        return run_device_import(line.global, line.device_import, std::cout, std::cerr);
    });
}

void add_gateways(CLI::App& app, CommandLine& line) {
    auto& options = line.gateway_create;
    auto* gateway = group(app, "gateway", "Gateways");
    auto* create = gateway->add_subcommand("create", "Register a gateway; prints its id");
    create->add_option("--gateway-id", options.gateway_id, "Gateway EUI, 16 hex digits")
        ->required();
    create->add_option("--tenant", options.tenant, "Tenant id or name")->required();
    create->add_option("--name", options.name, "Name")->required();
    create->add_option("--location", options.location, "e.g. 50.8503,4.3517")->type_name("LAT,LON");
    on_chosen(create, line, [&line] {
        return run_gateway_create(line.global, line.gateway_create, std::cout, std::cerr);
    });
    auto* list = gateway->add_subcommand("list", "List gateways and when each was last seen");
    list->add_option("--tenant", line.gateway_list.tenant, "Only this tenant's (id or name)");
    on_chosen(list, line, [&line] {
        return run_gateway_list(line.global, line.gateway_list, std::cout, std::cerr);
    });
}

void add_codec_import(CLI::App& codec, CommandLine& line) {
    auto& options = line.codec_import;
    auto* import = codec.add_subcommand(
        "import",
        "Store a JavaScript codec (TTN Device Repository API: decodeUplink, optionally "
        "encodeDownlink and decodeDownlink); prints its id");
    import->add_option("--id", options.id, "Codec id for device profiles (not a built-in's)")
        ->required();
    import->add_option("--vendor", options.vendor, "Vendor name, for codec list");
    import->add_option("--device", options.device, "Device name, for codec list");
    import->add_option("--family", options.family, "bin, water-meter or water-level");
    import->add_option("FILE", options.file, "JavaScript file")->required();
    on_chosen(import, line, [&line] {
        return run_codec_import(line.global, line.codec_import, std::cout, std::cerr);
    });
}

void add_codecs(CLI::App& app, CommandLine& line) {
    auto* codec = group(app, "codec", "Device codecs (built-in ones need no database)");
    on_chosen(codec->add_subcommand("list", "List the built-in and imported device codecs"), line,
              [&line] { return run_codec_list(line.global, std::cout, std::cerr); });
    auto& decode = line.codec_decode;
    auto* decode_command = codec->add_subcommand(
        "decode", "Decode an uplink payload; prints {\"data\", \"warnings\", \"errors\"} as JSON");
    decode_command->add_option("CODEC_ID", decode.codec_id, "Codec id (see codec list)")
        ->required();
    decode_command->add_option("--fport", decode.f_port, "Uplink FPort, 1 to 255")
        ->type_name("N")
        ->required();
    decode_command->add_option("HEX", decode.hex, "FRMPayload as hex digits")->required();
    on_chosen(decode_command, line, [&line] {
        return run_codec_decode(line.global, line.codec_decode, std::cout, std::cerr);
    });
    auto& encode = line.codec_encode;
    auto* encode_command = codec->add_subcommand(
        "encode", "Encode a downlink command; prints {\"bytes\": \"hex\", \"fPort\": n} as JSON");
    encode_command->footer(std::string(codec_encode_input_help));
    encode_command->add_option("CODEC_ID", encode.codec_id, "Codec id (see codec list)")
        ->required();
    encode_command
        ->add_option("--fport", encode.f_port,
                     "Expected downlink FPort, 1 to 255 (default: the codec's choice)")
        ->type_name("N");
    encode_command->add_option("JSON", encode.json, "encodeDownlink input")->required();
    on_chosen(encode_command, line, [&line] {
        return run_codec_encode(line.global, line.codec_encode, std::cout, std::cerr);
    });
    add_codec_import(*codec, line);
}

auto takes_value(const CLI::App* app, const std::string& token) -> bool {
    for (; app != nullptr; app = app->get_parent())
        if (const CLI::Option* option = app->get_option_no_throw(token))
            return option->get_type_size_max() > 0;
    return false;
}

auto command_names(const CLI::App* app) -> std::string {
    std::string names;
    for (const CLI::App* sub : app->get_subcommands([](const CLI::App*) { return true; }))
        names += (names.empty() ? "" : ", ") + sub->get_name();
    return names;
}

auto full_name(const CLI::App* app) -> std::string {
    std::string name = app->get_name();
    for (app = app->get_parent(); app != nullptr; app = app->get_parent())
        name = app->get_name() + " " + name;
    return name;
}

// A clearer message than CLI11's "arguments were not expected" for a missing or mistyped
// command, found by walking the command words of the line. False when the error is elsewhere.
auto explain_command_error(const CLI::App& app, int argc, char** argv) -> bool {
    const CLI::App* current = &app;
    for (int i = 1; i < argc; ++i) {
        const std::string token = argv[i];
        if (token == "--")
            break;
        if (token.starts_with("-")) {
            if (token.find('=') == std::string::npos && takes_value(current, token))
                ++i;
            continue;
        }
        const auto subcommands = current->get_subcommands([](const CLI::App*) { return true; });
        if (subcommands.empty())
            return false;  // a leaf command's positional argument
        const auto found =
            std::find_if(subcommands.begin(), subcommands.end(),
                         [&](const CLI::App* sub) { return sub->check_name(token); });
        if (found == subcommands.end()) {
            std::cerr << "error: unknown command '" << token << "' for '" << full_name(current)
                      << "'; expected one of: " << command_names(current) << "\nRun '"
                      << full_name(current) << " --help' for more information.\n";
            return true;
        }
        current = *found;
    }
    if (current->get_subcommands([](const CLI::App*) { return true; }).empty())
        return false;
    std::cerr << "error: '" << full_name(current) << "' needs a command: " << command_names(current)
              << "\nRun '" << full_name(current) << " --help' for more information.\n";
    return true;
}
}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Hortillon: a LoRaWAN network server and application server", "hortillon"};
    app.set_version_flag("--version", std::string("hortillon ") + HORTILLON_VERSION);
    app.require_subcommand(1);
    app.fallthrough();
    app.footer(
        "--db and --key-file may also follow the command. Exit status: 0 success, "
        "1 failure, 2 bad arguments.");
    CommandLine line;
    app.add_option("--db", line.global.db, "SQLite database (default var/hortillon.db)")
        ->envname("HORTILLON_DB")
        ->type_name("PATH");
    app.add_option("--key-file", line.global.key_file,
                   "Key-encryption key file (default var/hortillon.key)")
        ->envname("HORTILLON_KEY_FILE")
        ->type_name("PATH");

    add_serve(app, line);
    add_config(app, line);
    add_tenants(app, line);
    add_applications(app, line);
    add_device_profiles(app, line);
    add_devices(app, line);
    add_gateways(app, line);
    add_codecs(app, line);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForAllHelp& help) {
        return app.exit(help);
    } catch (const CLI::Success& done) {
        return app.exit(done);
    } catch (const CLI::ParseError& error) {
        if (!explain_command_error(app, argc, argv))
            app.exit(error);
        return exit_usage;
    }
    return line.command ? line.command() : exit_usage;
}
