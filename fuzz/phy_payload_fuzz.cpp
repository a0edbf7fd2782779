// libFuzzer target: PHYPayload decoding, re-encoding, and the crypto paths that read a received
// frame (data MIC, FRMPayload decryption, join-accept decryption and MIC).
#include <cstdlib>
#include <variant>

#include "lorawan/data_frame_seal.hpp"
#include "lorawan/f_cnt.hpp"
#include "lorawan/join_accept.hpp"
#include "lorawan/phy_payload.hpp"

using namespace hortillon::lorawan;

namespace {
// Keyed contexts built once per process, as the server caches them per device.
struct FuzzKeys {
    AesKey key = *AesKey::parse("2b7e151628aed2a6abf7158809cf4f3c");
    NetworkSessionCrypto network_1_0{SessionKeys{key, key, key, key}, false};
    NetworkSessionCrypto network_1_1{SessionKeys{key, key, key, key}, true};
    Aes128 app{key};
};

void exercise_data_frame(const FuzzKeys& keys, ByteView bytes, const DataFrame& frame) {
    const std::uint32_t f_cnt = reconstruct_f_cnt(frame.f_cnt, frame.f_cnt);
    const MicBlockFields fields{.conf_f_cnt = frame.f_cnt, .tx_dr = 5, .tx_ch = 2};
    (void)verify_data_frame_mic(keys.network_1_0, bytes, frame, f_cnt, fields);
    (void)verify_data_frame_mic(keys.network_1_1, bytes, frame, f_cnt, fields);
    const auto counter = f_opts_counter(frame.direction(), frame.f_port);
    const Bytes f_opts = keys.network_1_1.crypt_f_opts(frame.direction(), frame.dev_addr, f_cnt,
                                                       counter, frame.f_opts);
    if (f_opts.size() != frame.f_opts.size())
        std::abort();
    const Bytes payload =
        encrypt_frm_payload(keys.app, frame.direction(), frame.dev_addr, f_cnt, frame.frm_payload);
    if (payload.size() != frame.frm_payload.size())
        std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const FuzzKeys keys;
    const ByteView bytes(data, size);
    auto decoded = decode_phy_payload(bytes);
    if (!decoded)
        return 0;
    // Whatever decodes must encode, and the encoding must decode to the same value (RFU bits
    // are dropped, so the bytes themselves may differ).
    auto encoded = encode_phy_payload(*decoded);
    if (!encoded)
        std::abort();
    auto again = decode_phy_payload(*encoded);
    if (!again || !(*again == *decoded))
        std::abort();

    if (const auto* frame = std::get_if<DataFrame>(&*decoded)) {
        exercise_data_frame(keys, bytes, *frame);
    } else if (std::holds_alternative<EncryptedJoinAccept>(*decoded)) {
        auto accept = decrypt_join_accept(bytes, keys.key);
        if (!accept)
            std::abort();
        (void)verify_join_accept_mic(*accept, JoinAcceptMicKey{keys.key, {}});
    } else if (std::holds_alternative<JoinRequest>(*decoded) ||
               std::holds_alternative<RejoinRequest>(*decoded)) {
        (void)verify_request_mic(keys.key, bytes);
    }
    return 0;
}
