#include "bench/load/join_scenario.hpp"

#include <atomic>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <thread>

#include "bench/load/device_fleet.hpp"
#include "bench/load/event_subscriber.hpp"
#include "bench/load/gateway_fleet.hpp"
#include "bench/load/markdown.hpp"
#include "bench/load/receptions.hpp"
#include "bench/load/server_process.hpp"

namespace hortillon::bench {

namespace {
using namespace std::chrono_literals;

constexpr auto join_accept_delay1 = 5s;  // EU868 JOIN_ACCEPT_DELAY1; RX2 is one second later
constexpr auto tick = 1ms;
// After the last join-request: its RX2 window, and a margin.
constexpr auto answer_wait = join_accept_delay1 + 1s + 500ms;

auto dev_nonce_of(std::uint64_t index, std::uint16_t salt) -> lorawan::DevNonce {
    return lorawan::DevNonce{static_cast<std::uint16_t>(mix(index) + salt)};
}
}  // namespace

auto run_joins(const JoinSettings& settings, std::ostream& out, std::ostream& progress) -> int {
    DownlinkExpectations expectations(join_accept_delay1, [](std::uint64_t index,
                                                             lorawan::ByteView phy) {
        return is_join_accept_for(index, phy) ? FrameVerdict::answer : FrameVerdict::not_verifying;
    });
    GatewayFleet fleet(settings.gateways, settings.first_gateway, settings.udp_host,
                       settings.udp_port, expectations);
    std::atomic<std::uint64_t> join_events{0};
    std::optional<EventSubscriber> subscriber;
    if (!settings.mqtt_uri.empty()) {
        subscriber.emplace(settings.mqtt_uri, [&](std::string_view topic, std::string_view payload,
                                                  Clock::time_point) {
            const auto event = parse_device_event(topic, payload);
            if (event && event->type == "join" && index_of(Activation::otaa, event->dev_eui))
                ++join_events;
        });
    }
    if (!fleet.announce(Clock::now() + 10s))
        throw std::runtime_error(
            "no PULL_ACK from the server within 10 s (is it running, are the gateways "
            "provisioned?)" +
            fleet.receive_error_suffix());

    progress << "sending " << settings.devices << " join-requests in " << settings.burst.count()
             << " ms\n"
             << std::flush;
    const auto drops_before = udp_receive_buffer_errors();
    const auto start = Clock::now();
    std::uint64_t sent = 0;
    while (sent < settings.devices) {
        const auto now = Clock::now();
        const double share = std::chrono::duration<double>(now - start) / settings.burst;
        const auto due =
            std::min(settings.devices, static_cast<std::uint64_t>(share * settings.devices) + 1);
        for (; sent < due; ++sent) {
            const auto phy = join_request_of(sent, dev_nonce_of(sent, settings.dev_nonce_salt));
            bool first_copy = true;
            // Each ends at its own instant, so no two share a gateway's tmst.
            const auto received = start + std::chrono::duration_cast<Clock::duration>(
                                              settings.burst * static_cast<double>(sent) /
                                              static_cast<double>(settings.devices));
            for (const Reception& reception : receptions_of(sent, fleet, received)) {
                expectations.expect(reception.gateway, reception.tmst, sent, first_copy);
                first_copy = false;
                fleet.queue(reception.gateway, rxpk_text(reception, phy));
            }
        }
        fleet.flush();
        std::this_thread::sleep_until(now + tick);
    }
    const auto sending_ended = Clock::now();
    const auto burst_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(sending_ended - start);
    progress << "sent in " << burst_ms.count() << " ms; waiting for the join-accepts\n"
             << std::flush;
    auto& tally = expectations.tally();
    while (Clock::now() < sending_ended + answer_wait &&
           tally.answered_in_time() < settings.devices) {
        std::this_thread::sleep_for(100ms);
    }
    // Join events leave after the accept; give the last ones a moment.
    const auto events_deadline = Clock::now() + 3s;
    while (subscriber && join_events < tally.answered_in_time() && Clock::now() < events_deadline)
        std::this_thread::sleep_for(100ms);

    const std::uint64_t answered = tally.answered_in_time();
    const auto drops_after = udp_receive_buffer_errors();
    out << "| measure | value |\n|---|---:|\n"
        << "| join-requests sent | " << thousands(settings.devices) << " in " << burst_ms.count()
        << " ms |\n"
        << "| join-accepts in RX1 (5 s), in time | " << tally.rx1_in_time << " |\n"
        << "| join-accepts in RX2 (6 s), in time | " << tally.rx2_in_time << " |\n"
        << "| answered in time | " << percent(answered, settings.devices) << " |\n"
        << "| no join-accept at all | " << settings.devices - answered - tally.too_late << " |\n"
        << "| PULL_RESP too late (TOO_LATE sent back) | " << tally.too_late << " |\n"
        << "| PULL_RESP not verifying or matching no window | " << tally.bad_frame + tally.unmatched
        << " |\n"
        << "| PULL_RESP received | " << fleet.counters().pull_resp << " |\n"
        << "| PUSH_DATA sent / PUSH_ACK received | " << fleet.counters().push_data_sent << " / "
        << fleet.counters().push_ack << " |\n"
        << "| UDP datagrams dropped, receive buffer full (kernel RcvbufErrors) | "
        << (drops_before && drops_after ? std::to_string(*drops_after - *drops_before) : "-")
        << " |\n"
        << "| join events on MQTT | " << (subscriber ? std::to_string(join_events) : "-") << " |\n";
    return answered == settings.devices ? 0 : 1;
}

}  // namespace hortillon::bench
