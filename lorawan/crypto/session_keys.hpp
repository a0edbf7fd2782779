#pragma once
// Session and Join Server key derivation, LoRaWAN 1.0.x (§6.2.5) and 1.1 (§6.2.3, §6.2.6).
// Every field enters the derivation block little-endian, as on air; pad16 fills with zeros.

#include "lorawan/identifiers.hpp"

namespace hortillon::lorawan {

// The four network and application session keys of LoRaWAN 1.1. A 1.0.x session has one NwkSKey,
// which stands in all three network roles; the 1.1 MIC and encryption code then degrades to 1.0
// exactly (apart from the uplink MIC layout, which the MIC functions choose by version).
struct SessionKeys {
    AesKey f_nwk_s_int_key;
    AesKey s_nwk_s_int_key;
    AesKey nwk_s_enc_key;
    AesKey app_s_key;

    auto operator==(const SessionKeys&) const -> bool = default;
};

// LoRaWAN 1.0.x, and a 1.1 device joined by a 1.0 network (OptNeg = 0, pass the NwkKey as
// `app_key`): NwkSKey = aes(AppKey, 01|JoinNonce|NetID|DevNonce|pad16), AppSKey with 02.
auto derive_session_keys_1_0(const AesKey& app_key, JoinNonce join_nonce, NetId net_id,
                             DevNonce dev_nonce) -> SessionKeys;

// LoRaWAN 1.1 with OptNeg = 1: FNwkSIntKey 01, SNwkSIntKey 03, NwkSEncKey 04 under NwkKey and
// AppSKey 02 under AppKey, each over type|JoinNonce|JoinEUI|DevNonce|pad16.
auto derive_session_keys_1_1(const AesKey& nwk_key, const AesKey& app_key, JoinNonce join_nonce,
                             Eui64 join_eui, DevNonce dev_nonce) -> SessionKeys;

// Join Server keys of LoRaWAN 1.1: JSIntKey = aes(NwkKey, 06|DevEUI|pad16); JSEncKey with 05.
auto derive_js_int_key(const AesKey& nwk_key, Eui64 dev_eui) -> AesKey;
auto derive_js_enc_key(const AesKey& nwk_key, Eui64 dev_eui) -> AesKey;

}  // namespace hortillon::lorawan
