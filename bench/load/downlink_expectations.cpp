#include "bench/load/downlink_expectations.hpp"

#include <variant>

namespace hortillon::bench {

using gateway_bridge::GatewayTimestamp;

void DownlinkTally::reset() {
    for (auto* counter :
         {&expected, &rx1_in_time, &rx2_in_time, &too_late, &not_answer, &bad_frame, &unmatched})
        counter->store(0);
}

DownlinkExpectations::DownlinkExpectations(std::chrono::microseconds rx1_delay, FrameCheck check)
    : rx1_delay_(rx1_delay), check_(std::move(check)) {}

void DownlinkExpectations::expect(std::size_t gateway, GatewayTimestamp rx_tmst,
                                  std::uint64_t uplink_id, bool first_copy) {
    const auto rx1 = gateway_bridge::to_gateway_timestamp(rx_tmst, rx1_delay_);
    const auto rx2 = gateway_bridge::to_gateway_timestamp(rx_tmst, rx1_delay_ + 1s);
    const std::scoped_lock lock(mutex_);
    windows_[key(gateway, rx1.value)] = Window{uplink_id, ReceiveWindow::rx1};
    windows_[key(gateway, rx2.value)] = Window{uplink_id, ReceiveWindow::rx2};
    if (first_copy)
        ++tally_.expected;
}

auto DownlinkExpectations::judge(std::size_t gateway, const gateway_bridge::DownlinkFrame& frame,
                                 GatewayTimestamp now) -> std::optional<std::string_view> {
    const auto* at = std::get_if<GatewayTimestamp>(&frame.timing);
    if (at == nullptr) {
        ++tally_.unmatched;  // imme or tmms: not a class A answer
        return std::nullopt;
    }
    Window window;
    {
        const std::scoped_lock lock(mutex_);
        const auto found = windows_.find(key(gateway, at->value));
        if (found == windows_.end()) {
            ++tally_.unmatched;
            return std::nullopt;
        }
        window = found->second;
    }
    if (gateway_bridge::signed_difference(*at, now) < too_late_margin) {
        ++tally_.too_late;
        return "TOO_LATE";
    }
    switch (check_(window.uplink_id, frame.phy_payload)) {
        case FrameVerdict::answer:
            break;
        case FrameVerdict::not_an_answer:
            ++tally_.not_answer;
            return std::nullopt;
        case FrameVerdict::other_device:
            ++tally_.unmatched;
            return std::nullopt;
        case FrameVerdict::not_verifying:
            ++tally_.bad_frame;
            return std::nullopt;
    }
    const std::scoped_lock lock(mutex_);
    if (answered_.insert(window.uplink_id).second)
        ++(window.window == ReceiveWindow::rx1 ? tally_.rx1_in_time : tally_.rx2_in_time);
    return std::nullopt;
}

void DownlinkExpectations::reset() {
    const std::scoped_lock lock(mutex_);
    windows_.clear();
    answered_.clear();
    tally_.reset();
}

}  // namespace hortillon::bench
