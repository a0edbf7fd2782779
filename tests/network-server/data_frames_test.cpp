// Data uplinks matched to sessions, and downlinks built for them, checked from the device side.
#include <catch2/catch.hpp>

#include "lorawan/data_frame_seal.hpp"
#include "network-server/data_downlink.hpp"
#include "network-server/data_uplink.hpp"

using namespace hortillon;
using namespace hortillon::lorawan;
using namespace hortillon::network_server;

namespace {
auto session_with(std::uint8_t key_byte, bool v1_1) -> DeviceSession {
    AesKey key;
    key.bytes.fill(key_byte);
    AesKey app;
    app.bytes.fill(static_cast<std::uint8_t>(key_byte + 1));
    DeviceSession session;
    session.dev_eui = Eui64{key_byte};
    session.dev_addr = DevAddr{0x26010001};
    session.mac_version = v1_1 ? MacVersion::v1_1_0 : MacVersion::v1_0_3;
    session.lorawan_1_1 = v1_1;
    session.keys = SessionKeys{key, v1_1 ? AesKey{} : key, key, app};
    return session;
}

// The device side: an uplink sealed with the session's keys.
auto uplink(const DeviceSession& s, std::uint32_t f_cnt, Bytes f_opts = {}, bool confirmed = false,
            bool ack = false) -> Bytes {
    const NetworkSessionCrypto crypto(s.keys, s.lorawan_1_1);
    const Aes128 app(s.keys.app_s_key);
    PlainDataFrame frame{
        .m_type = confirmed ? MType::confirmed_data_up : MType::unconfirmed_data_up,
        .dev_addr = s.dev_addr,
        .f_ctrl = FCtrl{.ack = ack},
        .f_cnt = f_cnt,
        .f_opts = std::move(f_opts),
        .f_port = 2,
        .frm_payload = {0xaa}};
    MicBlockFields fields{.conf_f_cnt = 0, .tx_dr = 5, .tx_ch = 1};
    if (ack && s.pending_confirmed_f_cnt_down)
        fields.conf_f_cnt = static_cast<std::uint16_t>(*s.pending_confirmed_f_cnt_down);
    return *seal_data_frame(frame, crypto, &app, fields);
}

auto match(const Bytes& phy, std::span<const DeviceSession> sessions) {
    const auto frame = std::get<DataFrame>(*decode_phy_payload(phy));
    SessionCryptoCache crypto;
    return match_session(frame, phy, sessions, UplinkChannel{5, 1}, crypto);
}
}  // namespace

TEST_CASE("the MIC picks the right session among devices sharing a DevAddr") {
    const std::vector<DeviceSession> sessions{session_with(1, false), session_with(2, false),
                                              session_with(3, true)};
    for (std::size_t owner = 0; owner < sessions.size(); ++owner) {
        auto matched = match(uplink(sessions[owner], 0), sessions);
        REQUIRE(matched);
        CHECK(matched->index == owner);
        CHECK(matched->verdict == FCntVerdict::fresh);
    }
    CHECK(match(uplink(session_with(4, false), 0), sessions).error() ==
          UplinkRejection::mic_mismatch);
    CHECK(match(uplink(session_with(4, false), 0), {}).error() ==
          UplinkRejection::unknown_dev_addr);
}

TEST_CASE("replays are refused, retransmissions recognised, counters cross 65535") {
    std::vector<DeviceSession> sessions{session_with(1, false)};
    sessions[0].last_f_cnt_up = 65534;
    CHECK(match(uplink(sessions[0], 65533), sessions).error() == UplinkRejection::f_cnt_replay);
    CHECK(match(uplink(sessions[0], 65534), sessions)->verdict == FCntVerdict::retransmission);
    auto next = match(uplink(sessions[0], 65536), sessions);
    REQUIRE(next);
    CHECK(next->f_cnt == 65536);
    sessions[0].last_f_cnt_up = 65536;
    CHECK(match(uplink(sessions[0], 65537), sessions)->f_cnt == 65537);
    // 1.0.3 still applies MAX_FCNT_GAP; 1.0.4 does not.
    CHECK(match(uplink(sessions[0], 65536 + 16385), sessions).error() ==
          UplinkRejection::f_cnt_gap_too_large);
    sessions[0].mac_version = MacVersion::v1_0_4;
    CHECK(match(uplink(sessions[0], 65536 + 16385), sessions));
}

