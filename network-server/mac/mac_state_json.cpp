#include "network-server/mac/mac_state_json.hpp"

#include <type_traits>

#include "json-text/json_text.hpp"

namespace hortillon::network_server {

using namespace lorawan;
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

// The document is written straight as text: building an nlohmann tree and dumping it for every
// uplink cost 6 % of the event loop. The text is byte for byte what that tree's dump() gave:
// members in the byte order of their keys (nlohmann's), numbers as it writes them.

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

// Thin names for the shared writer (json-text/json_text.hpp), as this file uses them.
void key(std::string& out, std::string_view name) {
    json_text::append_key(out, name);
}

template <class Integer>
void number(std::string& out, Integer value) {
    if constexpr (std::is_signed_v<Integer>)
        json_text::append_signed(out, value);
    else
        json_text::append_unsigned(out, value);
}

void number(std::string& out, double value) {
    json_text::append_double(out, value);
}

void boolean(std::string& out, bool value) {
    json_text::append_bool(out, value);
}

void hex_string(std::string& out, std::string_view hex) {
    json_text::append_string(out, hex);
}

void open(std::string& out, char bracket) {
    if (bracket == '{')
        json_text::open_object(out);
    else
        json_text::open_array(out);
}

void write_link_adr_limits(std::string& out, const LinkAdrLimits& limits) {
    open(out, '{');
    if (limits.max_dr) {
        key(out, "max_dr");
        number(out, *limits.max_dr);
    }
    if (limits.max_tx_power_index) {
        key(out, "max_tx_power_index");
        number(out, *limits.max_tx_power_index);
    }
    if (limits.min_tx_power_index) {
        key(out, "min_tx_power_index");
        number(out, *limits.min_tx_power_index);
    }
    if (limits.rejected_channel_mask) {
        key(out, "rejected_channel_mask");
        hex_string(out, mask_to_hex(*limits.rejected_channel_mask));
    }
    out += '}';
}

// The members from "adr_ack" to "last_device_status", in key order.
void write_first_half(std::string& out, const DeviceMacState& state) {
    if (state.adr_ack) {
        key(out, "adr_ack");
        open(out, '[');
        number(out, state.adr_ack->limit_exp);
        number(out, state.adr_ack->delay_exp);
        out += ']';
    }
    key(out, "adr_history");
    open(out, '[');
    for (const auto& h : state.adr_history) {
        open(out, '[');
        number(out, h.f_cnt);
        number(out, h.max_snr_db);
        number(out, h.tx_power_index);
        number(out, h.dr);
        out += ']';
    }
    out += ']';
    if (state.dev_status_requested_at) {
        key(out, "dev_status_requested_at");
        number(out, to_millis(*state.dev_status_requested_at));
    }
    key(out, "downlink_frequencies");
    open(out, '[');
    for (const auto& [channel, frequency] : state.downlink_frequencies_hz) {
        open(out, '[');
        number(out, channel);
        number(out, frequency);
        out += ']';
    }
    out += ']';
    key(out, "dr");
    number(out, state.dr);
    key(out, "enabled_channels");
    hex_string(out, mask_to_hex(state.enabled_channels));
    key(out, "extra_channels");
    open(out, '[');
    for (const auto& c : state.extra_channels) {
        open(out, '[');
        number(out, c.index);
        number(out, c.frequency_hz);
        number(out, c.min_dr);
        number(out, c.max_dr);
        out += ']';
    }
    out += ']';
    if (state.last_device_status) {
        const auto& s = *state.last_device_status;
        key(out, "last_device_status");
        open(out, '[');
        number(out, s.battery);
        number(out, s.margin_db);
        number(out, to_millis(s.received_at));
        out += ']';
    }
}

// The members from "link_adr_limits" to "version", in key order.
void write_second_half(std::string& out, const DeviceMacState& state) {
    key(out, "link_adr_limits");
    write_link_adr_limits(out, state.link_adr_limits);
    key(out, "max_duty_cycle");
    number(out, state.max_duty_cycle);
    key(out, "nb_trans");
    number(out, state.nb_trans);
    key(out, "pending");
    open(out, '[');
    for (const auto& p : state.pending) {
        open(out, '[');
        hex_string(out, to_hex(encode_mac_commands(p.commands)));
        number(out, p.uplinks_since_sent);
        number(out, p.attempts);
        out += ']';
    }
    out += ']';
    key(out, "rejected");
    hex_string(out, to_hex(encode_mac_commands(state.rejected)));
    if (state.rejoin) {
        key(out, "rejoin");
        open(out, '[');
        number(out, state.rejoin->max_time_n);
        number(out, state.rejoin->max_count_n);
        boolean(out, state.rejoin->time_accepted);
        out += ']';
    }
    key(out, "rx1_delay");
    number(out, state.rx1_delay.count());
    key(out, "rx1_dr_offset");
    number(out, state.rx1_dr_offset);
    key(out, "rx2_dr");
    number(out, state.rx2_dr);
    key(out, "rx2_frequency");
    number(out, state.rx2_frequency_hz);
    if (state.tx_params) {
        const auto& t = *state.tx_params;
        key(out, "tx_params");
        open(out, '[');
        boolean(out, t.uplink_dwell_time_400ms);
        boolean(out, t.downlink_dwell_time_400ms);
        number(out, t.max_eirp_index);
        out += ']';
    }
    key(out, "tx_power_index");
    number(out, state.tx_power_index);
    key(out, "version");
    number(out, mac_state_json_version);
}

// A full state (ADR history of 20, a few channels and requests) is about 900 bytes.
constexpr std::size_t document_capacity = 1024;

}  // namespace

auto mac_state_to_json(const DeviceMacState& state) -> std::string {
    std::string out;
    out.reserve(document_capacity);
    out += '{';
    write_first_half(out, state);
    write_second_half(out, state);
    out += '}';
    return out;
}

}  // namespace hortillon::network_server
