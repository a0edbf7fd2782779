// The load generator: simulated gateways and devices against a running `hortillon serve`.
//
//   load_generator sustained --udp 127.0.0.1:1700 --mqtt tcp://127.0.0.1:1883 --server-pid PID
//   load_generator joins     --udp 127.0.0.1:1700 --mqtt tcp://127.0.0.1:1883 --devices 1000
//   load_generator csv       --activation abp --first 0 --count 10000 > devices.csv
//   load_generator wait-udp  --udp 127.0.0.1:1700 --timeout-ms 30000
//   load_generator ceiling   --mqtt tcp://127.0.0.1:1883 --size 1200
//
// Markdown tables go to stdout, progress and errors to stderr. Exit status: 0 success (a clean
// step, all joins answered), 1 failure or goal missed, 2 bad arguments.
#include <CLI/CLI.hpp>

#include <iostream>
#include <stdexcept>

#include "bench/load/device_fleet.hpp"
#include "bench/load/join_scenario.hpp"
#include "bench/load/markdown.hpp"
#include "bench/load/mqtt_ceiling.hpp"
#include "bench/load/sustained_scenario.hpp"
#include "bench/load/udp_probe.hpp"

namespace {
using namespace hortillon::bench;

struct UdpAddress {
    std::string host;
    std::uint16_t port = 0;
};

// "127.0.0.1:1700" or "[::1]:1700".
auto parse_udp(const std::string& text) -> UdpAddress {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon + 1 == text.size())
        throw CLI::ValidationError("--udp", "expected HOST:PORT, got '" + text + "'");
    std::string host = text.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    const auto port = std::stoul(text.substr(colon + 1));
    if (port == 0 || port > 65535)
        throw CLI::ValidationError("--udp", "port out of range in '" + text + "'");
    return UdpAddress{host, static_cast<std::uint16_t>(port)};
}

auto parse_eui(const std::string& text) -> hortillon::lorawan::Eui64 {
    auto eui = hortillon::lorawan::Eui64::parse(text);
    if (!eui)
        throw CLI::ValidationError("--first-gateway", "expected 16 hex digits, got '" + text + "'");
    return *eui;
}

struct Arguments {
    std::string udp = "127.0.0.1:1700";
    std::string first_gateway = "00800000a0000001";
    std::string activation = "abp";
    std::uint64_t first = 0;
    std::uint64_t count = 0;
    long timeout_ms = 30'000;
    long step_seconds = 10;
    long dedup_window_ms = 200;
    long burst_ms = 1000;
    long ceiling_seconds = 5;
    std::size_t message_size = 1200;
    SustainedSettings sustained;
    JoinSettings joins;
    CeilingSettings ceiling;
};

