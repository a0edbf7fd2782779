#include "bench/load/sustained_scenario.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "bench/load/abp_downlink.hpp"
#include "bench/load/device_fleet.hpp"
#include "bench/load/device_mac.hpp"
#include "bench/load/event_subscriber.hpp"
#include "bench/load/gateway_fleet.hpp"
#include "bench/load/markdown.hpp"
#include "bench/load/mqtt_ceiling.hpp"
#include "bench/load/receptions.hpp"
#include "bench/load/server_process.hpp"
#include "bench/load/sustained_step.hpp"
#include "bench/load/sustained_tables.hpp"
#include "bench/load/uplink_ledger.hpp"

namespace hortillon::bench {

namespace {
using namespace std::chrono_literals;

constexpr auto tick = 1ms;
constexpr auto progress_interval = 1s;
// The answer to the last confirmed uplink can come as late as RX2, 2 s after it.
constexpr auto last_downlink_delay = 2500ms;
// Below this share of the offered rate, the generator (not the server) was the limit.
constexpr double kept_rate_share = 0.97;

// Every PULL_RESP the gateways transmitted, as the devices read it.
struct DeviceDownlinkTally {
    std::atomic<std::uint64_t> ack{0};            // verified, ACK bit set
    std::atomic<std::uint64_t> mac_only{0};       // verified, no ACK bit (MAC commands only)
    std::atomic<std::uint64_t> with_mac{0};       // verified and carrying MAC commands
    std::atomic<std::uint64_t> not_verifying{0};  // one of our DevAddrs, MIC does not verify
    std::atomic<std::uint64_t> not_for_fleet{0};  // no data downlink to one of our devices

    void reset() {
        for (auto* counter : {&ack, &mac_only, &with_mac, &not_verifying, &not_for_fleet})
            counter->store(0);
    }
};

class SustainedRun {
  public:
    SustainedRun(const SustainedSettings& settings, std::ostream& progress)
        : settings_(settings),
          progress_(progress),
          ledger_(planned_uplinks(settings)),
          mac_answers_(settings.devices),
          expectations_(1s, [this](std::uint64_t uplink,
                                   lorawan::ByteView phy) { return check_answer(uplink, phy); }),
          fleet_(settings.gateways, settings.first_gateway, settings.udp_host, settings.udp_port,
                 expectations_, [this](lorawan::ByteView phy) { on_downlink(phy); }),
          subscriber_(settings.mqtt_uri,
                      [this](std::string_view topic, std::string_view payload,
                             Clock::time_point arrived) { on_event(topic, payload, arrived); }) {
        progress_ << "building " << settings.devices << " ABP devices\n" << std::flush;
        devices_.reserve(settings.devices);
        for (std::uint64_t i = 0; i < settings.devices; ++i)
            devices_.emplace_back(i);
        if (!fleet_.announce(Clock::now() + 10s))
            throw std::runtime_error("no PULL_ACK from the server on UDP " + settings.udp_host +
                                     ":" + std::to_string(settings.udp_port) +
                                     " within 10 s (is it running, are the gateways provisioned?)" +
                                     fleet_.receive_error_suffix());
    }

    // Sends `total` uplinks at `rate` per second, drains, and judges them (unless warm-up).
    auto run_step(std::uint64_t rate, std::uint64_t total, bool warm_up) -> StepResult;
    [[nodiscard]] auto mean_event_size() const -> std::size_t {
        return up_events_ == 0 ? 0 : static_cast<std::size_t>(event_bytes_ / up_events_);
    }
    [[nodiscard]] auto foreign_events() const -> std::uint64_t { return foreign_events_; }

  private:
    static auto planned_uplinks(const SustainedSettings& settings) -> std::uint64_t {
        const auto seconds = static_cast<std::uint64_t>(settings.step_duration.count());
        return std::accumulate(settings.rates.begin(), settings.rates.end(), std::uint64_t{0}) *
                   seconds +
               std::uint64_t{settings.warm_up_rounds} * settings.devices;
    }
    void on_event(std::string_view topic, std::string_view payload, Clock::time_point arrived);
    // The device the downlink is addressed to reads it and queues its MAC answers (receiving
    // thread).
    void on_downlink(lorawan::ByteView phy_payload);
    // A downlink in a window of confirmed uplink `uplink`: its ACK, or something else.
    [[nodiscard]] auto check_answer(std::uint64_t uplink, lorawan::ByteView phy_payload) const
        -> FrameVerdict;
    // `received` is when the gateways heard it (its tmst), `now` when it leaves.
    void send_uplink(std::uint64_t uplink, Clock::time_point received, Clock::time_point now);
    // Waits until the ledger has `expected_total` delivered uplinks over the run (and the last
    // RX2 has passed), or until no event came for the drain timeout.
    void drain(std::uint64_t expected_total, Clock::time_point sending_ended);
    void judge(StepResult& step) const;

