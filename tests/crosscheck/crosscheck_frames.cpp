// Prints, as one JSON array on stdout, LoRaWAN frames built by Hortillon's own code:
// join-accepts from answer_join_request, data downlinks from build_data_downlink and uplinks from
// seal_data_frame. Each case carries the keys, counters and plaintexts that went in and what the
// spec says must come out, so that check_with_lora_packet.mjs can verify every frame with
// lora-packet, an implementation written by other people.
//
// The expected values (DLSettings bytes, MAC command bytes, which counter and FPort a downlink
// uses, ...) are written down in the tables below from the spec; they are never read back from
// the code under test. What Hortillon reports about a frame is emitted separately, as "built".

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "lorawan/crypto/session_keys.hpp"
#include "lorawan/data_frame_seal.hpp"
#include "lorawan/join_accept.hpp"
#include "network-server/data_downlink.hpp"
#include "network-server/join.hpp"

using namespace hortillon;
using namespace hortillon::lorawan;
using namespace hortillon::network_server;
using nlohmann::json;

namespace {

// A deterministic key, distinct for every seed.
auto test_key(std::uint8_t seed) -> AesKey {
    AesKey key;
    for (std::size_t i = 0; i < key.bytes.size(); ++i) {
        key.bytes[i] = static_cast<std::uint8_t>(seed * 0x3b + i * 0x1d + ((seed ^ i) << 4));
    }
    return key;
}

// `length` bytes of deterministic plaintext.
auto test_payload(std::size_t length, std::uint8_t seed) -> Bytes {
    Bytes out(length);
    for (std::size_t i = 0; i < length; ++i) {
        out[i] = static_cast<std::uint8_t>(seed + i * 0x25);
    }
    return out;
}

auto bytes_of(std::string_view hex) -> Bytes {
    auto bytes = from_hex(hex);
    if (!bytes) {
        std::cerr << "crosscheck_frames: bad hex in a table: " << hex << '\n';
        std::exit(2);
    }
    return *bytes;
}

// Big-endian hex of the low `digits` nibbles, as lora-packet presents numbers.
auto be_hex(std::uint32_t value, int digits) -> std::string {
    static constexpr char digit[] = "0123456789abcdef";
    std::string out(static_cast<std::size_t>(digits), '0');
    for (int i = digits - 1; i >= 0; --i, value >>= 4) {
        out[static_cast<std::size_t>(i)] = digit[value & 0x0f];
    }
    return out;
}

auto keys_json(const SessionKeys& keys) -> json {
    return {{"f_nwk_s_int_key", keys.f_nwk_s_int_key.to_hex_secret()},
            {"s_nwk_s_int_key", keys.s_nwk_s_int_key.to_hex_secret()},
            {"nwk_s_enc_key", keys.nwk_s_enc_key.to_hex_secret()},
            {"app_s_key", keys.app_s_key.to_hex_secret()}};
}

// ---------------------------------------------------------------------------------------------
// Join-accepts

// EU868 CFList type 0: 867.1, 867.3, 867.5, 867.7, 867.9 MHz (RP002 §3.3.1).
constexpr std::string_view cf_list_eu868 = "184f84e85684b85e84886684586e8400";
// US915 CFList type 1: channels 8..15 and 65 (sub-band 2), then CFListType 1.
constexpr std::string_view cf_list_us915 = "00ff0000000000000200000000000001";

struct JoinRow {
    const char* name;
    MacVersion version;
    std::uint8_t app_key_seed;
    std::optional<std::uint8_t> nwk_key_seed;  // 1.1 devices provisioned with two root keys
    std::uint64_t dev_eui;
    std::uint64_t join_eui;
    std::uint16_t dev_nonce;
    std::uint32_t join_nonce;
    std::uint32_t net_id;
    std::uint32_t dev_addr;
    std::uint8_t rx1_dr_offset;
    std::uint8_t rx2_dr;
    std::uint8_t rx_delay;
    std::string_view cf_list;  // hex, empty for none
    std::uint8_t dl_settings;  // the byte the spec gives for OptNeg | RX1DROffset | RX2DataRate
};

// One row per line reads as a table.
// clang-format off
auto join_rows() -> std::vector<JoinRow> {
    constexpr std::uint64_t dev_eui = 0x70b3d57ed0001234;
    constexpr std::uint64_t join_eui = 0x70b3d57ed0000001;
    using enum MacVersion;
    // name, version, AppKey seed, NwkKey seed, DevEUI, JoinEUI, DevNonce, JoinNonce, NetID,
    // DevAddr, RX1DROffset, RX2 DR, RxDelay, CFList, DLSettings byte
    return {
        {"1.0.3 minimal", v1_0_3, 0x01, {}, dev_eui, join_eui, 0x1a2b, 0x000001, 0x000013, 0x26011001, 0, 0, 1, "", 0x00},
        {"1.0.3 EU868 CFList", v1_0_3, 0x02, {}, dev_eui + 1, join_eui, 0xbeef, 0x00a1b2, 0x000013, 0x26011002, 1, 3, 1, cf_list_eu868, 0x13},
        {"1.0.2 offset 7 RX2 DR15 RxDelay 15", v1_0_2, 0x03, {}, dev_eui + 2, join_eui + 5, 0x0001, 0x123456, 0x00003f, 0x7e000003, 7, 15, 15, "", 0x7f},
        {"1.0.4 US915 CFList", v1_0_4, 0x04, {}, dev_eui + 3, join_eui, 0x0007, 0x000010, 0x600013, 0xfc00ac04, 2, 8, 5, cf_list_us915, 0x28},
        {"1.0.0 RxDelay 0", v1_0_0, 0x05, {}, dev_eui + 4, join_eui, 0x8000, 0x0000ff, 0x000000, 0x00000005, 0, 5, 0, "", 0x05},
        {"1.0.4 extreme nonces", v1_0_4, 0x06, {}, 0xffffffffffffffff, 0x0000000000000000, 0xffff, 0xffffff, 0xffffff, 0xffffffff, 3, 2, 2, cf_list_eu868, 0x32},
        {"1.0.1 CFList all ones", v1_0_1, 0x07, {}, dev_eui + 6, join_eui, 0x4242, 0x00abcd, 0x000013, 0x26011007, 0, 1, 3, "ffffffffffffffffffffffffffffff00", 0x01},
        {"1.1 minimal", v1_1_0, 0x10, 0x11, dev_eui + 7, join_eui, 0x0000, 0x000000, 0x000013, 0x26011008, 0, 0, 1, "", 0x80},
        {"1.1 EU868 CFList", v1_1_0, 0x12, 0x13, dev_eui + 8, join_eui + 9, 0x0102, 0x0a0b0c, 0x000013, 0x26011009, 3, 2, 1, cf_list_eu868, 0xb2},
        {"1.1 offset 7 RX2 DR15 RxDelay 15", v1_1_0, 0x14, 0x15, dev_eui + 9, join_eui, 0xfffe, 0xfffffe, 0x00003f, 0x7e00000a, 7, 15, 15, "", 0xff},
        {"1.1 single root key", v1_1_0, 0x16, {}, dev_eui + 10, join_eui, 0x0033, 0x000200, 0x000013, 0x2601100b, 1, 0, 2, "", 0x90},
        {"1.1 US915 CFList", v1_1_0, 0x17, 0x18, dev_eui + 11, 0x0123456789abcdef, 0x0100, 0x010000, 0xc00013, 0xe000000c, 2, 8, 1, cf_list_us915, 0xa8},
        {"1.1 NetID type 6", v1_1_0, 0x19, 0x1a, dev_eui + 12, join_eui, 0x7fff, 0x000abc, 0xc0002d, 0xfe00b40d, 5, 4, 6, "", 0xd4},
    };
}
// clang-format on

// The join-request a device sends: JoinEUI | DevEUI | DevNonce, signed with its root key.
auto join_request_bytes(const AesKey& key, Eui64 join_eui, Eui64 dev_eui, DevNonce nonce) -> Bytes {
    Bytes phy = *encode_phy_payload(JoinRequest{join_eui, dev_eui, nonce, {}});
    const Mic mic = compute_request_mic(key, phy);
    std::copy(mic.begin(), mic.end(), phy.end() - mic_size);
    return phy;
}

struct JoinedSession {
    SessionKeys keys;
    DevAddr dev_addr;
    bool lorawan_1_1 = false;
};

auto join_case(const JoinRow& row, std::map<std::string, JoinedSession>& joined) -> json {
    const bool v1_1 = is_lorawan_1_1(row.version);
    const AesKey app_key = test_key(row.app_key_seed);
    const std::optional<AesKey> nwk_key =
        row.nwk_key_seed ? std::optional(test_key(*row.nwk_key_seed)) : std::nullopt;
    const OtaaDevice device{Eui64{row.dev_eui}, Eui64{row.join_eui}, app_key, nwk_key, row.version};
    const AesKey& root_nwk_key = nwk_key ? *nwk_key : app_key;  // 1.1 with one key: both roles
    const Bytes request_bytes = join_request_bytes(v1_1 ? root_nwk_key : app_key, device.join_eui,
                                                   device.dev_eui, DevNonce{row.dev_nonce});
    const auto request = std::get<JoinRequest>(*decode_phy_payload(request_bytes));
    std::optional<CfList> cf_list;
    if (!row.cf_list.empty()) {
        const Bytes bytes = bytes_of(row.cf_list);
        cf_list.emplace();
        std::copy(bytes.begin(), bytes.end(), cf_list->begin());
    }
    const JoinAcceptPlan plan{.join_nonce = JoinNonce{row.join_nonce},
                              .net_id = NetId{row.net_id},
                              .dev_addr = DevAddr{row.dev_addr},
                              .rx1_dr_offset = row.rx1_dr_offset,
                              .rx2_dr = row.rx2_dr,
                              .rx_delay_seconds = row.rx_delay,
                              .cf_list = cf_list};
    const JoinAnswer answer = answer_join_request(device, request, plan);
    joined[row.name] = {answer.session_keys, plan.dev_addr, answer.lorawan_1_1};
    json out = {{"kind", "join_accept"},
                {"name", row.name},
                {"mac_version", to_string(row.version)},
                {"opt_neg", v1_1},
                {"app_key", app_key.to_hex_secret()},
                {"nwk_key", v1_1 ? json(root_nwk_key.to_hex_secret()) : json(nullptr)},
                {"dev_eui", device.dev_eui.to_string()},
                {"join_eui", device.join_eui.to_string()},
                {"dev_nonce", be_hex(row.dev_nonce, 4)},
                {"join_nonce", be_hex(row.join_nonce, 6)},
                {"net_id", NetId{row.net_id}.to_string()},
                {"dev_addr", DevAddr{row.dev_addr}.to_string()},
                {"dl_settings", be_hex(row.dl_settings, 2)},
                {"rx1_dr_offset", row.rx1_dr_offset},
                {"rx2_dr", row.rx2_dr},
                {"rx_delay", be_hex(row.rx_delay, 2)},
                {"cf_list", row.cf_list},
                {"join_request", to_hex(request_bytes)},
                {"phy_payload", to_hex(answer.join_accept)},
                {"built",
                 {{"join_request_verified", verify_join_request(device, request_bytes)},
                  {"lorawan_1_1", answer.lorawan_1_1},
                  {"session_keys", keys_json(answer.session_keys)}}}};
    if (v1_1) {
        out["built"]["js_int_key"] =
            derive_js_int_key(root_nwk_key, device.dev_eui).to_hex_secret();
        out["built"]["js_enc_key"] =
            derive_js_enc_key(root_nwk_key, device.dev_eui).to_hex_secret();
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Sessions used by the data frames: two ABP sessions and two sessions from the joins above.

enum class SessionId : std::uint8_t { abp_1_0, abp_1_1, joined_1_0, joined_1_1 };

constexpr const char* joined_1_0_row = "1.0.3 EU868 CFList";
constexpr const char* joined_1_1_row = "1.1 EU868 CFList";

struct SessionUnderTest {
    DeviceSession session;
    const char* name;
    const char* from_join;  // the join case whose keys these are, or nullptr (ABP)
};

auto make_session(SessionId id, const std::map<std::string, JoinedSession>& joined)
    -> SessionUnderTest {
    DeviceSession session;
    switch (id) {
        case SessionId::abp_1_0:
            session.dev_addr = DevAddr{0x26011bda};
            session.keys = {test_key(0x40), test_key(0x40), test_key(0x40), test_key(0x41)};
            return {session, "ABP 1.0.3", nullptr};
        case SessionId::abp_1_1:
            session.dev_addr = DevAddr{0x01abcdef};
            session.mac_version = MacVersion::v1_1_0;
            session.lorawan_1_1 = true;
            session.keys = {test_key(0x50), test_key(0x51), test_key(0x52), test_key(0x53)};
            return {session, "ABP 1.1", nullptr};
        case SessionId::joined_1_0:
        case SessionId::joined_1_1: {
            const char* row = id == SessionId::joined_1_0 ? joined_1_0_row : joined_1_1_row;
            const JoinedSession& source = joined.at(row);
            session.dev_addr = source.dev_addr;
            session.lorawan_1_1 = source.lorawan_1_1;
            session.mac_version = source.lorawan_1_1 ? MacVersion::v1_1_0 : MacVersion::v1_0_3;
            session.keys = source.keys;
            return {session, row, row};
        }
    }
    return {session, "unknown", nullptr};
}

auto session_json(const SessionUnderTest& under_test) -> json {
    return {{"name", under_test.name},
            {"lorawan_1_1", under_test.session.lorawan_1_1},
            {"dev_addr", under_test.session.dev_addr.to_string()},
            {"keys", keys_json(under_test.session.keys)},
            {"from_join", under_test.from_join ? json(under_test.from_join) : json(nullptr)}};
}

auto optional_json(std::optional<std::uint8_t> value) -> json {
    return value ? json(*value) : json(nullptr);
}

// ---------------------------------------------------------------------------------------------
// Data downlinks (build_data_downlink)

// Downlink MAC commands and their bytes on air, CID first (LoRaWAN 1.1 §5, TS001-1.0.4 §5).
const MacCommand link_adr_req = LinkAdrReq{
    .data_rate = 5, .tx_power = 2, .ch_mask = 0x00ff, .ch_mask_cntl = 0, .nb_trans = 1, .rfu = 0};
constexpr std::string_view link_adr_req_hex = "0352ff0001";
const MacCommand link_check_ans = LinkCheckAns{.margin = 20, .gw_cnt = 3};
constexpr std::string_view link_check_ans_hex = "021403";
const MacCommand dev_status_req = DevStatusReq{};
constexpr std::string_view dev_status_req_hex = "06";
const MacCommand duty_cycle_req = DutyCycleReq{.max_d_cycle = 3, .rfu = 0};
constexpr std::string_view duty_cycle_req_hex = "0403";
const MacCommand rx_timing_setup_req = RxTimingSetupReq{.del = 2, .rfu = 0};
constexpr std::string_view rx_timing_setup_req_hex = "0802";
// 867.1 MHz is 8671000 (0x844f18) in 100 Hz steps; DrRange max 5, min 0.
const MacCommand new_channel_req =
    NewChannelReq{.ch_index = 3, .frequency = 867'100'000, .max_dr = 5, .min_dr = 0};
constexpr std::string_view new_channel_req_hex = "0703184f8450";
// 869.525 MHz is 8695250 (0x84add2) in 100 Hz steps.
const MacCommand rx_param_setup_req =
    RxParamSetupReq{.rx1_dr_offset = 1, .rx2_data_rate = 3, .frequency = 869'525'000, .rfu = 0};
constexpr std::string_view rx_param_setup_req_hex = "0513d2ad84";
// GPS seconds 1400000000 (0x53724e00) and half a second.
const MacCommand device_time_ans =
    DeviceTimeAns{.seconds = 1'400'000'000, .fractional_second = 0x80};
constexpr std::string_view device_time_ans_hex = "0d004e725380";

// The bytes of several commands in a row, as hex.
template <class... Parts>
auto hex(Parts... parts) -> std::string {
    return (std::string(parts) + ...);
}

enum class MacPlacement : std::uint8_t { none, f_opts, f_port_0 };

struct DownlinkRow {
    const char* name;
    SessionId session;
    std::uint32_t n_f_cnt_down;
    std::uint32_t a_f_cnt_down;
    bool ack;
    std::uint32_t acked_f_cnt_up;
    bool adr;
    bool more_queued;
    std::vector<MacCommand> mac_commands;
    std::string mac_hex;  // the commands as the spec lays them out, CID first
    std::optional<ApplicationPayload> application;
    std::uint16_t max_mac_payload;  // M of the data rate (EU868 DR0: 59)
    // What the frame must carry: where the MAC commands go (FOpts when they fit, 15 bytes,
    // else alone on FPort 0), whether the application payload rides along, and FPending.
    MacPlacement expect_mac;
    bool expect_application;
    bool expect_f_pending;
};

auto app(std::uint8_t f_port, Bytes data, bool confirmed = false) -> ApplicationPayload {
    return ApplicationPayload{.f_port = f_port, .data = std::move(data), .confirmed = confirmed};
}

// One row per line reads as a table.
// clang-format off
auto downlink_rows_1_0() -> std::vector<DownlinkRow> {
    using enum SessionId;
    using enum MacPlacement;
    const MacCommand& adr = link_adr_req;
    const MacCommand& channel = new_channel_req;
    // name, session, NFCntDown, AFCntDown, ACK, acked FCntUp, ADR, more queued, MAC commands,
    // their bytes, application payload, M, then the expected MAC placement, whether the
    // application payload is sent, and FPending
    return {
        {"1.0 empty ACK", abp_1_0, 1, 0, true, 7, false, false, {}, "", {}, 59, none, false, false},
        {"1.0 unconfirmed 1 byte on FPort 1", abp_1_0, 2, 0, false, 0, false, false, {}, "", app(1, test_payload(1, 1)), 59, none, true, false},
        {"1.0 confirmed 16 bytes on FPort 10 with ACK", abp_1_0, 3, 0, true, 99, false, false, {}, "", app(10, test_payload(16, 2), true), 250, none, true, false},
        {"1.0 51 bytes at M 59 (exact fit)", abp_1_0, 4, 0, false, 0, false, false, {}, "", app(2, test_payload(51, 3)), 59, none, true, false},
        {"1.0 empty application payload on FPort 5", abp_1_0, 5, 0, false, 0, false, false, {}, "", app(5, {}), 59, none, true, false},
        {"1.0 LinkADRReq in FOpts with 17 bytes", joined_1_0, 0, 0, false, 0, true, false, {adr}, hex(link_adr_req_hex), app(3, test_payload(17, 4)), 250, f_opts, true, false},
        {"1.0 15 bytes of FOpts, no FPort", abp_1_0, 6, 0, false, 0, false, false, {adr, adr, adr}, hex(link_adr_req_hex, link_adr_req_hex, link_adr_req_hex), {}, 59, f_opts, false, false},
        {"1.0 16 bytes of MAC commands on FPort 0", abp_1_0, 7, 0, false, 0, false, false, {adr, adr, adr, dev_status_req}, hex(link_adr_req_hex, link_adr_req_hex, link_adr_req_hex, dev_status_req_hex), {}, 59, f_port_0, false, false},
        {"1.0 long MAC commands first, payload waits", abp_1_0, 8, 0, false, 0, false, false, {channel, channel, channel}, hex(new_channel_req_hex, new_channel_req_hex, new_channel_req_hex), app(4, test_payload(8, 5)), 250, f_port_0, false, true},
        {"1.0 payload first when FOpts would exceed M", abp_1_0, 9, 0, false, 0, false, false, {rx_param_setup_req}, hex(rx_param_setup_req_hex), app(6, test_payload(51, 6)), 59, none, true, true},
        {"1.0 FCntDown 0x00010005, ADR, FPending", abp_1_0, 0x00010005, 0, false, 0, true, true, {dev_status_req}, hex(dev_status_req_hex), app(7, test_payload(20, 7)), 250, f_opts, true, true},
        {"1.0 FCntDown 0xffffffff on FPort 223", abp_1_0, 0xffffffff, 0, false, 0, false, false, {}, "", app(223, test_payload(33, 8)), 250, none, true, false},
        {"1.0 confirmed 32 bytes, FCntDown 0x0002ffff, joined", joined_1_0, 0x0002ffff, 0, true, 0x0001ffff, false, false, {}, "", app(200, test_payload(32, 9), true), 250, none, true, false},
        {"1.0 DeviceTimeAns and LinkCheckAns in FOpts", joined_1_0, 9, 0, false, 0, false, false, {device_time_ans, link_check_ans}, hex(device_time_ans_hex, link_check_ans_hex), {}, 59, f_opts, false, false},
    };
}
// clang-format on

// One row per line reads as a table.
// clang-format off
auto downlink_rows_1_1() -> std::vector<DownlinkRow> {
    using enum SessionId;
    using enum MacPlacement;
    const MacCommand& adr = link_adr_req;
    const MacCommand& channel = new_channel_req;
    // columns as in downlink_rows_1_0
    return {
        {"1.1 empty ACK carries ConfFCnt", abp_1_1, 3, 100, true, 0x00051234, false, false, {}, "", {}, 59, none, false, false},
        {"1.1 ACK and payload on AFCntDown", abp_1_1, 4, 0x00012345, true, 0xbeef, false, false, {}, "", app(2, test_payload(12, 10)), 250, none, true, false},
        {"1.1 FOpts on NFCntDown 0x00020001, no FPort", abp_1_1, 0x00020001, 7, false, 0, false, false, {link_check_ans, dev_status_req}, hex(link_check_ans_hex, dev_status_req_hex), {}, 59, f_opts, false, false},
        {"1.1 FOpts with payload on AFCntDown 0x00030002", abp_1_1, 10, 0x00030002, true, 0x00017777, true, false, {adr}, hex(link_adr_req_hex), app(9, test_payload(24, 11)), 250, f_opts, true, false},
        {"1.1 MAC commands on FPort 0, NFCntDown 70000", abp_1_1, 70000, 5, false, 0, false, false, {channel, channel, channel}, hex(new_channel_req_hex, new_channel_req_hex, new_channel_req_hex), {}, 250, f_port_0, false, false},
        {"1.1 confirmed 51 bytes, AFCntDown 0x00abcdef, joined", joined_1_1, 1, 0x00abcdef, false, 0, false, false, {}, "", app(20, test_payload(51, 12), true), 59, none, true, false},
        {"1.1 32 bytes, joined, counters 0", joined_1_1, 0, 0, false, 0, false, false, {}, "", app(1, test_payload(32, 13)), 250, none, true, false},
        {"1.1 empty application payload on FPort 15", abp_1_1, 11, 12, false, 0, false, false, {}, "", app(15, {}), 59, none, true, false},
        {"1.1 15 bytes of FOpts with ACK, NFCntDown 0xfffe", abp_1_1, 0xfffe, 0, true, 0xffff, false, false, {adr, adr, adr}, hex(link_adr_req_hex, link_adr_req_hex, link_adr_req_hex), {}, 59, f_opts, false, false},
        {"1.1 long MAC commands first with ACK, payload waits", joined_1_1, 2, 3, true, 0x12345678, false, false, {rx_timing_setup_req, channel, channel, duty_cycle_req, rx_param_setup_req}, hex(rx_timing_setup_req_hex, new_channel_req_hex, new_channel_req_hex, duty_cycle_req_hex, rx_param_setup_req_hex), app(8, test_payload(5, 14)), 250, f_port_0, false, true},
        {"1.1 payload first when FOpts would exceed M", abp_1_1, 13, 0x00100000, false, 0, false, false, {device_time_ans}, hex(device_time_ans_hex), app(30, test_payload(51, 15)), 59, none, true, true},
    };
}
// clang-format on

auto downlink_case(const DownlinkRow& row, const SessionUnderTest& under_test) -> json {
    DeviceSession session = under_test.session;
    session.n_f_cnt_down = row.n_f_cnt_down;
    session.a_f_cnt_down = row.a_f_cnt_down;
    const DownlinkContent content{.ack = row.ack,
                                  .acked_f_cnt_up = row.acked_f_cnt_up,
                                  .adr = row.adr,
                                  .more_queued = row.more_queued,
                                  .mac_commands = row.mac_commands,
                                  .application = row.application};
    const region::PayloadSize max_payload{.m = row.max_mac_payload,
                                          .n = static_cast<std::uint16_t>(row.max_mac_payload - 8)};
    const auto built = build_data_downlink(session, content, max_payload);

    // 1.1: the application payload uses AFCntDown, everything else NFCntDown (1.1 §4.3.1.5).
    const bool with_app = row.expect_application;
    const bool a_counter = session.lorawan_1_1 && with_app;
    const bool confirmed = with_app && row.application->confirmed;
    const bool on_port_0 = row.expect_mac == MacPlacement::f_port_0;
    json expect = {{"m_type", static_cast<int>(confirmed ? MType::confirmed_data_down
                                                         : MType::unconfirmed_data_down)},
                   {"f_cnt", a_counter ? row.a_f_cnt_down : row.n_f_cnt_down},
                   {"adr", row.adr},
                   {"ack", row.ack},
                   {"f_pending", row.expect_f_pending},
                   {"f_opts", row.expect_mac == MacPlacement::f_opts ? row.mac_hex : ""},
                   {"f_port", on_port_0  ? json(0)
                              : with_app ? json(row.application->f_port)
                                         : json(nullptr)},
                   {"frm_payload", on_port_0  ? row.mac_hex
                                   : with_app ? to_hex(row.application->data)
                                              : ""},
                   {"conf_f_cnt", row.ack ? row.acked_f_cnt_up & 0xffff : 0},
                   {"a_f_cnt_down", a_counter},
                   {"application_included", with_app},
                   {"mac_commands_included", row.expect_mac != MacPlacement::none},
                   {"confirmed", confirmed}};
    json out = {{"kind", "data_downlink"},
                {"name", row.name},
                {"session", session_json(under_test)},
                {"expect", expect}};
    if (!built) {
        out["built"] = {{"refused", static_cast<int>(built.error())}};
        return out;
    }
    out["phy_payload"] = to_hex(built->phy_payload);
    out["built"] = {{"f_cnt", built->f_cnt},
                    {"a_f_cnt_down", built->a_f_cnt_down},
                    {"application_included", built->application_included},
                    {"mac_commands_included", built->mac_commands_included},
                    {"confirmed", built->confirmed}};
    return out;
}

// ---------------------------------------------------------------------------------------------
// Data uplinks (seal_data_frame), as a device would send them

struct UplinkRow {
    const char* name;
    SessionId session;
    MType m_type;
    FCtrl f_ctrl;
    std::uint32_t f_cnt;
    std::string_view f_opts;  // plaintext MAC commands, hex
    std::optional<std::uint8_t> f_port;
    Bytes frm_payload;  // plaintext
    MicBlockFields fields;
};

// One row per line reads as a table.
// clang-format off
auto uplink_rows() -> std::vector<UplinkRow> {
    using enum SessionId;
    constexpr MType unconfirmed = MType::unconfirmed_data_up;
    constexpr MType confirmed = MType::confirmed_data_up;
    // Uplink MAC commands: LinkADRAns 0307, DevStatusAns 06|battery|margin, DeviceTimeReq 0d,
    // LinkCheckReq 02. `fifteen` fills FOpts exactly.
    constexpr std::string_view fifteen = "03070307030706ff1f0d0203070d02";
    // name, session, MType, FCtrl, FCnt, FOpts, FPort, FRMPayload, {ConfFCnt, TxDr, TxCh}
    return {
        {"1.0 unconfirmed 4 bytes on FPort 1", abp_1_0, unconfirmed, {}, 1, "", 1, test_payload(4, 20), {}},
        {"1.0 confirmed 51 bytes on FPort 100 with ADR", abp_1_0, confirmed, {.adr = true}, 2, "", 100, test_payload(51, 21), {}},
        {"1.0 empty frame with ADRACKReq", abp_1_0, unconfirmed, {.adr = true, .adr_ack_req = true}, 3, "", {}, {}, {}},
        {"1.0 FOpts with payload, joined", joined_1_0, unconfirmed, {}, 4, "030706fe1f", 2, test_payload(10, 22), {}},
        {"1.0 MAC commands on FPort 0", abp_1_0, unconfirmed, {}, 5, "", 0, bytes_of("0307060a1f0d02"), {}},
        {"1.0 ACK and ClassB, FCntUp 0x00012345 (ConfFCnt ignored)", abp_1_0, unconfirmed, {.ack = true, .class_b = true}, 0x00012345, "", 8, test_payload(3, 23), {0x55aa, 0, 0}},
        {"1.0 confirmed FCntUp 0xffffffff on FPort 223, joined", joined_1_0, confirmed, {}, 0xffffffff, "", 223, test_payload(17, 24), {}},
        {"1.1 TxDr 5 TxCh 2", abp_1_1, unconfirmed, {}, 1, "", 1, test_payload(8, 25), {0, 5, 2}},
        {"1.1 ACK with ConfFCnt 0x1234, TxDr 0 TxCh 15", abp_1_1, unconfirmed, {.ack = true}, 2, "", 2, test_payload(5, 26), {0x1234, 0, 15}},
        {"1.1 FOpts with payload, FCntUp 0x00010000", abp_1_1, unconfirmed, {.adr = true}, 0x00010000, "0307", 3, test_payload(16, 27), {0, 3, 1}},
        {"1.1 MAC commands on FPort 0, FCntUp 0x00020003", abp_1_1, unconfirmed, {}, 0x00020003, "", 0, bytes_of("0307060a1f"), {0, 4, 7}},
        {"1.1 empty frame with ADRACKReq, FCntUp 70000", abp_1_1, unconfirmed, {.adr = true, .adr_ack_req = true}, 70000, "", {}, {}, {0, 3, 0}},
        {"1.1 confirmed 33 bytes, FCntUp 0xffffffff, ConfFCnt 0xffff, joined", joined_1_1, confirmed, {.ack = true}, 0xffffffff, "", 50, test_payload(33, 28), {0xffff, 5, 71}},
        {"1.1 15 bytes of FOpts, no FPort", abp_1_1, unconfirmed, {}, 9, fifteen, {}, {}, {0, 2, 3}},
        {"1.1 confirmed with ACK and ClassB, FCntUp 0, joined", joined_1_1, confirmed, {.ack = true, .class_b = true}, 0, "", 1, test_payload(2, 29), {0x0001, 2, 4}},
        {"1.1 ACK on FPort 0 with ConfFCnt 0xa5c3", abp_1_1, unconfirmed, {.ack = true}, 12, "", 0, bytes_of("0d"), {0xa5c3, 1, 1}},
    };
}
// clang-format on

auto uplink_case(const UplinkRow& row, const SessionUnderTest& under_test) -> json {
    const DeviceSession& session = under_test.session;
    const PlainDataFrame frame{.m_type = row.m_type,
                               .dev_addr = session.dev_addr,
                               .f_ctrl = row.f_ctrl,
                               .f_cnt = row.f_cnt,
                               .f_opts = bytes_of(row.f_opts),
                               .f_port = row.f_port,
                               .frm_payload = row.frm_payload};
    const NetworkSessionCrypto network(session.keys, session.lorawan_1_1);
    const Aes128 app_s_key(session.keys.app_s_key);
    const auto sealed = seal_data_frame(frame, network, &app_s_key, row.fields);
    json out = {{"kind", "data_uplink"},
                {"name", row.name},
                {"session", session_json(under_test)},
                {"expect",
                 {{"m_type", static_cast<int>(row.m_type)},
                  {"f_cnt", row.f_cnt},
                  {"adr", row.f_ctrl.adr},
                  {"adr_ack_req", row.f_ctrl.adr_ack_req},
                  {"ack", row.f_ctrl.ack},
                  {"class_b", row.f_ctrl.class_b},
                  {"f_opts", row.f_opts},
                  {"f_port", optional_json(row.f_port)},
                  {"frm_payload", to_hex(row.frm_payload)},
                  {"conf_f_cnt", row.fields.conf_f_cnt},
                  {"tx_dr", row.fields.tx_dr},
                  {"tx_ch", row.fields.tx_ch}}}};
    if (!sealed) {
        out["built"] = {{"refused", static_cast<int>(sealed.error())}};
        return out;
    }
    out["phy_payload"] = to_hex(*sealed);
    return out;
}

}  // namespace

int main() {
    json cases = json::array();
    std::map<std::string, JoinedSession> joined;
    for (const JoinRow& row : join_rows()) {
        cases.push_back(join_case(row, joined));
    }
    for (const auto& rows : {downlink_rows_1_0(), downlink_rows_1_1()}) {
        for (const DownlinkRow& row : rows) {
            cases.push_back(downlink_case(row, make_session(row.session, joined)));
        }
    }
    for (const UplinkRow& row : uplink_rows()) {
        cases.push_back(uplink_case(row, make_session(row.session, joined)));
    }
    std::cout << cases.dump(1) << '\n';
    return 0;
}
