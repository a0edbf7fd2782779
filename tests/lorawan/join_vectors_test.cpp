// Every join-related vector of the published crypto file: join- and rejoin-request MICs,
// join-accept encryption and MIC (1.0 and 1.1), and session key derivation.
#include <catch2/catch.hpp>

#include "lorawan/crypto/session_keys.hpp"
#include "lorawan/join_accept.hpp"
#include "vector_file.hpp"

using namespace hortillon::lorawan;
using vectors::hex;
using vectors::json;

namespace {

auto as_mic(const Bytes& bytes) -> Mic {
    return {bytes[0], bytes[1], bytes[2], bytes[3]};
}

auto eui(const json& in, const std::string& name) -> Eui64 {
    return Eui64{vectors::number(in, name)};
}

// A join-accept from its plaintext bytes after the MHDR (fields, optional CFList; no MIC).
auto join_accept_from_plain(ByteView fields) -> JoinAccept {
    JoinAccept accept{.join_nonce = JoinNonce{read_u24_le(fields, 0)},
                      .net_id = NetId::from_le_bytes(fields.subspan(3, 3)),
                      .dev_addr = DevAddr::from_le_bytes(fields.subspan(6, 4)),
                      .dl_settings = DlSettings::from_byte(fields[10]),
                      .rx_delay = fields[11],
                      .cf_list = std::nullopt};
    if (fields.size() >= 28) {
        CfList cf_list{};
        std::copy_n(fields.begin() + 12, 16, cf_list.begin());
        accept.cf_list = cf_list;
    }
    return accept;
}

// The join-accept a vector describes, from whichever form it publishes.
auto join_accept_of(const json& in) -> std::optional<JoinAccept> {
    if (in.contains("plaintext_after_mhdr")) {
        const Bytes plain = hex(in.at("plaintext_after_mhdr"));
        return join_accept_from_plain(ByteView(plain).first(plain.size() - 4));
    }
    for (const char* name : {"msg", "phy_payload_plain"}) {
        if (in.contains(name)) {
            const Bytes plain = hex(in.at(name));
            const std::size_t mic = std::string(name) == "msg" ? 0 : 4;
            return join_accept_from_plain(ByteView(plain).subspan(1, plain.size() - 1 - mic));
        }
    }
    if (!vectors::has_number(in, "join_nonce") && !vectors::has_number(in, "app_nonce")) {
        return std::nullopt;
    }
    const std::string nonce = vectors::has_number(in, "join_nonce") ? "join_nonce" : "app_nonce";
    return JoinAccept{
        .join_nonce = JoinNonce{static_cast<std::uint32_t>(vectors::number(in, nonce))},
        .net_id = NetId{static_cast<std::uint32_t>(vectors::number(in, "net_id"))},
        .dev_addr = vectors::dev_addr(in),
        .dl_settings = DlSettings::from_byte(hex(in.value("dl_settings", std::string("00")))[0]),
        .rx_delay = in.value("rx_delay", std::uint8_t{0}),
        .cf_list = std::nullopt};
}

auto mic_key_of(const json& in) -> JoinAcceptMicKey {
    if (!in.contains("js_int_key"))
        return JoinAcceptMicKey{vectors::key(in, "app_key"), {}};
    return JoinAcceptMicKey{
        vectors::key(in, "js_int_key"),
        JoinAcceptMicKey::OptNegContext{
            .join_request_type = static_cast<JoinRequestType>(hex(in.at("join_req_type"))[0]),
            .join_eui = eui(in, "join_eui"),
            .dev_nonce = DevNonce{static_cast<std::uint16_t>(vectors::number(in, "dev_nonce"))}}};
}

}  // namespace