void add_common(CLI::App* command, Arguments& arguments) {
    command->add_option("--udp", arguments.udp, "the server's UDP HOST:PORT")
        ->capture_default_str();
    command
        ->add_option("--first-gateway", arguments.first_gateway,
                     "EUI of the first simulated gateway; the others follow it")
        ->capture_default_str();
}
}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Load generator for hortillon: simulated Semtech UDP gateways and devices"};
    app.require_subcommand(1);
    Arguments arguments;

    auto* sustained = app.add_subcommand("sustained", "ABP uplinks at rising rates");
    add_common(sustained, arguments);
    auto& s = arguments.sustained;
    sustained->add_option("--mqtt", s.mqtt_uri, "broker the server publishes to")
        ->capture_default_str();
    sustained->add_option("--server-pid", s.server_pid, "sample this process's CPU and memory");
    sustained->add_option("--devices", s.devices, "ABP devices (provisioned)")
        ->capture_default_str();
    sustained->add_option("--gateways", s.gateways, "gateways (provisioned)")
        ->capture_default_str()
        ->check(CLI::Range(1, 64));
    sustained->add_option("--rates", s.rates, "uplinks/s of each step")
        ->delimiter(',')
        ->capture_default_str();
    sustained->add_option("--step-seconds", arguments.step_seconds, "duration of a step")
        ->capture_default_str()
        ->check(CLI::Range(1, 3600));
    sustained
        ->add_option("--dedup-window-ms", arguments.dedup_window_ms,
                     "the server's deduplication window")
        ->capture_default_str();
    sustained->add_flag("--all-steps", s.all_steps, "go on after an unclean step");
    sustained
        ->add_option("--first-f-cnt", s.first_f_cnt,
                     "first FCnt of every device (above the previous run's on this store)")
        ->capture_default_str();
    sustained
        ->add_option("--warm-up-rounds", s.warm_up_rounds,
                     "uplinks per device before the steps, unjudged, so that the server's MAC "
                     "state settles (0: none)")
        ->capture_default_str();
    sustained->add_option("--warm-up-rate", s.warm_up_rate, "uplinks/s during the warm-up")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    sustained
        ->add_option("--confirmed-every", s.confirmed_every,
                     "one uplink in N is confirmed (0: none)")
        ->capture_default_str();

    auto* joins = app.add_subcommand("joins", "a burst of OTAA join-requests");
    add_common(joins, arguments);
    auto& j = arguments.joins;
    joins->add_option("--mqtt", j.mqtt_uri, "count join events on this broker");
    joins->add_option("--devices", j.devices, "OTAA devices (provisioned)")->capture_default_str();
    joins->add_option("--gateways", j.gateways, "gateways (provisioned)")
        ->capture_default_str()
        ->check(CLI::Range(1, 64));
    joins->add_option("--burst-ms", arguments.burst_ms, "send them all within this time")
        ->capture_default_str();
    joins->add_option("--dev-nonce-salt", j.dev_nonce_salt, "vary DevNonces between runs");

    auto* csv = app.add_subcommand("csv", "the `hortillon device import` CSV of the devices");
    csv->add_option("--activation", arguments.activation, "abp or otaa")
        ->check(CLI::IsMember({"abp", "otaa"}))
        ->capture_default_str();
    csv->add_option("--first", arguments.first, "first device index")->capture_default_str();
    csv->add_option("--count", arguments.count, "how many devices")->required();

    auto* wait_udp = app.add_subcommand("wait-udp", "wait until the server answers PULL_DATA");
    add_common(wait_udp, arguments);
    wait_udp->add_option("--timeout-ms", arguments.timeout_ms)->capture_default_str();

    auto* ceiling = app.add_subcommand("ceiling", "the broker's QoS 1 ceiling");
    ceiling->add_option("--mqtt", arguments.ceiling.uri, "broker")->required();
    ceiling->add_option("--size", arguments.message_size, "message bytes")->capture_default_str();
    ceiling->add_option("--window", arguments.ceiling.window, "unacknowledged publishes at most")
        ->capture_default_str();
    ceiling->add_option("--seconds", arguments.ceiling_seconds)->capture_default_str();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // --help is a "success" ParseError: exit 0; everything else is a bad argument.
        return app.exit(error) == 0 ? 0 : 2;
    }
    try {
        const auto udp = parse_udp(arguments.udp);
        const auto first_gateway = parse_eui(arguments.first_gateway);
        if (*sustained) {
            s.udp_host = udp.host;
            s.udp_port = udp.port;
            s.first_gateway = first_gateway;
            s.step_duration = std::chrono::seconds{arguments.step_seconds};
            s.deduplication_window = std::chrono::milliseconds{arguments.dedup_window_ms};
            return run_sustained(s, std::cout, std::cerr);
        }
        if (*joins) {
            j.udp_host = udp.host;
            j.udp_port = udp.port;
            j.first_gateway = first_gateway;
            j.burst = std::chrono::milliseconds{arguments.burst_ms};
            return run_joins(j, std::cout, std::cerr);
        }
        if (*csv) {
            if (arguments.activation == "abp")
                write_abp_csv(std::cout, arguments.first, arguments.count);
            else
                write_otaa_csv(std::cout, arguments.first, arguments.count);
            return std::cout.flush() ? 0 : 1;
        }
        if (*wait_udp) {
            const bool answered = wait_for_pull_ack(
                udp.host, udp.port, first_gateway, std::chrono::milliseconds{arguments.timeout_ms});
            if (!answered)
                std::cerr << "load_generator: no PULL_ACK on " << arguments.udp << " within "
                          << arguments.timeout_ms << " ms\n";
            return answered ? 0 : 1;
        }
        arguments.ceiling.message_size = arguments.message_size;
        arguments.ceiling.duration = std::chrono::seconds{arguments.ceiling_seconds};
        const auto result = measure_mqtt_ceiling(arguments.ceiling);
        std::cout << thousands(result.messages_per_second) << "\n";
        return 0;
    } catch (const CLI::Error& error) {
        (void)app.exit(error);
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "load_generator: " << error.what() << "\n";
        return 1;
    }
}
