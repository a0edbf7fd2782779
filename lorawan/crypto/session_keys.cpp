#include "lorawan/crypto/session_keys.hpp"

#include <algorithm>

#include "lorawan/crypto/aes128.hpp"

namespace hortillon::lorawan {

namespace {
// type | JoinNonce (3) | NetID (3) or JoinEUI (8) | DevNonce (2) | zeros
auto session_block(std::uint8_t type, JoinNonce join_nonce, ByteView network_part,
                   DevNonce dev_nonce) -> AesBlock {
    Bytes block{type};
    append_u24_le(block, join_nonce.value);
    append(block, network_part);
    append_u16_le(block, dev_nonce.value);
    AesBlock out{};
    std::copy(block.begin(), block.end(), out.begin());
    return out;
}

auto key_from(const Aes128& cipher, const AesBlock& block) -> AesKey {
    return AesKey{cipher.encrypt_block(block)};
}

auto derive_js_key(const AesKey& nwk_key, std::uint8_t type, Eui64 dev_eui) -> AesKey {
    AesBlock block{};
    block[0] = type;
    const auto eui = dev_eui.to_le_bytes();
    std::copy(eui.begin(), eui.end(), block.begin() + 1);
    return AesKey{aes128_encrypt_block(nwk_key, block)};
}
}  // namespace

auto derive_session_keys_1_0(const AesKey& app_key, JoinNonce join_nonce, NetId net_id,
                             DevNonce dev_nonce) -> SessionKeys {
    const Aes128 cipher(app_key);
    const auto net = net_id.to_le_bytes();
    const AesKey nwk_s_key = key_from(cipher, session_block(0x01, join_nonce, net, dev_nonce));
    const AesKey app_s_key = key_from(cipher, session_block(0x02, join_nonce, net, dev_nonce));
    return SessionKeys{nwk_s_key, nwk_s_key, nwk_s_key, app_s_key};
}

auto derive_session_keys_1_1(const AesKey& nwk_key, const AesKey& app_key, JoinNonce join_nonce,
                             Eui64 join_eui, DevNonce dev_nonce) -> SessionKeys {
    const Aes128 network(nwk_key);
    const Aes128 application(app_key);
    const auto eui = join_eui.to_le_bytes();
    return SessionKeys{
        .f_nwk_s_int_key = key_from(network, session_block(0x01, join_nonce, eui, dev_nonce)),
        .s_nwk_s_int_key = key_from(network, session_block(0x03, join_nonce, eui, dev_nonce)),
        .nwk_s_enc_key = key_from(network, session_block(0x04, join_nonce, eui, dev_nonce)),
        .app_s_key = key_from(application, session_block(0x02, join_nonce, eui, dev_nonce)),
    };
}

auto derive_js_int_key(const AesKey& nwk_key, Eui64 dev_eui) -> AesKey {
    return derive_js_key(nwk_key, 0x06, dev_eui);
}

auto derive_js_enc_key(const AesKey& nwk_key, Eui64 dev_eui) -> AesKey {
    return derive_js_key(nwk_key, 0x05, dev_eui);
}

}  // namespace hortillon::lorawan