TEST_CASE("a 1.1 uplink that acknowledges a confirmed downlink carries ConfFCnt in its MIC") {
    std::vector<DeviceSession> sessions{session_with(7, true)};
    sessions[0].pending_confirmed_f_cnt_down = 12;
    const Bytes phy = uplink(sessions[0], 0, {}, false, true);
    REQUIRE(match(phy, sessions));
    sessions[0].pending_confirmed_f_cnt_down = 13;
    CHECK(match(phy, sessions).error() == UplinkRejection::mic_mismatch);
}

TEST_CASE("MAC commands of an uplink are read from FOpts, decrypted in 1.1") {
    SessionCryptoCache crypto;
    for (bool v1_1 : {false, true}) {
        const DeviceSession session = session_with(5, v1_1);
        const Bytes phy = uplink(session, 9, Bytes{0x02, 0x0d});
        const auto frame = std::get<DataFrame>(*decode_phy_payload(phy));
        CHECK((frame.f_opts == Bytes{0x02, 0x0d}) == !v1_1);
        const MacCommands commands = uplink_mac_commands(frame, session, 9, crypto);
        REQUIRE(commands.commands.size() == 2);
        CHECK(std::holds_alternative<LinkCheckReq>(commands.commands[0]));
        CHECK(std::holds_alternative<DeviceTimeReq>(commands.commands[1]));
    }
}

TEST_CASE("downlinks: ACK, FOpts MAC commands, application payload, counters and size limits") {
    DeviceSession session = session_with(6, true);
    session.n_f_cnt_down = 4;
    session.a_f_cnt_down = 9;
    DownlinkContent content{.ack = true,
                            .acked_f_cnt_up = 17,
                            .adr = true,
                            .more_queued = false,
                            .mac_commands = {LinkCheckAns{10, 2}},
                            .application = ApplicationPayload{3, {1, 2, 3}, true}};
    auto built = build_data_downlink(session, content, {59, 51});
    REQUIRE(built);
    CHECK(built->f_cnt == 9);
    CHECK(built->a_f_cnt_down);
    CHECK(built->confirmed);
    CHECK(built->mac_commands_included);
    const auto frame = std::get<DataFrame>(*decode_phy_payload(built->phy_payload));
    CHECK(frame.m_type == MType::confirmed_data_down);
    CHECK(frame.f_ctrl.ack);
    CHECK(frame.f_port == 3);
    const NetworkSessionCrypto crypto(session.keys, true);
    CHECK(verify_data_frame_mic(crypto, built->phy_payload, frame, 9, MicBlockFields{17, 0, 0}));
    CHECK(crypto.crypt_f_opts(Direction::downlink, session.dev_addr, 9, FOptsCounter::a_f_cnt_down,
                              frame.f_opts) == Bytes{0x02, 10, 2});
    CHECK(encrypt_frm_payload(Aes128(session.keys.app_s_key), Direction::downlink, session.dev_addr,
                              9, frame.frm_payload) == Bytes{1, 2, 3});

    content.application->data = Bytes(51, 0);  // N = 51 at DR0..2 in EU868: fits only alone
    built = build_data_downlink(session, content, {59, 51});
    REQUIRE(built);
    CHECK(built->application_included);
    CHECK_FALSE(built->mac_commands_included);
    CHECK(std::get<DataFrame>(*decode_phy_payload(built->phy_payload)).f_ctrl.f_pending);
    content.application->data = Bytes(52, 0);
    CHECK(build_data_downlink(session, content, {59, 51}).error() ==
          DownlinkRefusal::payload_too_long);
    content.application->f_port = 0;
    CHECK(build_data_downlink(session, content, {59, 51}).error() == DownlinkRefusal::bad_f_port);
    content.application->f_port = 224;
    CHECK(build_data_downlink(session, content, {59, 51}).error() == DownlinkRefusal::bad_f_port);
}

