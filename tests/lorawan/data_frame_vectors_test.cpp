// Every data-frame vector of the published crypto file: MICs, FRMPayload and FOpts encryption,
// frame counter widening and the class B ping offset. Adding an entry to the file adds a check.
#include <catch2/catch.hpp>

#include "lorawan/class_b.hpp"
#include "lorawan/data_frame_seal.hpp"
#include "lorawan/f_cnt.hpp"
#include "vector_file.hpp"

using namespace hortillon::lorawan;
using vectors::hex;
using vectors::json;

namespace {

// Session keys for a vector: 1.0 vectors give NwkSKey, 1.1 vectors the three network keys.
auto session_keys(const json& in) -> std::pair<SessionKeys, bool> {
    SessionKeys keys{};
    if (in.contains("app_s_key"))
        keys.app_s_key = vectors::key(in, "app_s_key");
    if (in.contains("nwk_s_key")) {
        const AesKey nwk = vectors::key(in, "nwk_s_key");
        keys.f_nwk_s_int_key = keys.s_nwk_s_int_key = keys.nwk_s_enc_key = nwk;
        return {keys, false};
    }
    keys.s_nwk_s_int_key = vectors::key(in, "s_nwk_s_int_key");
    keys.f_nwk_s_int_key =
        in.contains("f_nwk_s_int_key") ? vectors::key(in, "f_nwk_s_int_key") : keys.s_nwk_s_int_key;
    if (in.contains("nwk_s_enc_key"))
        keys.nwk_s_enc_key = vectors::key(in, "nwk_s_enc_key");
    return {keys, true};
}

auto mic_fields(const json& in) -> MicBlockFields {
    return MicBlockFields{.conf_f_cnt = in.value("conf_fcnt", std::uint16_t{0}),
                          .tx_dr = in.value("tx_dr", std::uint8_t{0}),
                          .tx_ch = in.value("tx_ch", std::uint8_t{0})};
}

auto as_mic(const Bytes& bytes) -> Mic {
    return {bytes[0], bytes[1], bytes[2], bytes[3]};
}

// Builds the frame again from the plaintext inputs, when the vector gives every plaintext the
// frame carries, and checks the sealed bytes equal the published frame.
void check_sealing(const json& in, const Bytes& expected_phy, const DataFrame& frame,
                   const NetworkSessionCrypto& network, const SessionKeys& keys) {
    const auto f_opts = in.contains("fopts_plain") ? hex(in.at("fopts_plain")) : Bytes{};
    const auto payload = vectors::plaintext(in, "frm_payload_plain");
    if (f_opts.size() != frame.f_opts.size())
        return;  // MIC-only vector
    if (!frame.frm_payload.empty() && !payload)
        return;  // no plaintext published
    PlainDataFrame plain{.m_type = frame.m_type,
                         .dev_addr = frame.dev_addr,
                         .f_ctrl = frame.f_ctrl,
                         .f_cnt = static_cast<std::uint32_t>(in.at("fcnt32").get<std::uint64_t>()),
                         .f_opts = f_opts,
                         .f_port = frame.f_port,
                         .frm_payload = payload.value_or(Bytes{})};
    const Aes128 app(keys.app_s_key);
    auto sealed = seal_data_frame(plain, network, &app, mic_fields(in));
    REQUIRE(sealed);
    CHECK(to_hex(*sealed) == to_hex(expected_phy));
}

// The shared body of the uplink and downlink MIC groups.
void check_data_mic_vector(const json& vector, Direction direction) {
    const json& in = vector.at("inputs");
    const json& ex = vector.at("expected");
    const auto [keys, lorawan_1_1] = session_keys(in);
    const NetworkSessionCrypto network(keys, lorawan_1_1);
    const auto addr = vectors::dev_addr(in);
    const auto f_cnt = static_cast<std::uint32_t>(in.at("fcnt32").get<std::uint64_t>());
    const Mic expected_mic = as_mic(hex(ex.at("mic")));
    const auto fields = mic_fields(in);

    if (in.contains("msg")) {
        const Bytes msg = hex(in.at("msg"));
        const Mic mic = direction == Direction::uplink
                            ? network.uplink_mic(msg, addr, f_cnt, fields)
                            : network.downlink_mic(msg, addr, f_cnt, fields.conf_f_cnt);
        CHECK(to_hex(mic) == to_hex(expected_mic));
        return;
    }
    const Bytes phy = hex(in.contains("phy_payload") ? in.at("phy_payload") : ex.at("phy_payload"));
    auto decoded = decode_phy_payload(phy);
    REQUIRE(decoded);
    const auto& frame = std::get<DataFrame>(*decoded);
    CHECK(frame.direction() == direction);
    CHECK(frame.dev_addr == addr);
    CHECK(frame.f_cnt == static_cast<std::uint16_t>(f_cnt));
    CHECK(to_hex(frame.mic) == to_hex(expected_mic));
    CHECK(verify_data_frame_mic(network, phy, frame, f_cnt, fields));
    // One flipped bit anywhere must fail the MIC.
    Bytes tampered = phy;
    tampered[phy.size() / 2] ^= 0x01;
    if (auto other = decode_phy_payload(tampered);
        other && std::holds_alternative<DataFrame>(*other)) {
        CHECK_FALSE(
            verify_data_frame_mic(network, tampered, std::get<DataFrame>(*other), f_cnt, fields));
    }
    if (ex.contains("frm_payload_encrypted")) {
        CHECK(to_hex(frame.frm_payload) == ex.at("frm_payload_encrypted").get<std::string>());
    }
    if (ex.contains("fopts_encrypted")) {
        CHECK(to_hex(frame.f_opts) == ex.at("fopts_encrypted").get<std::string>());
    }
    if (ex.contains("frm_payload_plain")) {  // FPort 0: MAC commands under NwkSEncKey
        CHECK(to_hex(network.crypt_mac_payload(direction, addr, f_cnt, frame.frm_payload)) ==
              ex.at("frm_payload_plain").get<std::string>());
    }
    if (ex.contains("phy_payload"))
        check_sealing(in, phy, frame, network, keys);
}

}  // namespace

