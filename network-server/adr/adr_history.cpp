#include "network-server/adr/adr_history.hpp"

#include <algorithm>
#include <array>

namespace hortillon::network_server {

auto record_adr_uplink(std::vector<AdrUplink> history, const AdrUplink& uplink)
    -> std::vector<AdrUplink> {
    if (!history.empty() && uplink.f_cnt <= history.back().f_cnt) {
        history.clear();
    }
    history.push_back(uplink);
    if (history.size() > adr_history_size) {
        history.erase(history.begin(), history.begin() + static_cast<std::ptrdiff_t>(
                                                             history.size() - adr_history_size));
    }
    return history;
}

auto max_snr_db(std::span<const AdrUplink> history) -> std::optional<double> {
    if (history.empty()) {
        return std::nullopt;
    }
    return std::ranges::max(history, {}, &AdrUplink::max_snr_db).max_snr_db;
}

auto packet_loss_percent(std::span<const AdrUplink> history) -> double {
    if (history.size() < 2) {
        return 0;
    }
    // record_adr_uplink keeps FCnt strictly increasing, so every gap is lost frames.
    const auto sent = static_cast<double>(history.back().f_cnt - history.front().f_cnt + 1);
    const auto lost = sent - static_cast<double>(history.size());
    return lost <= 0 ? 0 : 100 * lost / sent;
}

auto required_snr_db(unsigned spreading_factor) -> std::optional<double> {
    // SF5 and SF6 (RP002-1.0.5) follow the same 2.5 dB steps.
    if (spreading_factor < 5 || spreading_factor > 12) {
        return std::nullopt;
    }
    return -7.5 - 2.5 * (static_cast<double>(spreading_factor) - 7.0);
}

auto nb_trans_for_packet_loss(std::uint8_t current_nb_trans, double loss_percent) -> std::uint8_t {
    using Row = std::array<std::uint8_t, 3>;
    constexpr std::array<Row, 4> table{{{1, 1, 2}, {1, 2, 3}, {2, 3, 3}, {3, 3, 3}}};
    const std::size_t column = std::clamp<std::uint8_t>(current_nb_trans, 1, 3) - 1;
    std::size_t row = 3;
    if (loss_percent < 5) {
        row = 0;
    } else if (loss_percent < 10) {
        row = 1;
    } else if (loss_percent < 30) {
        row = 2;
    }
    return table[row][column];
}

}  // namespace hortillon::network_server