    const SustainedSettings& settings_;
    std::ostream& progress_;
    std::vector<AbpDevice> devices_;
    UplinkLedger ledger_;
    MacAnswerQueue mac_answers_;
    DeviceDownlinkTally device_downlinks_;
    DownlinkExpectations expectations_;
    GatewayFleet fleet_;
    std::atomic<std::uint64_t> up_events_{0};
    std::atomic<std::uint64_t> event_bytes_{0};
    std::atomic<std::uint64_t> foreign_events_{0};
    std::atomic<std::int64_t> last_event_ns_{0};
    std::uint64_t next_uplink_ = 0;
    EventSubscriber subscriber_;  // last: its thread calls on_event until it is destroyed
};

void SustainedRun::on_event(std::string_view topic, std::string_view payload,
                            Clock::time_point arrived) {
    const auto event = parse_device_event(topic, payload);
    if (!event || event->type != "up" || !event->f_cnt) {
        return;
    }
    const auto index = index_of(Activation::abp, event->dev_eui);
    const std::uint32_t f_cnt = *event->f_cnt;
    if (!index || *index >= settings_.devices || f_cnt < settings_.first_f_cnt ||
        !ledger_.record_event((f_cnt - settings_.first_f_cnt) * settings_.devices + *index, arrived,
                              event->time)) {
        ++foreign_events_;
        return;
    }
    ++up_events_;
    event_bytes_ += payload.size();
    last_event_ns_ = arrived.time_since_epoch().count();
}

void SustainedRun::on_downlink(lorawan::ByteView phy_payload) {
    const auto downlink = read_abp_downlink(phy_payload, settings_.devices);
    switch (downlink.kind) {
        case AbpDownlinkKind::not_for_fleet:
            ++device_downlinks_.not_for_fleet;
            return;
        case AbpDownlinkKind::bad_mic:
            ++device_downlinks_.not_verifying;
            return;
        case AbpDownlinkKind::verified:
            break;
    }
    ++(downlink.ack ? device_downlinks_.ack : device_downlinks_.mac_only);
    if (!downlink.mac_commands.commands.empty() || downlink.mac_commands.stopped_by) {
        ++device_downlinks_.with_mac;
        mac_answers_.on_downlink(downlink.device, downlink.mac_commands);
    }
}

auto SustainedRun::check_answer(std::uint64_t uplink, lorawan::ByteView phy_payload) const
    -> FrameVerdict {
    const auto downlink = read_abp_downlink(phy_payload, settings_.devices);
    if (downlink.kind == AbpDownlinkKind::not_for_fleet)
        return FrameVerdict::not_verifying;
    if (downlink.device != uplink % settings_.devices)
        return FrameVerdict::other_device;
    if (downlink.kind == AbpDownlinkKind::bad_mic)
        return FrameVerdict::not_verifying;
    return downlink.ack ? FrameVerdict::answer : FrameVerdict::not_an_answer;
}

// Uplink n is device n mod D with FCnt first + n div D: the devices take turns.
void SustainedRun::send_uplink(std::uint64_t uplink, Clock::time_point received,
                               Clock::time_point now) {
    const std::uint64_t device = uplink % settings_.devices;
    const auto f_cnt =
        static_cast<std::uint32_t>(settings_.first_f_cnt + uplink / settings_.devices);
    const bool confirmed =
        settings_.confirmed_every > 0 && (mix(uplink) >> 48) % settings_.confirmed_every == 0;
    const auto phy = devices_[device].uplink(f_cnt, confirmed, mac_answers_.take_f_opts(device));
    ledger_.record_sent(uplink, now);
    bool first_copy = true;
    for (const Reception& reception : receptions_of(uplink, fleet_, received)) {
        if (confirmed)
            expectations_.expect(reception.gateway, reception.tmst, uplink, first_copy);
        first_copy = false;
        fleet_.queue(reception.gateway, rxpk_text(reception, phy));
    }
}

void SustainedRun::drain(std::uint64_t expected_total, Clock::time_point sending_ended) {
    auto last_progress = Clock::now();
    std::uint64_t last_delivered = ledger_.delivered();
    for (;;) {
        std::this_thread::sleep_for(100ms);
        const auto delivered = ledger_.delivered();
        const auto now = Clock::now();
        if (delivered != last_delivered) {
            last_delivered = delivered;
            last_progress = now;
        }
        const bool all_in =
            delivered >= expected_total && now >= sending_ended + last_downlink_delay;
        if (all_in || now - last_progress >= settings_.drain_timeout)
            break;
    }
}

auto SustainedRun::run_step(std::uint64_t rate, std::uint64_t total, bool warm_up) -> StepResult {
    StepResult step;
    step.offered_rate = rate;
    step.warm_up = warm_up;
    const std::uint64_t first = next_uplink_;
    const std::uint64_t delivered_before = ledger_.delivered();
    expectations_.reset();
    device_downlinks_.reset();
    mac_answers_.tally().reset();
    auto& counters = fleet_.counters();
    const std::uint64_t pull_resp_before = counters.pull_resp;
    const std::uint64_t push_before = counters.push_data_sent;
    const std::uint64_t ack_before = counters.push_ack;
    const auto drops_before = udp_receive_buffer_errors();
    const auto server_before = settings_.server_pid ? sample_process(settings_.server_pid)
                                                    : std::optional<ProcessSample>{};
    const auto start = Clock::now();
    auto next_progress = start + progress_interval;
    std::uint64_t sent = 0;
    while (sent < total) {
        const auto now = Clock::now();
        const double elapsed = std::chrono::duration<double>(now - start).count();
        const auto due = std::min(total, static_cast<std::uint64_t>(elapsed * rate));
        // Each uplink ends at its own scheduled instant, so no two share a gateway's tmst.
        for (; sent < due; ++sent) {
            const auto received =
                start + std::chrono::duration_cast<Clock::duration>(
                            std::chrono::duration<double>(static_cast<double>(sent) / rate));
            send_uplink(next_uplink_++, received, now);
        }
        fleet_.flush();
        if (now >= next_progress) {
            progress_ << "  " << rate << "/s: sent " << sent << "/" << total << ", events "
                      << ledger_.delivered() - delivered_before << "\n"
                      << std::flush;
            next_progress += progress_interval;
        }
        std::this_thread::sleep_until(now + tick);
    }
    const auto sending_ended = Clock::now();
    step.sent_rate =
        static_cast<double>(total) / std::chrono::duration<double>(sending_ended - start).count();
    progress_ << "  " << rate << "/s: all sent, draining\n" << std::flush;
    drain(delivered_before + total, sending_ended);

    step.ledger = ledger_.summarize(first, total);
    const auto last_event = Clock::time_point(Clock::duration(last_event_ns_.load()));
    if (last_event > start) {
        step.event_rate = static_cast<double>(step.ledger.delivered) /
                          std::chrono::duration<double>(last_event - start).count();
    }
    step.push_data_sent = counters.push_data_sent - push_before;
    step.push_ack = counters.push_ack - ack_before;
    if (const auto drops_after = udp_receive_buffer_errors(); drops_before && drops_after)
        step.udp_drops = *drops_after - *drops_before;
    const auto& tally = expectations_.tally();
    step.downlinks_expected = tally.expected;
    step.downlinks_rx1 = tally.rx1_in_time;
    step.downlinks_rx2 = tally.rx2_in_time;
    step.downlinks_late = tally.too_late;
    step.downlinks_not_ack = tally.not_answer;
    step.downlinks_bad = tally.bad_frame;
    step.downlinks_unmatched = tally.unmatched;
    step.pull_resp = counters.pull_resp - pull_resp_before;
    step.device_ack = device_downlinks_.ack;
    step.device_mac_only = device_downlinks_.mac_only;
    step.device_with_mac = device_downlinks_.with_mac;
    step.device_not_verifying = device_downlinks_.not_verifying;
    step.device_not_for_fleet = device_downlinks_.not_for_fleet;
    const auto& mac = mac_answers_.tally();
    step.mac_requests = mac.requests;
    step.mac_answers_sent = mac.answers_sent;
    step.mac_answers_dropped = mac.answers_dropped;
    step.mac_undecodable = mac.undecodable;
    if (server_before) {
        if (const auto after = sample_process(settings_.server_pid)) {
            // Per uplink that reached the application: the work that counted.
            step.cpu_us_per_uplink =
                static_cast<double>((after->cpu - server_before->cpu).count()) /
                static_cast<double>(std::max<std::uint64_t>(step.ledger.delivered, 1));
            step.rss_kib = after->rss_kib;
        }
    }
    if (warm_up)
        step.verdict = "not judged";
    else
        judge(step);
    return step;
}

void SustainedRun::judge(StepResult& step) const {
    const auto latency_limit = settings_.deduplication_window + 20ms;
    std::vector<std::string> faults;
    if (step.ledger.lost > 0)
        faults.push_back(std::to_string(step.ledger.lost) + " lost");
    if (step.ledger.duplicated > 0)
        faults.push_back(std::to_string(step.ledger.duplicated) + " duplicated");
    if (step.ledger.latency.p99 > latency_limit)
        faults.push_back("p99 over " + std::to_string(latency_limit.count()) + " ms");
    if (step.push_ack < step.push_data_sent)
        faults.push_back(std::to_string(step.push_data_sent - step.push_ack) +
                         " PUSH_DATA unacked");
    if (step.sent_rate < kept_rate_share * static_cast<double>(step.offered_rate))
        faults.push_back("generator could not keep the rate");
    step.clean = faults.empty();
    step.verdict = step.clean ? "clean" : join(faults, ", ");
}

}  // namespace

auto run_sustained(const SustainedSettings& settings, std::ostream& out, std::ostream& progress)
    -> int {
    std::vector<StepResult> steps;
    std::size_t event_size = 0;
    {
        SustainedRun run(settings, progress);
        if (settings.warm_up_rounds > 0) {
            const std::uint64_t total = std::uint64_t{settings.warm_up_rounds} * settings.devices;
            progress << "warm-up: " << total << " uplinks at " << settings.warm_up_rate
                     << " uplinks/s\n"
                     << std::flush;
            steps.push_back(run.run_step(settings.warm_up_rate, total, true));
        }
        const auto seconds = static_cast<std::uint64_t>(settings.step_duration.count());
        for (const auto rate : settings.rates) {
            progress << "step " << rate << " uplinks/s for " << seconds << " s\n" << std::flush;
            steps.push_back(run.run_step(rate, rate * seconds, false));
            progress << "  " << steps.back().verdict << "\n" << std::flush;
            if (!steps.back().clean && !settings.all_steps)
                break;
        }
        event_size = run.mean_event_size();
        if (run.foreign_events() > 0)
            progress << "note: " << run.foreign_events() << " up events matched no sent uplink\n";
    }
    // Three measurements, the median reported: on a shared machine one 5 s measurement moved by
    // 15 % from run to run, more than the server's own changes.
    constexpr std::size_t ceiling_rounds = 3;
    progress << "measuring the broker's QoS 1 ceiling (" << event_size << "-byte messages, "
             << ceiling_rounds << " x 5 s)\n"
             << std::flush;
    std::vector<double> ceilings;
    for (std::size_t round = 0; round < ceiling_rounds; ++round) {
        ceilings.push_back(measure_mqtt_ceiling(CeilingSettings{.uri = settings.mqtt_uri,
                                                                .message_size = event_size,
                                                                .window = settings.ceiling_window,
                                                                .duration = 5s})
                               .messages_per_second);
    }
    std::ranges::sort(ceilings);
    const double ceiling = ceilings[ceiling_rounds / 2];
    print_sustained_tables(out, settings, steps);
    const StepResult* best = nullptr;
    for (const auto& step : steps) {
        if (step.clean)
            best = &step;
    }
    out << "\n| measure | value |\n|---|---:|\n"
        << "| highest clean step (uplinks/s) | " << (best ? thousands(best->offered_rate) : "none")
        << " |\n"
        << "| mosquitto QoS 1 ceiling, " << event_size << "-byte messages, window "
        << settings.ceiling_window << ", median of " << ceiling_rounds << " (msgs/s) | "
        << thousands(ceiling) << " |\n"
        << "| the " << ceiling_rounds << " ceiling measurements (msgs/s) | "
        << thousands(ceilings.front()) << " to " << thousands(ceilings.back()) << " |\n"
        << "| highest clean step / ceiling | "
        << (best ? percent(best->offered_rate, static_cast<std::uint64_t>(std::llround(ceiling)))
                 : "-")
        << " |\n";
    return best ? 0 : 1;
}

}  // namespace hortillon::bench