TEST_CASE("published vectors: 1.0 uplink MIC") {
    for (const auto& vector : vectors::group("uplink_mic_1_0")) {
        INFO(vector.at("name").get<std::string>());
        check_data_mic_vector(vector, Direction::uplink);
    }
}

TEST_CASE("published vectors: 1.1 uplink MIC") {
    for (const auto& vector : vectors::group("uplink_mic_1_1")) {
        INFO(vector.at("name").get<std::string>());
        check_data_mic_vector(vector, Direction::uplink);
    }
}

TEST_CASE("published vectors: downlink MIC") {
    for (const auto& vector : vectors::group("downlink_mic")) {
        INFO(vector.at("name").get<std::string>());
        check_data_mic_vector(vector, Direction::downlink);
    }
}

TEST_CASE("published vectors: FRMPayload encryption") {
    for (const auto& vector : vectors::group("frm_payload_encryption")) {
        INFO(vector.at("name").get<std::string>());
        const json& in = vector.at("inputs");
        const json& ex = vector.at("expected");
        const std::string key_name = in.contains("key")         ? "key"
                                     : in.contains("app_s_key") ? "app_s_key"
                                                                : "nwk_s_enc_key";
        const Aes128 key(vectors::key(in, key_name));
        const auto addr = vectors::dev_addr(in);
        const auto f_cnt = static_cast<std::uint32_t>(in.at("fcnt32").get<std::uint64_t>());
        const Direction dir = in.value("direction", std::string("uplink")) == "downlink"
                                  ? Direction::downlink
                                  : Direction::uplink;
        if (auto plain = vectors::plaintext(in, "plaintext")) {
            CHECK(to_hex(encrypt_frm_payload(key, dir, addr, f_cnt, *plain)) ==
                  ex.at("ciphertext").get<std::string>());
        }
        Bytes ciphertext;
        if (in.contains("ciphertext")) {
            ciphertext = hex(in.at("ciphertext"));
        } else if (in.contains("phy_payload")) {
            auto decoded = decode_phy_payload(hex(in.at("phy_payload")));
            REQUIRE(decoded);
            ciphertext = std::get<DataFrame>(*decoded).frm_payload;
        }
        if (auto expected = vectors::plaintext(ex, "plaintext")) {
            CHECK(encrypt_frm_payload(key, dir, addr, f_cnt, ciphertext) == *expected);
        }
        if (ex.contains("phy_payload")) {  // the 16-block frame: too long for one LoRa frame
            const Bytes phy = hex(ex.at("phy_payload"));
            const auto plain = *vectors::plaintext(in, "frm_payload_plain");
            const Bytes encrypted = encrypt_frm_payload(key, dir, addr, f_cnt, plain);
            const auto at = phy.size() - mic_size - encrypted.size();
            CHECK(Bytes(phy.begin() + static_cast<std::ptrdiff_t>(at), phy.end() - 4) == encrypted);
            const auto [keys, v11] = session_keys(in);
            const NetworkSessionCrypto network(keys, v11);
            CHECK(to_hex(network.uplink_mic(mic_input(phy), addr, f_cnt, {})) ==
                  ex.at("mic").get<std::string>());
        }
    }
}

TEST_CASE("published vectors: 1.1 FOpts encryption") {
    for (const auto& vector : vectors::group("fopts_encryption_1_1")) {
        INFO(vector.at("name").get<std::string>());
        const json& in = vector.at("inputs");
        const Aes128 key(vectors::key(in, "nwk_s_enc_key"));
        const Direction dir =
            in.at("direction") == "downlink" ? Direction::downlink : Direction::uplink;
        const auto counter = static_cast<FOptsCounter>(hex(in.at("a_block_bytes_1_4")).back());
        CHECK(to_hex(encrypt_f_opts(key, dir, vectors::dev_addr(in),
                                    in.at("fcnt32").get<std::uint32_t>(), counter,
                                    hex(in.at("plaintext")))) ==
              vector.at("expected").at("ciphertext").get<std::string>());
    }
}

TEST_CASE("published vectors: 32-bit FCnt reconstruction") {
    for (const auto& vector : vectors::group("fcnt_reconstruction")) {
        INFO(vector.at("name").get<std::string>());
        const json& in = vector.at("inputs");
        CHECK(reconstruct_f_cnt(in.at("next_expected_fcnt32").get<std::uint32_t>(),
                                in.at("fcnt16_onair").get<std::uint16_t>()) ==
              vector.at("expected").at("fcnt32").get<std::uint32_t>());
    }
}

TEST_CASE("published vectors: class B ping offset") {
    for (const auto& vector : vectors::group("class_b_ping_offset")) {
        INFO(vector.at("name").get<std::string>());
        const json& in = vector.at("inputs");
        CHECK(ping_offset(in.at("beacon_time").get<std::uint32_t>(), vectors::dev_addr(in),
                          in.at("ping_period").get<std::uint32_t>()) ==
              vector.at("expected").at("ping_offset").get<std::uint32_t>());
    }
}
