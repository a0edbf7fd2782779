#include "bench/load/sustained_tables.hpp"

#include <algorithm>
#include <ostream>

#include "bench/load/markdown.hpp"

namespace hortillon::bench {

namespace {
// The first column: the offered rate, marked when it is the warm-up.
auto step_label(const StepResult& step) -> std::string {
    return step.warm_up ? "warm-up " + thousands(step.offered_rate) : thousands(step.offered_rate);
}

void print_steps(std::ostream& out, const SustainedSettings& settings,
                 const std::vector<StepResult>& steps) {
    const auto dedup_us = std::chrono::microseconds{settings.deduplication_window};
    out << "| offered up/s | sent up/s | events/s | lost | dup | p50 ms | p99 ms | max ms | "
           "p50 - dedup | p99 - dedup | RX1 in time | CPU us/delivered | RSS MiB | verdict |\n"
        << "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n";
    for (const auto& step : steps) {
        const auto& latency = step.ledger.latency;
        out << "| " << step_label(step) << " | " << thousands(step.sent_rate) << " | "
            << thousands(step.event_rate) << " | " << step.ledger.lost << " | "
            << step.ledger.duplicated << " | " << milliseconds(latency.p50) << " | "
            << milliseconds(latency.p99) << " | " << milliseconds(latency.max) << " | "
            << milliseconds(latency.p50 - dedup_us) << " | " << milliseconds(latency.p99 - dedup_us)
            << " | " << percent(step.downlinks_rx1, step.downlinks_expected) << " | "
            << (step.cpu_us_per_uplink ? fixed(*step.cpu_us_per_uplink, 1) : "-") << " | "
            << (step.rss_kib ? fixed(static_cast<double>(*step.rss_kib) / 1024.0, 1) : "-") << " | "
            << step.verdict << " |\n";
    }
}

// Where the latency goes: up to the event's `time` (dedup window, network and application
// server), then from there to the subscriber (outbox, publisher thread, broker).
void print_latency_split(std::ostream& out, const std::vector<StepResult>& steps) {
    out << "\n| offered up/s | to event built p50 ms | p99 ms | built to subscriber p50 ms | "
           "p99 ms | max ms |\n"
        << "|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& step : steps) {
        const auto& built = step.ledger.to_event_built;
        const auto& delivered = step.ledger.event_built_to_subscriber;
        out << "| " << step_label(step) << " | " << milliseconds(built.p50) << " | "
            << milliseconds(built.p99) << " | " << milliseconds(delivered.p50) << " | "
            << milliseconds(delivered.p99) << " | " << milliseconds(delivered.max) << " |\n";
    }
}

void print_downlinks(std::ostream& out, const std::vector<StepResult>& steps) {
    out << "\n| offered up/s | confirmed uplinks | ACK in RX1 | ACK in RX2 | too late | "
           "not an ACK | not verifying | unmatched | PUSH_DATA sent | PUSH_ACK | "
           "UDP rcvbuf drops |\n"
        << "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& step : steps) {
        out << "| " << step_label(step) << " | " << step.downlinks_expected << " | "
            << step.downlinks_rx1 << " | " << step.downlinks_rx2 << " | " << step.downlinks_late
            << " | " << step.downlinks_not_ack << " | " << step.downlinks_bad << " | "
            << step.downlinks_unmatched << " | " << step.push_data_sent << " | " << step.push_ack
            << " | " << (step.udp_drops ? std::to_string(*step.udp_drops) : "-") << " |\n";
    }
}

// Every PULL_RESP as the addressed device read it, and the MAC commands it answered.
void print_device_downlinks(std::ostream& out, const std::vector<StepResult>& steps) {
    out << "\n| offered up/s | PULL_RESP | per uplink | ACK | MAC only (no ACK) | "
           "with MAC commands | not verifying | other DevAddr | MAC requests | answers sent | "
           "answers dropped | undecodable |\n"
        << "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& step : steps) {
        const auto uplinks = static_cast<double>(std::max<std::uint64_t>(step.ledger.sent, 1));
        out << "| " << step_label(step) << " | " << step.pull_resp << " | "
            << fixed(static_cast<double>(step.pull_resp) / uplinks, 3) << " | " << step.device_ack
            << " | " << step.device_mac_only << " | " << step.device_with_mac << " | "
            << step.device_not_verifying << " | " << step.device_not_for_fleet << " | "
            << step.mac_requests << " | " << step.mac_answers_sent << " | "
            << step.mac_answers_dropped << " | " << step.mac_undecodable << " |\n";
    }
}
}  // namespace

void print_sustained_tables(std::ostream& out, const SustainedSettings& settings,
                            const std::vector<StepResult>& steps) {
    print_steps(out, settings, steps);
    print_latency_split(out, steps);
    print_downlinks(out, steps);
    print_device_downlinks(out, steps);
}

}  // namespace hortillon::bench
