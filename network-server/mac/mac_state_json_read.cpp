// Reading DeviceMacState from JSON (see mac_state_json.hpp). Every member is checked for type
// and range by hand, so that bad input is an error value and never an exception.
#include <limits>
#include <nlohmann/json.hpp>

#include "network-server/mac/mac_state_json.hpp"

namespace hortillon::network_server {

using namespace lorawan;
using nlohmann::json;
using region::ChannelMask;

namespace {

template <class T>
auto as_unsigned(const json& value) -> std::optional<T> {
    if (!value.is_number_unsigned() || value.get<std::uint64_t>() > std::numeric_limits<T>::max()) {
        return std::nullopt;
    }
    return static_cast<T>(value.get<std::uint64_t>());
}

auto as_signed(const json& value, std::int64_t min, std::int64_t max)
    -> std::optional<std::int64_t> {
    if (!value.is_number_integer() || value.get<std::int64_t>() < min ||
        value.get<std::int64_t>() > max) {
        return std::nullopt;
    }
    return value.get<std::int64_t>();
}

auto as_tuple(const json& value, std::size_t size) -> const json* {
    return value.is_array() && value.size() == size ? &value : nullptr;
}

auto as_mask(const json& value) -> std::optional<ChannelMask> {
    if (!value.is_string()) {
        return std::nullopt;
    }
    const auto bytes = from_hex(value.get<std::string>());
    if (!bytes || bytes->size() != 12) {
        return std::nullopt;
    }
    ChannelMask mask;
    for (std::size_t i = 0; i < mask.size(); ++i) {
        mask.set(i, ((*bytes)[i / 8] >> (i % 8)) & 1U);
    }
    return mask;
}

auto as_commands(const json& value) -> std::optional<std::vector<MacCommand>> {
    if (!value.is_string()) {
        return std::nullopt;
    }
    const auto bytes = from_hex(value.get<std::string>());
    if (!bytes) {
        return std::nullopt;
    }
    auto decoded = decode_mac_commands(*bytes, Direction::downlink);
    if (decoded.stopped_by) {
        return std::nullopt;
    }
    return std::move(decoded.commands);
}

auto as_time(const json& value) -> std::optional<SystemTime> {
    const auto millis = as_signed(value, std::numeric_limits<std::int64_t>::min() / 1'000'000,
                                  std::numeric_limits<std::int64_t>::max() / 1'000'000);
    if (!millis) {
        return std::nullopt;
    }
    return SystemTime{
        std::chrono::duration_cast<SystemTime::duration>(std::chrono::milliseconds{*millis})};
}

// Applies present members of one document to `state`; `ok` turns false on the first bad one.
class StateReader {
  public:
    StateReader(const json& document, DeviceMacState& state) : doc_(document), state_(state) {}

    auto read() -> bool {
        read_settings();
        read_channels();
        read_parameters();
        read_requests();
        read_status_and_history();
        return ok_;
    }

  private:
    // Calls `parse` with the member if present; a nullopt result marks the document bad.
    template <class Parse>
    void member(const char* key, Parse parse) {
        const auto found = doc_.find(key);
        if (found != doc_.end() && !parse(*found)) {
            ok_ = false;
        }
    }

    template <class T>
    void unsigned_member(const char* key, T& out) {
        member(key, [&](const json& v) {
            const auto value = as_unsigned<T>(v);
            if (value) {
                out = *value;
            }
            return value.has_value();
        });
    }

    void read_settings() {
        unsigned_member("dr", state_.dr);
        unsigned_member("tx_power_index", state_.tx_power_index);
        unsigned_member("nb_trans", state_.nb_trans);
        unsigned_member("rx1_dr_offset", state_.rx1_dr_offset);
        unsigned_member("rx2_dr", state_.rx2_dr);
        unsigned_member("rx2_frequency", state_.rx2_frequency_hz);
        unsigned_member("max_duty_cycle", state_.max_duty_cycle);
        member("rx1_delay", [&](const json& v) {
            const auto seconds = as_unsigned<std::uint8_t>(v);
            if (seconds) {
                state_.rx1_delay = std::chrono::seconds{*seconds};
            }
            return seconds.has_value();
        });
    }

