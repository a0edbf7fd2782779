// DeviceMacState as the nlohmann tree writer built it before the text writer: the reference that
// stored documents must keep matching byte for byte (and the "before" of bench/).
#include "mac_state_json_reference.hpp"

#include <nlohmann/json.hpp>

namespace hortillon::network_server::test {

namespace region = lorawan::region;

auto reference_mac_state_json(const DeviceMacState& state) -> std::string {
    using nlohmann::json;
    const auto mask_hex = [](const region::ChannelMask& mask) {
        lorawan::Bytes bytes(12, 0);
        for (std::size_t i = 0; i < mask.size(); ++i) {
            if (mask.test(i)) {
                bytes[i / 8] = static_cast<std::uint8_t>(bytes[i / 8] | (1U << (i % 8)));
            }
        }
        return lorawan::to_hex(bytes);
    };
    const auto millis = [](SystemTime time) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch())
            .count();
    };
    json out = {{"version", 1},
                {"dr", state.dr},
                {"tx_power_index", state.tx_power_index},
                {"nb_trans", state.nb_trans},
                {"enabled_channels", mask_hex(state.enabled_channels)},
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
        pending.push_back({lorawan::to_hex(lorawan::encode_mac_commands(p.commands)),
                           p.uplinks_since_sent, p.attempts});
    }
    out["rejected"] = lorawan::to_hex(lorawan::encode_mac_commands(state.rejected));
    json limits = json::object();
    const auto& l = state.link_adr_limits;
    if (l.max_dr) {
        limits["max_dr"] = *l.max_dr;
    }
    if (l.min_tx_power_index) {
        limits["min_tx_power_index"] = *l.min_tx_power_index;
    }
    if (l.max_tx_power_index) {
        limits["max_tx_power_index"] = *l.max_tx_power_index;
    }
    if (l.rejected_channel_mask) {
        limits["rejected_channel_mask"] = mask_hex(*l.rejected_channel_mask);
    }
    out["link_adr_limits"] = limits;
    if (state.dev_status_requested_at) {
        out["dev_status_requested_at"] = millis(*state.dev_status_requested_at);
    }
    if (state.last_device_status) {
        const auto& s = *state.last_device_status;
        out["last_device_status"] = {s.battery, s.margin_db, millis(s.received_at)};
    }
    auto& history = out["adr_history"] = json::array();
    for (const auto& h : state.adr_history) {
        history.push_back({h.f_cnt, h.max_snr_db, h.tx_power_index, h.dr});
    }
    return out.dump();
}

}  // namespace hortillon::network_server::test
