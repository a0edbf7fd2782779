// OTAA from the device's side: the join-accept it receives decrypts, verifies and yields the
// same session keys the network stored, for 1.0.3 and 1.1.
#include <catch2/catch.hpp>

#include "lorawan/crypto/session_keys.hpp"
#include "network-server/force_rejoin_plan.hpp"
#include "network-server/join.hpp"

using namespace hortillon;
using namespace hortillon::lorawan;
using namespace hortillon::network_server;

namespace {
const AesKey app_key = *AesKey::parse("000102030405060708090a0b0c0d0e0f");
const AesKey nwk_key = *AesKey::parse("f0e0d0c0b0a090807060504030201000");

// What a device sends: a join-request signed with its root key.
auto join_request_bytes(const AesKey& key, Eui64 join_eui, Eui64 dev_eui, DevNonce nonce) -> Bytes {
    JoinRequest request{join_eui, dev_eui, nonce, {}};
    Bytes phy = *encode_phy_payload(request);
    const Mic mic = compute_request_mic(key, phy);
    std::copy(mic.begin(), mic.end(), phy.end() - 4);
    return phy;
}

const JoinAcceptPlan plan{.join_nonce = JoinNonce{7},
                          .net_id = NetId{0x000013},
                          .dev_addr = DevAddr{0x26011234},
                          .rx1_dr_offset = 1,
                          .rx2_dr = 3,
                          .rx_delay_seconds = 1,
                          .cf_list = std::nullopt};
}  // namespace

TEST_CASE("a 1.0.3 device decrypts the join-accept with its AppKey and derives the same keys") {
    const OtaaDevice device{Eui64{0x0102}, Eui64{0x0a0b}, app_key, std::nullopt,
                            MacVersion::v1_0_3};
    const Bytes request_bytes =
        join_request_bytes(app_key, device.join_eui, device.dev_eui, DevNonce{42});
    CHECK(verify_join_request(device, request_bytes));
    const auto request = std::get<JoinRequest>(*decode_phy_payload(request_bytes));
    const JoinAnswer answer = answer_join_request(device, request, plan);
    CHECK_FALSE(answer.lorawan_1_1);
    CHECK(answer.join_accept.size() == 17);

    auto decrypted = decrypt_join_accept(answer.join_accept, app_key);
    REQUIRE(decrypted);
    CHECK(verify_join_accept_mic(*decrypted, JoinAcceptMicKey{app_key, {}}));
    CHECK(decrypted->accept.dev_addr == plan.dev_addr);
    CHECK(decrypted->accept.dl_settings == DlSettings{false, 1, 3});
    const SessionKeys device_keys = derive_session_keys_1_0(app_key, decrypted->accept.join_nonce,
                                                            decrypted->accept.net_id, DevNonce{42});
    CHECK(device_keys == answer.session_keys);
}

TEST_CASE("a 1.1 device gets OptNeg, a JSIntKey MIC, NwkKey encryption and 1.1 keys") {
    const OtaaDevice device{Eui64{0x0102}, Eui64{0x0a0b}, app_key, nwk_key, MacVersion::v1_1_0};
    const Bytes request_bytes =
        join_request_bytes(nwk_key, device.join_eui, device.dev_eui, DevNonce{3});
    CHECK(verify_join_request(device, request_bytes));
    CHECK_FALSE(verify_join_request(
        OtaaDevice{device.dev_eui, device.join_eui, app_key, app_key, MacVersion::v1_1_0},
        request_bytes));
    const auto request = std::get<JoinRequest>(*decode_phy_payload(request_bytes));
    const JoinAnswer answer = answer_join_request(device, request, plan);
    CHECK(answer.lorawan_1_1);

    auto decrypted = decrypt_join_accept(answer.join_accept, nwk_key);
    REQUIRE(decrypted);
    CHECK(decrypted->accept.dl_settings.opt_neg);
    const JoinAcceptMicKey mic_key{derive_js_int_key(nwk_key, device.dev_eui),
                                   JoinAcceptMicKey::OptNegContext{JoinRequestType::join_request,
                                                                   device.join_eui, DevNonce{3}}};
    CHECK(verify_join_accept_mic(*decrypted, mic_key));
    CHECK_FALSE(verify_join_accept_mic(*decrypted, JoinAcceptMicKey{nwk_key, {}}));
    CHECK(derive_session_keys_1_1(nwk_key, app_key, decrypted->accept.join_nonce, device.join_eui,
                                  DevNonce{3}) == answer.session_keys);
}

TEST_CASE("a join-request signed with another key is refused") {
    const OtaaDevice device{Eui64{1}, Eui64{2}, app_key, std::nullopt, MacVersion::v1_0_2};
    CHECK_FALSE(
        verify_join_request(device, join_request_bytes(nwk_key, Eui64{2}, Eui64{1}, DevNonce{1})));
}

