#include "network-server/adr/default_adr.hpp"

#include <algorithm>
#include <cmath>
#include <variant>

#include "network-server/adr/adr_history.hpp"

namespace hortillon::network_server {

using lorawan::region::LoraModulation;
using lorawan::region::Region;

auto to_string(AdrReason reason) -> std::string_view {
    switch (reason) {
        case AdrReason::disabled:
            return "disabled";
        case AdrReason::not_lora:
            return "not_lora";
        case AdrReason::history_too_short:
            return "history_too_short";
        case AdrReason::link_margin:
            return "link_margin";
        case AdrReason::max_dr_exceeded:
            return "max_dr_exceeded";
        case AdrReason::link_failing_power_up:
            return "link_failing_power_up";
        case AdrReason::link_failing_dr_down:
            return "link_failing_dr_down";
    }
    return "unknown";
}

auto max_lora_125khz_uplink_dr(const Region& region) -> std::optional<std::uint8_t> {
    std::optional<std::uint8_t> best;
    for (const auto& row : region.data_rates) {
        const auto* lora = std::get_if<LoraModulation>(&row.data_rate);
        if (row.uplink && lora != nullptr && lora->bandwidth_hz == 125'000) {
            best = std::max(best.value_or(row.dr), row.dr);
        }
    }
    return best;
}

namespace {

auto spreading_factor(const Region& region, std::uint8_t dr) -> std::optional<unsigned> {
    const auto* row = lorawan::region::data_rate_definition(region, dr);
    const auto* lora = row != nullptr ? std::get_if<LoraModulation>(&row->data_rate) : nullptr;
    if (lora == nullptr) {
        return std::nullopt;
    }
    return lora->spreading_factor;
}

// Positive steps raise the DR first, then lower the power; negative steps raise the power
// (ChirpStack's get_ideal_tx_power_index_and_dr, iterated).
auto apply_steps(AdrSettings settings, int n_step, std::uint8_t max_dr, const AdrRequest& request)
    -> AdrSettings {
    for (; n_step > 0; --n_step) {
        if (settings.dr < max_dr) {
            ++settings.dr;
        } else if (settings.tx_power_index < request.max_tx_power_index) {
            ++settings.tx_power_index;
        }
    }
    for (; n_step < 0; ++n_step) {
        if (settings.tx_power_index > request.min_tx_power_index) {
            --settings.tx_power_index;
        }
    }
    return settings;
}

auto uplinks_at_power(std::span<const AdrUplink> history, std::uint8_t tx_power_index)
    -> std::size_t {
    return static_cast<std::size_t>(
        std::ranges::count(history, tx_power_index, &AdrUplink::tx_power_index));
}

}  // namespace

auto DefaultAdr::decide(const Region& region, const AdrRequest& request) const -> AdrDecision {
    AdrDecision decision;
    decision.downlink_required = request.adr_ack_req;
    const AdrSettings current = request.current;
    if (!request.profile.enabled || !request.device_adr) {
        return decision;
    }
    const auto sf = spreading_factor(region, current.dr);
    const auto required = sf ? required_snr_db(*sf) : std::nullopt;
    if (!required) {
        decision.reason = AdrReason::not_lora;
        return decision;
    }
    const auto best_snr = max_snr_db(request.history);
    if (!best_snr) {
        decision.reason = AdrReason::history_too_short;
        return decision;
    }
    const std::uint8_t max_dr =
        std::min(request.profile.max_dr, max_lora_125khz_uplink_dr(region).value_or(current.dr));
    AdrSettings wanted = current;
    decision.reason = AdrReason::history_too_short;
    if (wanted.dr > max_dr) {
        wanted.dr = max_dr;
        decision.reason = AdrReason::max_dr_exceeded;
    }

    const bool full_history = request.history.size() >= config_.history_for_full_decision;
    const double loss = full_history ? packet_loss_percent(request.history) : 0;
    if (full_history) {
        wanted.nb_trans = std::clamp(nb_trans_for_packet_loss(current.nb_trans, loss),
                                     request.profile.min_nb_trans, request.profile.max_nb_trans);
        decision.reason = AdrReason::link_margin;
    }

    const double margin = *best_snr - *required - request.profile.installation_margin_db;
    decision.n_step = static_cast<int>(std::floor(margin / 3));
    const bool may_increase = request.history.size() >= config_.history_for_increase;
    const bool may_decrease = uplinks_at_power(request.history, current.tx_power_index) >=
                              config_.history_for_full_decision;
    if ((decision.n_step > 0 && may_increase) || (decision.n_step < 0 && may_decrease)) {
        wanted = apply_steps(wanted, decision.n_step, max_dr, request);
        decision.reason = AdrReason::link_margin;
    }

    // Stepping back: the margin rule never lowers the DR, so a dying link needs its own rule.
    const bool failing =
        *best_snr < *required || (full_history && loss >= config_.failing_loss_percent);
    if (failing && request.adr_ack_req && wanted.tx_power_index > request.min_tx_power_index) {
        wanted.tx_power_index = request.min_tx_power_index;
        decision.reason = AdrReason::link_failing_power_up;
    } else if (failing && (request.adr_ack_req || full_history) &&
               current.tx_power_index <= request.min_tx_power_index &&
               wanted.dr > request.profile.min_dr) {
        // Only once the device is already at maximum power: a power raise decided just now
        // gets its chance first.
        wanted.dr = static_cast<std::uint8_t>(std::min(wanted.dr, current.dr) - 1);
        decision.reason = AdrReason::link_failing_dr_down;
    }

    if (wanted != current) {
        decision.change = wanted;
    }
    return decision;
}

}  // namespace hortillon::network_server