TEST_CASE("published vectors: join-request MIC") {
    for (const auto& vector : vectors::group("join_request_mic")) {
        INFO(vector.at("name").get<std::string>());
        const json& in = vector.at("inputs");
        const json& ex = vector.at("expected");
        const AesKey key = vectors::key(in, in.contains("app_key") ? "app_key" : "nwk_key");
        if (in.contains("msg")) {
            Bytes frame = hex(in.at("msg"));
            frame.resize(frame.size() + 4);
            CHECK(to_hex(compute_request_mic(key, frame)) == ex.at("mic").get<std::string>());
        }
        const json& source = in.contains("phy_payload") ? in : ex;
        if (!source.contains("phy_payload"))
            continue;
        const Bytes phy = hex(source.at("phy_payload"));
        CHECK(verify_request_mic(key, phy));
        CHECK(to_hex(compute_request_mic(key, phy)) == ex.at("mic").get<std::string>());
        const JoinRequest request{
            .join_eui = eui(in, "join_eui"),
            .dev_eui = eui(in, "dev_eui"),
            .dev_nonce = DevNonce{static_cast<std::uint16_t>(vectors::number(in, "dev_nonce"))},
            .mic = as_mic(hex(ex.at("mic")))};
        auto decoded = decode_phy_payload(phy);
        REQUIRE(decoded);
        CHECK(std::get<JoinRequest>(*decoded) == request);
        CHECK(*encode_phy_payload(PhyPayload{request}) == phy);
    }
}

TEST_CASE("published vectors: rejoin-request MIC") {
    for (const auto& vector : vectors::group("rejoin_request_mic")) {
        INFO(vector.at("name").get<std::string>());
        const json& in = vector.at("inputs");
        const json& ex = vector.at("expected");
        const AesKey key =
            vectors::key(in, in.contains("js_int_key") ? "js_int_key" : "s_nwk_s_int_key");
        Bytes phy;
        if (in.contains("msg")) {
            phy = hex(in.at("msg"));
            phy.resize(phy.size() + 4);
        } else {
            phy = hex(ex.at("phy_payload"));
            CHECK(verify_request_mic(key, phy));
            auto decoded = decode_phy_payload(phy);
            REQUIRE(decoded);
            const auto& rejoin = std::get<RejoinRequest>(*decoded);
            CHECK(rejoin.dev_eui == eui(in, "dev_eui"));
            CHECK(rejoin.rj_count == in.value("rj_count0", in.value("rj_count1", 0)));
            CHECK(*encode_phy_payload(PhyPayload{rejoin}) == phy);
        }
        CHECK(to_hex(compute_request_mic(key, phy)) == ex.at("mic").get<std::string>());
    }
}

TEST_CASE("published vectors: join-accept") {
    for (const auto& vector : vectors::group("join_accept")) {
        INFO(vector.at("name").get<std::string>());
        const json& in = vector.at("inputs");
        const json& ex = vector.at("expected");
        const auto mic_key = mic_key_of(in);
        const AesKey encryption_key = in.contains("nwk_key")   ? vectors::key(in, "nwk_key")
                                      : in.contains("app_key") ? vectors::key(in, "app_key")
                                                               : mic_key.key;
        if (in.contains("phy_payload_encrypted")) {  // device side only
            auto decrypted =
                decrypt_join_accept(hex(in.at("phy_payload_encrypted")), encryption_key);
            REQUIRE(decrypted);
            CHECK(verify_join_accept_mic(*decrypted, mic_key) ==
                  ex.at("mic_valid_with_app_key").get<bool>());
            CHECK(decrypted->accept.join_nonce.value == vectors::number(ex, "app_nonce"));
            CHECK(decrypted->accept.dl_settings.to_byte() == hex(ex.at("dl_settings"))[0]);
            CHECK(decrypted->accept.rx_delay == ex.at("rx_delay").get<int>());
            REQUIRE(decrypted->accept.cf_list);
            const auto& cf = *decrypted->accept.cf_list;
            for (std::size_t i = 0; i < 5; ++i) {
                CHECK(read_u24_le(cf, 3 * i) * 100 ==
                      ex.at("cflist_freqs_hz")[i].get<std::uint32_t>());
            }
            continue;
        }
        const auto accept = join_accept_of(in);
        REQUIRE(accept);
        CHECK(to_hex(compute_join_accept_mic(*accept, mic_key)) == ex.at("mic").get<std::string>());
        if (!ex.contains("phy_payload_encrypted") && !ex.contains("ciphertext_after_mhdr"))
            continue;
        const Bytes sent = encrypt_join_accept(*accept, mic_key, encryption_key);
        const std::string expected = ex.contains("phy_payload_encrypted")
                                         ? ex.at("phy_payload_encrypted").get<std::string>()
                                         : "20" + ex.at("ciphertext_after_mhdr").get<std::string>();
        CHECK(to_hex(sent) == expected);
        auto decrypted = decrypt_join_accept(sent, encryption_key);
        REQUIRE(decrypted);
        CHECK(decrypted->accept == *accept);
        CHECK(verify_join_accept_mic(*decrypted, mic_key));
    }
}

