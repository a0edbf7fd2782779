#include "simulated_device.hpp"

#include <algorithm>

namespace hortillon::test_support {

using namespace lorawan;

SimulatedDevice::SimulatedDevice(Eui64 dev_eui, Eui64 join_eui, AesKey app_key,
                                 std::optional<AesKey> nwk_key, MacVersion version)
    : dev_eui_(dev_eui),
      join_eui_(join_eui),
      app_key_(app_key),
      nwk_key_(nwk_key),
      version_(version) {}

SimulatedDevice::SimulatedDevice(Eui64 dev_eui, DevAddr dev_addr, SessionKeys keys,
                                 MacVersion version)
    : dev_eui_(dev_eui),
      version_(version),
      dev_addr_(dev_addr),
      keys_(keys),
      lorawan_1_1_session_(is_lorawan_1_1(version)) {}

auto SimulatedDevice::join_request(DevNonce dev_nonce) -> Bytes {
    last_dev_nonce_ = dev_nonce;
    Bytes phy = *encode_phy_payload(JoinRequest{join_eui_, dev_eui_, dev_nonce, {}});
    const AesKey& key = is_lorawan_1_1(version_) && nwk_key_ ? *nwk_key_ : app_key_;
    const Mic mic = compute_request_mic(key, phy);
    std::copy(mic.begin(), mic.end(), phy.end() - 4);
    return phy;
}

auto SimulatedDevice::accept_join(ByteView phy_payload) -> std::optional<std::string> {
    const bool v1_1 = is_lorawan_1_1(version_);
    const AesKey& nwk_key = nwk_key_ ? *nwk_key_ : app_key_;
    auto decrypted = decrypt_join_accept(phy_payload, v1_1 ? nwk_key : app_key_);
    if (!decrypted)
        return std::string(describe(decrypted.error()));
    const bool opt_neg = decrypted->accept.dl_settings.opt_neg;
    JoinAcceptMicKey mic_key{v1_1 ? nwk_key : app_key_, {}};
    if (v1_1 && opt_neg) {
        mic_key = JoinAcceptMicKey{derive_js_int_key(nwk_key, dev_eui_),
                                   JoinAcceptMicKey::OptNegContext{JoinRequestType::join_request,
                                                                   join_eui_, last_dev_nonce_}};
    }
    if (!verify_join_accept_mic(*decrypted, mic_key))
        return "join-accept MIC does not verify";
    accept_ = decrypted->accept;
    dev_addr_ = accept_.dev_addr;
    keys_ = v1_1 && opt_neg ? derive_session_keys_1_1(nwk_key, app_key_, accept_.join_nonce,
                                                      join_eui_, last_dev_nonce_)
                            : derive_session_keys_1_0(v1_1 ? nwk_key : app_key_, accept_.join_nonce,
                                                      accept_.net_id, last_dev_nonce_);
    lorawan_1_1_session_ = v1_1 && opt_neg;
    next_f_cnt_ = 0;
    return std::nullopt;
}

auto SimulatedDevice::rejoin_request(std::uint8_t type, NetId net_id, std::uint16_t rj_count)
    -> Bytes {
    last_rejoin_ = RejoinRequest{.rejoin_type = type,
                                 .net_id = type == 1 ? NetId{} : net_id,
                                 .join_eui = type == 1 ? join_eui_ : Eui64{},
                                 .dev_eui = dev_eui_,
                                 .rj_count = rj_count,
                                 .mic = {}};
    Bytes phy = *encode_phy_payload(last_rejoin_);
    const AesKey& nwk_key = nwk_key_ ? *nwk_key_ : app_key_;
    const AesKey key = type == 1 ? derive_js_int_key(nwk_key, dev_eui_) : keys_.s_nwk_s_int_key;
    const Mic mic = compute_request_mic(key, phy);
    std::copy(mic.begin(), mic.end(), phy.end() - 4);
    return phy;
}

auto SimulatedDevice::accept_rejoin(ByteView phy_payload) -> std::optional<std::string> {
    const AesKey& nwk_key = nwk_key_ ? *nwk_key_ : app_key_;
    auto decrypted = decrypt_join_accept(phy_payload, derive_js_enc_key(nwk_key, dev_eui_));
    if (!decrypted)
        return std::string(describe(decrypted.error()));
    const DevNonce rj_count{last_rejoin_.rj_count};
    const JoinAcceptMicKey mic_key{
        derive_js_int_key(nwk_key, dev_eui_),
        JoinAcceptMicKey::OptNegContext{static_cast<JoinRequestType>(last_rejoin_.rejoin_type),
                                        join_eui_, rj_count}};
    if (!verify_join_accept_mic(*decrypted, mic_key))
        return "join-accept MIC does not verify";
    if (decrypted->accept.join_nonce.value <= accept_.join_nonce.value)
        return "JoinNonce did not increase";
    accept_ = decrypted->accept;
    dev_addr_ = accept_.dev_addr;
    keys_ = derive_session_keys_1_1(nwk_key, app_key_, accept_.join_nonce, join_eui_, rj_count);
    lorawan_1_1_session_ = true;
    next_f_cnt_ = 0;
    return std::nullopt;
}

auto SimulatedDevice::uplink(std::uint8_t f_port, Bytes payload, bool confirmed,
                             std::optional<std::uint32_t> f_cnt, Bytes f_opts, bool ack) -> Bytes {
    const std::uint32_t counter = f_cnt.value_or(next_f_cnt_);
    next_f_cnt_ = std::max(next_f_cnt_, counter + 1);
    const NetworkSessionCrypto crypto(keys_, lorawan_1_1_session_);
    const Aes128 app(keys_.app_s_key);
    PlainDataFrame frame{
        .m_type = confirmed ? MType::confirmed_data_up : MType::unconfirmed_data_up,
        .dev_addr = dev_addr_,
        .f_ctrl = FCtrl{.adr = true,
                        .adr_ack_req = false,
                        .ack = ack,
                        .class_b = false,
                        .f_pending = false},
        .f_cnt = counter,
        .f_opts = std::move(f_opts),
        .f_port = f_port,
        .frm_payload = std::move(payload)};
    return *seal_data_frame(frame, crypto, &app, uplink_fields);
}

auto SimulatedDevice::receive(ByteView phy_payload) -> std::optional<DeviceDownlink> {
    auto decoded = decode_phy_payload(phy_payload);
    if (!decoded || !std::holds_alternative<DataFrame>(*decoded))
        return std::nullopt;
    const auto& frame = std::get<DataFrame>(*decoded);
    if (frame.dev_addr != dev_addr_)
        return std::nullopt;
    const NetworkSessionCrypto crypto(keys_, lorawan_1_1_session_);
    // Tests use downlink counters below 65536, so the 16 bits on air are the whole counter.
    const std::uint32_t f_cnt = frame.f_cnt;
    MicBlockFields fields{};
    if (frame.f_ctrl.ack)
        fields.conf_f_cnt = static_cast<std::uint16_t>(next_f_cnt_ - 1);
    if (!verify_data_frame_mic(crypto, phy_payload, frame, f_cnt, fields))
        return std::nullopt;
    DeviceDownlink result{.frame = frame, .f_cnt = f_cnt, .f_opts = {}, .payload = {}};
    result.f_opts =
        crypto.crypt_f_opts(Direction::downlink, dev_addr_, f_cnt,
                            f_opts_counter(Direction::downlink, frame.f_port), frame.f_opts);
    if (frame.f_port == 0) {
        result.payload =
            crypto.crypt_mac_payload(Direction::downlink, dev_addr_, f_cnt, frame.frm_payload);
    } else if (frame.f_port) {
        result.payload = encrypt_frm_payload(Aes128(keys_.app_s_key), Direction::downlink,
                                             dev_addr_, f_cnt, frame.frm_payload);
    }
    return result;
}

}  // namespace hortillon::test_support