TEST_CASE("a join-accept answering a rejoin-request: JSEncKey, rejoin-type MIC, RJcount keys") {
    const OtaaDevice device{Eui64{0x0102}, Eui64{0x0a0b}, app_key, nwk_key, MacVersion::v1_1_0};
    for (const std::uint8_t type : {0, 1, 2}) {
        const RejoinRequest request{.rejoin_type = type,
                                    .net_id = NetId{0x000013},
                                    .join_eui = device.join_eui,
                                    .dev_eui = device.dev_eui,
                                    .rj_count = 9,
                                    .mic = {}};
        const JoinAnswer answer = answer_rejoin_request(device, request, plan);
        CHECK(answer.lorawan_1_1);
        // Not NwkKey: a device decrypting with it gets garbage that does not verify.
        auto wrong = decrypt_join_accept(answer.join_accept, nwk_key);
        REQUIRE(wrong);
        CHECK(wrong->accept.dev_addr != plan.dev_addr);

        auto decrypted =
            decrypt_join_accept(answer.join_accept, derive_js_enc_key(nwk_key, device.dev_eui));
        REQUIRE(decrypted);
        CHECK(decrypted->accept.dl_settings.opt_neg);
        CHECK(decrypted->accept.dev_addr == plan.dev_addr);
        const auto js_int_key = derive_js_int_key(nwk_key, device.dev_eui);
        CHECK(verify_join_accept_mic(
            *decrypted, JoinAcceptMicKey{js_int_key, JoinAcceptMicKey::OptNegContext{
                                                         static_cast<JoinRequestType>(type),
                                                         device.join_eui, DevNonce{9}}}));
        // The join-request type is covered by the MIC.
        CHECK_FALSE(verify_join_accept_mic(
            *decrypted, JoinAcceptMicKey{js_int_key, JoinAcceptMicKey::OptNegContext{
                                                         JoinRequestType::join_request,
                                                         device.join_eui, DevNonce{9}}}));
        CHECK(derive_session_keys_1_1(nwk_key, app_key, plan.join_nonce, device.join_eui,
                                      DevNonce{9}) == answer.session_keys);
    }
}

TEST_CASE("a type 1 rejoin-request is verified with JSIntKey, not with the NwkKey itself") {
    const OtaaDevice device{Eui64{0x0102}, Eui64{0x0a0b}, app_key, nwk_key, MacVersion::v1_1_0};
    const RejoinRequest request{.rejoin_type = 1,
                                .net_id = {},
                                .join_eui = device.join_eui,
                                .dev_eui = device.dev_eui,
                                .rj_count = 1,
                                .mic = {}};
    Bytes phy = *encode_phy_payload(request);
    Bytes signed_with_nwk_key = phy;
    const Mic good = compute_request_mic(derive_js_int_key(nwk_key, device.dev_eui), phy);
    std::copy(good.begin(), good.end(), phy.end() - 4);
    const Mic bad = compute_request_mic(nwk_key, signed_with_nwk_key);
    std::copy(bad.begin(), bad.end(), signed_with_nwk_key.end() - 4);
    CHECK(verify_rejoin_type_1(device, phy));
    CHECK_FALSE(verify_rejoin_type_1(device, signed_with_nwk_key));
}

TEST_CASE(
    "a ForceRejoinReq is sent, waited on for as long as its rejoins may take, then resent "
    "up to three times") {
    using namespace std::chrono_literals;
    const ForceRejoinReq request{.period = 1, .max_retries = 2, .rejoin_type = 2, .data_rate = 3};
    // Each attempt 32 s x 2^1 + 32 s; three of them; one minute of slack.
    CHECK(force_rejoin_horizon(request) == std::chrono::seconds{(64 + 32) * 3 + 60});
    const SystemTime t0{std::chrono::hours{1000}};
    ForceRejoinState state{.request = request, .sends = 0, .last_sent_at = std::nullopt};
    CHECK(force_rejoin_action(state, t0) == ForceRejoinAction::send);
    state.sends = 1;
    state.last_sent_at = t0;
    CHECK(force_rejoin_action(state, t0 + 347s) == ForceRejoinAction::wait);
    CHECK(force_rejoin_action(state, t0 + 348s) == ForceRejoinAction::send);
    state.sends = 3;
    CHECK(force_rejoin_action(state, t0 + 347s) == ForceRejoinAction::wait);
    CHECK(force_rejoin_action(state, t0 + 348s) == ForceRejoinAction::give_up);
    // Period 7, 7 retries: about nine hours.
    CHECK(force_rejoin_horizon(ForceRejoinReq{.period = 7, .max_retries = 7}) ==
          std::chrono::seconds{(4096 + 32) * 8 + 60});
}
