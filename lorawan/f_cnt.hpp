#pragma once
// Frame-counter widening: only the 16 low bits of the 32-bit FCnt travel on air (§4.3.1.5).

#include <cstdint>
#include <optional>

namespace hortillon::lorawan {

// The 32-bit counter a received 16-bit FCnt stands for, given the next expected 32-bit value
// (last accepted + 1; 0 before any uplink). A repeat of the last frame maps to next_expected - 1
// (a retransmission); anything else is the nearest value at or after next_expected with those
// low bits. All arithmetic wraps modulo 2^32. The caller classifies the result.
constexpr auto reconstruct_f_cnt(std::uint32_t next_expected, std::uint16_t received)
    -> std::uint32_t {
    const auto expected_low = static_cast<std::uint16_t>(next_expected);
    if (received == static_cast<std::uint16_t>(expected_low - 1))
        return next_expected - 1;
    const auto gap = static_cast<std::uint16_t>(received - expected_low);
    return next_expected + gap;
}

// What a reconstructed uplink counter means for the session.
enum class FCntVerdict : std::uint8_t {
    fresh,           // a new frame: accept if the MIC verifies
    retransmission,  // the same counter as the last accepted frame (NbTrans repeat)
    replay,          // older than the last accepted frame
    gap_too_large,   // LoRaWAN 1.0.0-1.0.3 only: jump of MAX_FCNT_GAP (16384) or more
};

inline constexpr std::uint32_t max_f_cnt_gap_1_0 = 16384;

// Classifies `f_cnt` (from reconstruct_f_cnt) against the last accepted counter.
// `last_accepted` is nullopt for a session that has had no uplink. `max_gap` is set for
// devices older than 1.0.4, which still apply MAX_FCNT_GAP; 1.0.4 and 1.1 removed it.
constexpr auto classify_f_cnt_up(std::optional<std::uint32_t> last_accepted, std::uint32_t f_cnt,
                                 std::optional<std::uint32_t> max_gap) -> FCntVerdict {
    if (!last_accepted) {
        if (max_gap && f_cnt >= *max_gap)
            return FCntVerdict::gap_too_large;
        return FCntVerdict::fresh;
    }
    if (f_cnt == *last_accepted)
        return FCntVerdict::retransmission;
    if (f_cnt < *last_accepted)
        return FCntVerdict::replay;
    if (max_gap && f_cnt - *last_accepted > *max_gap)
        return FCntVerdict::gap_too_large;
    return FCntVerdict::fresh;
}

}  // namespace hortillon::lorawan