TEST_CASE("MAC commands longer than FOpts go alone on FPort 0 under the network key") {
    const DeviceSession session = session_with(8, false);
    std::vector<MacCommand> many(6, MacCommand{LinkCheckAns{1, 1}});  // 18 bytes
    auto built = build_data_downlink(
        session, {.mac_commands = many, .application = ApplicationPayload{1, {9}, false}},
        {59, 51});
    REQUIRE(built);
    CHECK(built->mac_commands_included);
    CHECK_FALSE(built->application_included);
    const auto frame = std::get<DataFrame>(*decode_phy_payload(built->phy_payload));
    CHECK(frame.f_port == 0);
    CHECK(frame.f_ctrl.f_pending);
    const NetworkSessionCrypto crypto(session.keys, false);
    CHECK(decode_mac_commands(
              crypto.crypt_mac_payload(Direction::downlink, session.dev_addr, 0, frame.frm_payload),
              Direction::downlink)
              .commands.size() == 6);
}

TEST_CASE("the kept session contexts are told apart by every network key, also once refilled") {
    // Capacity 2: the third session empties the cache, so later lookups key contexts again.
    SessionCryptoCache crypto(2);
    DeviceSession v1_1_other_s_key = session_with(7, true);
    v1_1_other_s_key.keys.s_nwk_s_int_key.bytes.fill(0x42);
    DeviceSession v1_0_other_enc_key = session_with(5, false);
    v1_0_other_enc_key.keys.nwk_s_enc_key.bytes.fill(0x43);
    const std::vector<DeviceSession> sessions{session_with(5, false), session_with(7, true),
                                              v1_1_other_s_key, v1_0_other_enc_key};
    for (int round = 0; round < 2; ++round) {
        for (std::size_t i = 0; i < sessions.size(); ++i) {
            const Bytes phy = uplink(sessions[i], 3, Bytes{0x02});
            const auto frame = std::get<DataFrame>(*decode_phy_payload(phy));
            for (std::size_t j = 0; j < sessions.size(); ++j) {
                auto matched = match_session(frame, phy, std::span(&sessions[j], 1),
                                             UplinkChannel{5, 1}, crypto);
                // A 1.0 session's MIC does not involve NwkSEncKey: sessions 0 and 3 verify
                // each other's frames, and only FOpts-free decryption would tell them apart.
                const bool same_mic_keys = i == j || (i == 0 && j == 3) || (i == 3 && j == 0);
                CHECK(matched.has_value() == same_mic_keys);
            }
            const auto commands = uplink_mac_commands(frame, sessions[i], 3, crypto);
            REQUIRE(commands.commands.size() == 1);
            CHECK(std::holds_alternative<LinkCheckReq>(commands.commands[0]));
        }
    }
}

TEST_CASE("FRMPayload MAC commands decrypt under each session's own NwkSEncKey from the cache") {
    SessionCryptoCache crypto;
    DeviceSession first = session_with(5, false);
    DeviceSession second = session_with(5, false);
    second.keys.nwk_s_enc_key.bytes.fill(0x43);
    second.keys.f_nwk_s_int_key = second.keys.nwk_s_enc_key;
    for (const DeviceSession* session : {&first, &second, &first}) {
        const NetworkSessionCrypto device_side(session->keys, false);
        PlainDataFrame frame{.m_type = MType::unconfirmed_data_up,
                             .dev_addr = session->dev_addr,
                             .f_ctrl = {},
                             .f_cnt = 4,
                             .f_opts = {},
                             .f_port = 0,
                             .frm_payload = Bytes{0x02}};
        const Bytes phy = *seal_data_frame(frame, device_side, nullptr, MicBlockFields{});
        const auto decoded = std::get<DataFrame>(*decode_phy_payload(phy));
        const auto commands = uplink_mac_commands(decoded, *session, 4, crypto);
        REQUIRE(commands.commands.size() == 1);
        CHECK(std::holds_alternative<LinkCheckReq>(commands.commands[0]));
    }
}