TEST_CASE("published vectors: 1.0 session keys") {
    for (const auto& vector : vectors::group("session_keys_1_0")) {
        INFO(vector.at("name").get<std::string>());
        const json& in = vector.at("inputs");
        const json& ex = vector.at("expected");
        const std::string nonce =
            vectors::has_number(in, "join_nonce") ? "join_nonce" : "app_nonce";
        const auto keys = derive_session_keys_1_0(
            vectors::key(in, "app_key"),
            JoinNonce{static_cast<std::uint32_t>(vectors::number(in, nonce))},
            NetId{static_cast<std::uint32_t>(vectors::number(in, "net_id"))},
            DevNonce{static_cast<std::uint16_t>(vectors::number(in, "dev_nonce"))});
        CHECK(keys.f_nwk_s_int_key.to_hex_secret() == ex.at("nwk_s_key").get<std::string>());
        CHECK(keys.s_nwk_s_int_key == keys.f_nwk_s_int_key);
        CHECK(keys.nwk_s_enc_key == keys.f_nwk_s_int_key);
        CHECK(keys.app_s_key.to_hex_secret() == ex.at("app_s_key").get<std::string>());
        if (in.contains("join_accept_phy_encrypted")) {  // the frames agree with the inputs
            auto accept = decrypt_join_accept(hex(in.at("join_accept_phy_encrypted")),
                                              vectors::key(in, "app_key"));
            REQUIRE(accept);
            CHECK(accept->accept.join_nonce.value == vectors::number(in, nonce));
            auto request = decode_phy_payload(hex(in.at("join_request_phy")));
            REQUIRE(request);
            CHECK(std::get<JoinRequest>(*request).dev_nonce.value ==
                  vectors::number(in, "dev_nonce"));
        }
    }
}

TEST_CASE("published vectors: 1.1 session and Join Server keys") {
    for (const auto& vector : vectors::group("session_keys_1_1")) {
        INFO(vector.at("name").get<std::string>());
        const json& in = vector.at("inputs");
        const json& ex = vector.at("expected");
        const AesKey nwk_key = vectors::key(in, "nwk_key");
        if (ex.contains("js_int_key")) {
            CHECK(derive_js_int_key(nwk_key, eui(in, "dev_eui")).to_hex_secret() ==
                  ex.at("js_int_key").get<std::string>());
            CHECK(derive_js_enc_key(nwk_key, eui(in, "dev_eui")).to_hex_secret() ==
                  ex.at("js_enc_key").get<std::string>());
            continue;
        }
        const auto keys = derive_session_keys_1_1(
            nwk_key, vectors::key(in, "app_key"),
            JoinNonce{static_cast<std::uint32_t>(vectors::number(in, "join_nonce"))},
            eui(in, "join_eui"),
            DevNonce{static_cast<std::uint16_t>(vectors::number(in, "dev_nonce"))});
        CHECK(keys.f_nwk_s_int_key.to_hex_secret() == ex.at("f_nwk_s_int_key").get<std::string>());
        CHECK(keys.s_nwk_s_int_key.to_hex_secret() == ex.at("s_nwk_s_int_key").get<std::string>());
        CHECK(keys.nwk_s_enc_key.to_hex_secret() == ex.at("nwk_s_enc_key").get<std::string>());
        CHECK(keys.app_s_key.to_hex_secret() == ex.at("app_s_key").get<std::string>());
    }
}
