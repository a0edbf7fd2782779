#pragma once
// The figures of one sustained-scenario step, filled by the run and printed as tables.

#include <cstdint>
#include <optional>
#include <string>

#include "bench/load/uplink_ledger.hpp"

namespace hortillon::bench {

// The figures of one step of the sustained scenario, or of its warm-up.
struct StepResult {
    std::uint64_t offered_rate = 0;
    bool warm_up = false;  // the MAC warm-up before the steps: shown, never judged
    double sent_rate = 0;
    double event_rate = 0;  // delivered uplinks per second, first send to last event
    LedgerSummary ledger;
    std::uint64_t push_data_sent = 0;
    std::uint64_t push_ack = 0;
    std::optional<std::uint64_t> udp_drops;  // kernel RcvbufErrors during the step
    std::uint64_t downlinks_expected = 0;
    std::uint64_t downlinks_rx1 = 0;
    std::uint64_t downlinks_rx2 = 0;
    std::uint64_t downlinks_late = 0;
    std::uint64_t downlinks_not_ack = 0;
    std::uint64_t downlinks_bad = 0;
    std::uint64_t downlinks_unmatched = 0;
    std::uint64_t pull_resp = 0;
    std::uint64_t device_ack = 0;
    std::uint64_t device_mac_only = 0;
    std::uint64_t device_with_mac = 0;
    std::uint64_t device_not_verifying = 0;
    std::uint64_t device_not_for_fleet = 0;
    std::uint64_t mac_requests = 0;
    std::uint64_t mac_answers_sent = 0;
    std::uint64_t mac_answers_dropped = 0;
    std::uint64_t mac_undecodable = 0;
    std::optional<double> cpu_us_per_uplink;
    std::optional<std::uint64_t> rss_kib;
    bool clean = false;
    std::string verdict;
};

}  // namespace hortillon::bench
