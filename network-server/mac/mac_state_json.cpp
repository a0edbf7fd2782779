#include "network-server/mac/mac_state_json.hpp"

#include <nlohmann/json.hpp>

namespace hortillon::network_server {

using namespace lorawan;
using nlohmann::json;
using region::ChannelMask;

auto to_string(MacStateJsonError error) -> std::string_view {
    switch (error) {
        case MacStateJsonError::malformed_json:
            return "malformed_json";
        case MacStateJsonError::not_an_object:
            return "not_an_object";
        case MacStateJsonError::unsupported_version:
            return "unsupported_version";
        case MacStateJsonError::bad_field:
            return "bad_field";
    }
    return "unknown";
}

namespace {

constexpr std::size_t mask_bytes = 12;

auto mask_to_hex(const ChannelMask& mask) -> std::string {
    Bytes bytes(mask_bytes, 0);
    for (std::size_t i = 0; i < mask.size(); ++i) {
        if (mask.test(i)) {
            bytes[i / 8] = static_cast<std::uint8_t>(bytes[i / 8] | (1U << (i % 8)));
        }
    }
    return to_hex(bytes);
}

auto to_millis(SystemTime time) -> std::int64_t {
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

auto link_adr_limits_to_json(const LinkAdrLimits& limits) -> json {
    json out = json::object();
    if (limits.max_dr) {
        out["max_dr"] = *limits.max_dr;
    }
    if (limits.min_tx_power_index) {
        out["min_tx_power_index"] = *limits.min_tx_power_index;
    }
    if (limits.max_tx_power_index) {
        out["max_tx_power_index"] = *limits.max_tx_power_index;
    }
    if (limits.rejected_channel_mask) {
        out["rejected_channel_mask"] = mask_to_hex(*limits.rejected_channel_mask);
    }
    return out;
}

}  // namespace

auto mac_state_to_json(const DeviceMacState& state) -> std::string {
    json out = {{"version", mac_state_json_version},
                {"dr", state.dr},
                {"tx_power_index", state.tx_power_index},
                {"nb_trans", state.nb_trans},
                {"enabled_channels", mask_to_hex(state.enabled_channels)},
                {"rx1_dr_offset", state.rx1_dr_offset},
                {"rx2_dr", state.rx2_dr},
                {"rx2_frequency", state.rx2_frequency_hz},
                {"rx1_delay", state.rx1_delay.count()},
                {"max_duty_cycle", state.max_duty_cycle}};
    auto& extra = out["extra_channels"] = json::array();
    for (const auto& c : state.extra_channels) {
        extra.push_back({c.index, c.frequency_hz, c.min_dr, c.max_dr});
    }
    auto& downlink = out["downlink_frequencies"] = json::array();
    for (const auto& [channel, frequency] : state.downlink_frequencies_hz) {
        downlink.push_back({channel, frequency});
    }
    if (state.tx_params) {
        const auto& t = *state.tx_params;
        out["tx_params"] = {t.uplink_dwell_time_400ms, t.downlink_dwell_time_400ms,
                            t.max_eirp_index};
    }
    if (state.adr_ack) {
        out["adr_ack"] = {state.adr_ack->limit_exp, state.adr_ack->delay_exp};
    }
    if (state.rejoin) {
        out["rejoin"] = {state.rejoin->max_time_n, state.rejoin->max_count_n,
                         state.rejoin->time_accepted};
    }
    auto& pending = out["pending"] = json::array();
    for (const auto& p : state.pending) {
        pending.push_back(
            {to_hex(encode_mac_commands(p.commands)), p.uplinks_since_sent, p.attempts});
    }
    out["rejected"] = to_hex(encode_mac_commands(state.rejected));
    out["link_adr_limits"] = link_adr_limits_to_json(state.link_adr_limits);
    if (state.dev_status_requested_at) {
        out["dev_status_requested_at"] = to_millis(*state.dev_status_requested_at);
    }
    if (state.last_device_status) {
        const auto& s = *state.last_device_status;
        out["last_device_status"] = {s.battery, s.margin_db, to_millis(s.received_at)};
    }
    auto& history = out["adr_history"] = json::array();
    for (const auto& h : state.adr_history) {
        history.push_back({h.f_cnt, h.max_snr_db, h.tx_power_index, h.dr});
    }
    return out.dump();
}

}  // namespace hortillon::network_server
