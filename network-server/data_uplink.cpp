#include "network-server/data_uplink.hpp"

#include "lorawan/data_frame_seal.hpp"

namespace hortillon::network_server {

using namespace lorawan;

namespace {
auto mic_fields(const DataFrame& frame, const DeviceSession& session, const UplinkChannel& channel)
    -> MicBlockFields {
    MicBlockFields fields{.conf_f_cnt = 0, .tx_dr = channel.dr, .tx_ch = channel.channel_index};
    if (frame.f_ctrl.ack && session.pending_confirmed_f_cnt_down) {
        fields.conf_f_cnt = static_cast<std::uint16_t>(*session.pending_confirmed_f_cnt_down);
    }
    return fields;
}

// The counter an old frame had if it is a replay: the value below next_expected with the same
// 16 low bits (reconstruct_f_cnt always looks forward, where a replay's MIC cannot verify).
auto backward_f_cnt(std::uint32_t next_expected, std::uint16_t received)
    -> std::optional<std::uint32_t> {
    const auto distance =
        static_cast<std::uint16_t>(static_cast<std::uint16_t>(next_expected) - received);
    if (distance == 0 || distance > next_expected)
        return std::nullopt;
    return next_expected - distance;
}
}  // namespace

auto match_session(const DataFrame& frame, ByteView phy_payload,
                   std::span<const DeviceSession> candidates, const UplinkChannel& channel,
                   SessionCryptoCache& crypto_cache) -> Result<SessionMatch, SessionMismatch> {
    if (candidates.empty())
        return Unexpected{SessionMismatch{UplinkRejection::unknown_dev_addr, std::nullopt}};
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const DeviceSession& session = candidates[i];
        const std::uint32_t f_cnt = reconstruct_f_cnt(session.next_f_cnt_up(), frame.f_cnt);
        const NetworkSessionCrypto& crypto = crypto_cache.for_session(session);
        const MicBlockFields fields = mic_fields(frame, session, channel);
        if (!verify_data_frame_mic(crypto, phy_payload, frame, f_cnt, fields)) {
            const auto old = backward_f_cnt(session.next_f_cnt_up(), frame.f_cnt);
            if (old && verify_data_frame_mic(crypto, phy_payload, frame, *old, fields)) {
                return Unexpected{SessionMismatch{UplinkRejection::f_cnt_replay, i}};
            }
            continue;
        }
        const std::optional<std::uint32_t> max_gap = applies_max_f_cnt_gap(session.mac_version)
                                                         ? std::optional(max_f_cnt_gap_1_0)
                                                         : std::nullopt;
        const FCntVerdict verdict = classify_f_cnt_up(session.last_f_cnt_up, f_cnt, max_gap);
        if (verdict == FCntVerdict::replay)
            return Unexpected{SessionMismatch{UplinkRejection::f_cnt_replay, i}};
        if (verdict == FCntVerdict::gap_too_large)
            return Unexpected{SessionMismatch{UplinkRejection::f_cnt_gap_too_large, i}};
        return SessionMatch{.index = i, .f_cnt = f_cnt, .verdict = verdict};
    }
    return Unexpected{SessionMismatch{UplinkRejection::mic_mismatch, std::nullopt}};
}

auto uplink_mac_commands(const DataFrame& frame, const DeviceSession& session, std::uint32_t f_cnt,
                         SessionCryptoCache& crypto_cache) -> MacCommands {
    const NetworkSessionCrypto& crypto = crypto_cache.for_session(session);
    if (frame.f_port == 0) {
        return decode_mac_commands(
            crypto.crypt_mac_payload(Direction::uplink, frame.dev_addr, f_cnt, frame.frm_payload),
            Direction::uplink);
    }
    return decode_mac_commands(
        crypto.crypt_f_opts(Direction::uplink, frame.dev_addr, f_cnt,
                            FOptsCounter::f_cnt_up_or_n_f_cnt_down, frame.f_opts),
        Direction::uplink);
}

}  // namespace hortillon::network_server
