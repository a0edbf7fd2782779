#include "lorawan/data_frame_seal.hpp"

#include <algorithm>

namespace hortillon::lorawan {

auto f_opts_counter(Direction direction, std::optional<std::uint8_t> f_port) -> FOptsCounter {
    if (direction == Direction::downlink && f_port.value_or(0) > 0) {
        return FOptsCounter::a_f_cnt_down;
    }
    return FOptsCounter::f_cnt_up_or_n_f_cnt_down;
}

auto seal_data_frame(const PlainDataFrame& frame, const NetworkSessionCrypto& network,
                     const Aes128* app_s_key, const MicBlockFields& fields)
    -> Result<Bytes, FrameError> {
    DataFrame sealed{.m_type = frame.m_type,
                     .dev_addr = frame.dev_addr,
                     .f_ctrl = frame.f_ctrl,
                     .f_cnt = static_cast<std::uint16_t>(frame.f_cnt),
                     .f_opts = {},
                     .f_port = frame.f_port,
                     .frm_payload = {},
                     .mic = {}};
    const Direction direction = sealed.direction();
    if (frame.f_opts.size() > max_f_opts_size)
        return Unexpected{FrameError::fopts_length_mismatch};
    sealed.f_opts = network.crypt_f_opts(direction, frame.dev_addr, frame.f_cnt,
                                         f_opts_counter(direction, frame.f_port), frame.f_opts);
    if (!frame.frm_payload.empty()) {
        if (!frame.f_port)
            return Unexpected{FrameError::bad_length};
        if (*frame.f_port == 0) {
            sealed.frm_payload = network.crypt_mac_payload(direction, frame.dev_addr, frame.f_cnt,
                                                           frame.frm_payload);
        } else if (app_s_key != nullptr) {
            sealed.frm_payload = encrypt_frm_payload(*app_s_key, direction, frame.dev_addr,
                                                     frame.f_cnt, frame.frm_payload);
        } else {
            return Unexpected{FrameError::bad_length};
        }
    }
    auto bytes = encode_phy_payload(PhyPayload{sealed});
    if (!bytes)
        return bytes;
    const ByteView msg = mic_input(*bytes);
    const Mic mic = direction == Direction::uplink
                        ? network.uplink_mic(msg, frame.dev_addr, frame.f_cnt, fields)
                        : network.downlink_mic(msg, frame.dev_addr, frame.f_cnt, fields.conf_f_cnt);
    std::copy(mic.begin(), mic.end(), bytes->end() - mic_size);
    return bytes;
}

auto verify_data_frame_mic(const NetworkSessionCrypto& network, ByteView phy_payload,
                           const DataFrame& frame, std::uint32_t f_cnt,
                           const MicBlockFields& fields) -> bool {
    if (phy_payload.size() < mic_size)
        return false;
    const ByteView msg = mic_input(phy_payload);
    const Mic expected = frame.direction() == Direction::uplink
                             ? network.uplink_mic(msg, frame.dev_addr, f_cnt, fields)
                             : network.downlink_mic(msg, frame.dev_addr, f_cnt, fields.conf_f_cnt);
    return mic_equal(expected, frame.mic);
}

}  // namespace hortillon::lorawan
