#include "bench/load/device_mac.hpp"

#include <type_traits>
#include <variant>

#include "lorawan/phy_payload.hpp"

namespace hortillon::bench {

using namespace lorawan;

namespace {
constexpr std::uint8_t simulated_battery = 200;  // 1..254: a level, not external power
constexpr std::int8_t simulated_margin_db = 10;

// The answer of a device that accepts `request`, or nothing. LinkADRReq is handled by the
// caller, which sees the runs.
auto answer_to(const MacCommand& request) -> std::optional<MacCommand> {
    return std::visit(
        [](const auto& command) -> std::optional<MacCommand> {
            using T = std::decay_t<decltype(command)>;
            if constexpr (std::is_same_v<T, NewChannelReq>)
                return NewChannelAns{.data_rate_range_ok = true, .channel_frequency_ok = true};
            else if constexpr (std::is_same_v<T, DlChannelReq>)
                return DlChannelAns{.uplink_frequency_exists = true, .channel_frequency_ok = true};
            else if constexpr (std::is_same_v<T, RxParamSetupReq>)
                return RxParamSetupAns{
                    .rx1_dr_offset_ack = true, .rx2_data_rate_ack = true, .channel_ack = true};
            else if constexpr (std::is_same_v<T, RxTimingSetupReq>)
                return RxTimingSetupAns{};
            else if constexpr (std::is_same_v<T, DutyCycleReq>)
                return DutyCycleAns{};
            else if constexpr (std::is_same_v<T, DevStatusReq>)
                return DevStatusAns{.battery = simulated_battery, .margin = simulated_margin_db};
            else if constexpr (std::is_same_v<T, TxParamSetupReq>)
                return TxParamSetupAns{};
            else
                return std::nullopt;
        },
        request);
}
}  // namespace

auto mac_answers_to(std::span<const MacCommand> requests) -> std::vector<MacCommand> {
    std::vector<MacCommand> answers;
    bool in_link_adr_run = false;
    for (const auto& request : requests) {
        const bool link_adr = std::holds_alternative<LinkAdrReq>(request);
        // A contiguous run of LinkADRReq is one atomic request (TS001 §5.3): one answer for the
        // run. LoRaWAN 1.1 requires exactly that; 1.0.2..1.0.4 devices may also repeat the answer
        // once per command, and the server ANDs the bits of however many come.
        if (link_adr && !in_link_adr_run) {
            answers.emplace_back(
                LinkAdrAns{.power_ack = true, .data_rate_ack = true, .channel_mask_ack = true});
        } else if (auto answer = answer_to(request)) {
            answers.push_back(std::move(*answer));
        }
        in_link_adr_run = link_adr;
    }
    return answers;
}

void MacAnswerTally::reset() {
    for (auto* counter : {&requests, &answers_sent, &answers_dropped, &undecodable})
        counter->store(0);
}

MacAnswerQueue::MacAnswerQueue(std::uint64_t devices) : waiting_(devices) {}

void MacAnswerQueue::on_downlink(std::uint64_t device, const MacCommands& commands) {
    tally_.requests += commands.commands.size();
    if (commands.stopped_by)
        ++tally_.undecodable;
    const auto answers = mac_answers_to(commands.commands);
    if (answers.empty())
        return;
    const std::scoped_lock lock(mutex_);
    Bytes& waiting = waiting_.at(device);
    for (const auto& answer : answers) {
        if (waiting.size() + encoded_size(answer) > max_f_opts_size) {
            ++tally_.answers_dropped;
            continue;
        }
        const Bytes encoded = encode_mac_commands(std::span(&answer, 1));
        waiting.insert(waiting.end(), encoded.begin(), encoded.end());
    }
}

auto MacAnswerQueue::take_f_opts(std::uint64_t device) -> Bytes {
    Bytes f_opts;
    {
        const std::scoped_lock lock(mutex_);
        f_opts.swap(waiting_.at(device));
    }
    if (!f_opts.empty()) {
        // Each answer's size follows from its CID: count them for the tally.
        tally_.answers_sent += decode_mac_commands(f_opts, Direction::uplink).commands.size();
    }
    return f_opts;
}

}  // namespace hortillon::bench