    void read_channels() {
        member("enabled_channels", [&](const json& v) {
            const auto mask = as_mask(v);
            if (mask) {
                state_.enabled_channels = *mask;
            }
            return mask.has_value();
        });
        member("extra_channels", [&](const json& v) {
            if (!v.is_array()) {
                return false;
            }
            std::vector<ChannelDefinition> channels;
            for (const auto& row : v) {
                const auto* t = as_tuple(row, 4);
                const auto index = t ? as_unsigned<std::uint8_t>((*t)[0]) : std::nullopt;
                const auto hz = t ? as_unsigned<std::uint32_t>((*t)[1]) : std::nullopt;
                const auto min_dr = t ? as_unsigned<std::uint8_t>((*t)[2]) : std::nullopt;
                const auto max_dr = t ? as_unsigned<std::uint8_t>((*t)[3]) : std::nullopt;
                if (!index || !hz || !min_dr || !max_dr) {
                    return false;
                }
                channels.push_back({*index, *hz, *min_dr, *max_dr});
            }
            state_.extra_channels = std::move(channels);
            return true;
        });
        member("downlink_frequencies", [&](const json& v) {
            if (!v.is_array()) {
                return false;
            }
            std::map<std::uint8_t, std::uint32_t> frequencies;
            for (const auto& row : v) {
                const auto* t = as_tuple(row, 2);
                const auto channel = t ? as_unsigned<std::uint8_t>((*t)[0]) : std::nullopt;
                const auto hz = t ? as_unsigned<std::uint32_t>((*t)[1]) : std::nullopt;
                if (!channel || !hz) {
                    return false;
                }
                frequencies[*channel] = *hz;
            }
            state_.downlink_frequencies_hz = std::move(frequencies);
            return true;
        });
    }

    void read_parameters() {
        member("tx_params", [&](const json& v) {
            const auto* t = as_tuple(v, 3);
            const auto eirp = t ? as_unsigned<std::uint8_t>((*t)[2]) : std::nullopt;
            if (!eirp || !(*t)[0].is_boolean() || !(*t)[1].is_boolean()) {
                return false;
            }
            state_.tx_params = TxParams{(*t)[0].get<bool>(), (*t)[1].get<bool>(), *eirp};
            return true;
        });
        member("adr_ack", [&](const json& v) {
            const auto* t = as_tuple(v, 2);
            const auto limit = t ? as_unsigned<std::uint8_t>((*t)[0]) : std::nullopt;
            const auto delay = t ? as_unsigned<std::uint8_t>((*t)[1]) : std::nullopt;
            if (!limit || !delay) {
                return false;
            }
            state_.adr_ack = AdrAckParams{*limit, *delay};
            return true;
        });
        member("rejoin", [&](const json& v) {
            const auto* t = as_tuple(v, 3);
            const auto time = t ? as_unsigned<std::uint8_t>((*t)[0]) : std::nullopt;
            const auto count = t ? as_unsigned<std::uint8_t>((*t)[1]) : std::nullopt;
            if (!time || !count || !(*t)[2].is_boolean()) {
                return false;
            }
            state_.rejoin = RejoinParams{*time, *count, (*t)[2].get<bool>()};
            return true;
        });
    }

    void read_requests() {
        member("pending", [&](const json& v) {
            if (!v.is_array()) {
                return false;
            }
            std::vector<PendingMacRequest> pending;
            for (const auto& row : v) {
                const auto* t = as_tuple(row, 3);
                auto commands = t ? as_commands((*t)[0]) : std::nullopt;
                const auto silent = t ? as_unsigned<std::uint16_t>((*t)[1]) : std::nullopt;
                const auto attempts = t ? as_unsigned<std::uint16_t>((*t)[2]) : std::nullopt;
                if (!commands || commands->empty() || !silent || !attempts) {
                    return false;
                }
                pending.push_back({std::move(*commands), *silent, *attempts});
            }
            state_.pending = std::move(pending);
            return true;
        });
        member("rejected", [&](const json& v) {
            auto commands = as_commands(v);
            if (commands) {
                state_.rejected = std::move(*commands);
            }
            return commands.has_value();
        });
        member("link_adr_limits", [&](const json& v) { return read_limits(v); });
    }

    auto read_limits(const json& v) -> bool {
        if (!v.is_object()) {
            return false;
        }
        LinkAdrLimits limits;
        bool good = true;
        const auto optional_u8 = [&](const char* key, std::optional<std::uint8_t>& out) {
            if (const auto found = v.find(key); found != v.end()) {
                out = as_unsigned<std::uint8_t>(*found);
                good = good && out.has_value();
            }
        };
        optional_u8("max_dr", limits.max_dr);
        optional_u8("min_tx_power_index", limits.min_tx_power_index);
        optional_u8("max_tx_power_index", limits.max_tx_power_index);
        if (const auto found = v.find("rejected_channel_mask"); found != v.end()) {
            limits.rejected_channel_mask = as_mask(*found);
            good = good && limits.rejected_channel_mask.has_value();
        }
        state_.link_adr_limits = limits;
        return good;
    }

    void read_status_and_history() {
        member("dev_status_requested_at", [&](const json& v) {
            state_.dev_status_requested_at = as_time(v);
            return state_.dev_status_requested_at.has_value();
        });
        member("last_device_status", [&](const json& v) {
            const auto* t = as_tuple(v, 3);
            const auto battery = t ? as_unsigned<std::uint8_t>((*t)[0]) : std::nullopt;
            const auto margin = t ? as_signed((*t)[1], -32, 31) : std::nullopt;
            const auto at = t ? as_time((*t)[2]) : std::nullopt;
            if (!battery || !margin || !at) {
                return false;
            }
            state_.last_device_status =
                DeviceStatus{*battery, static_cast<std::int8_t>(*margin), *at};
            return true;
        });
        member("adr_history", [&](const json& v) {
            if (!v.is_array() || v.size() > adr_history_size) {
                return false;
            }
            std::vector<AdrUplink> history;
            for (const auto& row : v) {
                const auto* t = as_tuple(row, 4);
                const auto f_cnt = t ? as_unsigned<std::uint32_t>((*t)[0]) : std::nullopt;
                const auto power = t ? as_unsigned<std::uint8_t>((*t)[2]) : std::nullopt;
                const auto dr = t ? as_unsigned<std::uint8_t>((*t)[3]) : std::nullopt;
                if (!f_cnt || !power || !dr || !(*t)[1].is_number()) {
                    return false;
                }
                history.push_back({*f_cnt, (*t)[1].get<double>(), *power, *dr});
            }
            state_.adr_history = std::move(history);
            return true;
        });
    }

    const json& doc_;
    DeviceMacState& state_;
    bool ok_ = true;
};

}  // namespace

auto mac_state_from_json(std::string_view text, const DeviceMacState& defaults)
    -> Result<DeviceMacState, MacStateJsonError> {
    const json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) {
        return Unexpected{MacStateJsonError::malformed_json};
    }
    if (!document.is_object()) {
        return Unexpected{MacStateJsonError::not_an_object};
    }
    if (const auto version = document.find("version"); version != document.end()) {
        const auto number = as_unsigned<std::uint32_t>(*version);
        if (!number) {
            return Unexpected{MacStateJsonError::bad_field};
        }
        if (*number > mac_state_json_version) {
            return Unexpected{MacStateJsonError::unsupported_version};
        }
    }
    DeviceMacState state = defaults;
    if (!StateReader{document, state}.read()) {
        return Unexpected{MacStateJsonError::bad_field};
    }
    return state;
}

}  // namespace hortillon::network_server
