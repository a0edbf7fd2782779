#pragma once
// Join-accept (LoRaWAN 1.0.x §6.2.5, 1.1 §6.2.3) and the join- and rejoin-request MICs.
//
//   JoinAccept = JoinNonce(3) | NetID(3) | DevAddr(4) | DLSettings(1) | RxDelay(1) | CFList(0|16)
//   DLSettings = OptNeg(7, 1.1; RFU in 1.0) | RX1DROffset(6..4) | RX2DataRate(3..0)
//
// The network "encrypts" JoinAccept|MIC with AES *decryption* (ECB) so that the device needs only
// AES encryption; the MHDR stays clear. The MIC key and input depend on OptNeg:
//   1.0.x, 1.1 with OptNeg 0: CMAC(AppKey or NwkKey, MHDR | JoinAccept)
//   1.1 with OptNeg 1:        CMAC(JSIntKey, JoinReqType | JoinEUI | DevNonce | MHDR | JoinAccept)

#include <array>
#include <cstdint>
#include <optional>

#include "lorawan/bytes.hpp"
#include "lorawan/frame_error.hpp"
#include "lorawan/identifiers.hpp"
#include "lorawan/phy_payload.hpp"
#include "lorawan/result.hpp"

namespace hortillon::lorawan {

using CfList = std::array<std::uint8_t, 16>;

struct DlSettings {
    bool opt_neg = false;
    std::uint8_t rx1_dr_offset = 0;  // 0..7
    std::uint8_t rx2_data_rate = 0;  // 0..15

    static auto from_byte(std::uint8_t byte) -> DlSettings;
    [[nodiscard]] auto to_byte() const -> std::uint8_t;
    auto operator==(const DlSettings&) const -> bool = default;
};

struct JoinAccept {
    JoinNonce join_nonce;
    NetId net_id;
    DevAddr dev_addr;
    DlSettings dl_settings;
    std::uint8_t rx_delay = 0;  // seconds; 0 means 1
    std::optional<CfList> cf_list;

    auto operator==(const JoinAccept&) const -> bool = default;
};

// Join-request types named by the 1.1 OptNeg MIC (JoinReqType).
enum class JoinRequestType : std::uint8_t {
    rejoin_0 = 0x00,
    rejoin_1 = 0x01,
    rejoin_2 = 0x02,
    join_request = 0xff,
};

// What the join-accept MIC covers besides the join-accept itself.
struct JoinAcceptMicKey {
    AesKey key;  // AppKey (1.0), NwkKey (1.1 OptNeg 0) or JSIntKey (1.1 OptNeg 1)
    // Present exactly when OptNeg is set (1.1 network answering a 1.1 device).
    struct OptNegContext {
        JoinRequestType join_request_type = JoinRequestType::join_request;
        Eui64 join_eui;
        DevNonce dev_nonce;
    };
    std::optional<OptNegContext> opt_neg;
};

// The MIC of a join-accept, computed over MHDR | JoinAccept fields (plaintext).
auto compute_join_accept_mic(const JoinAccept& accept, const JoinAcceptMicKey& mic_key) -> Mic;

// Builds the join-accept PHYPayload as sent: MHDR | encrypted(JoinAccept | MIC).
// `encryption_key`: AppKey (1.0), NwkKey (1.1 answering a join-request), JSEncKey (1.1 answering
// a rejoin-request).
auto encrypt_join_accept(const JoinAccept& accept, const JoinAcceptMicKey& mic_key,
                         const AesKey& encryption_key) -> Bytes;

// The device side: recovers the join-accept and its MIC from the PHYPayload bytes.
struct DecryptedJoinAccept {
    JoinAccept accept;
    Mic mic{};
};

// Failures: too_short, too_long, bad_length, bad_major, wrong_direction (not a join-accept).
// Does not check the MIC: call `verify_join_accept_mic` with the right key for the version.
auto decrypt_join_accept(ByteView phy_payload, const AesKey& encryption_key)
    -> Result<DecryptedJoinAccept, FrameError>;

auto verify_join_accept_mic(const DecryptedJoinAccept& decrypted, const JoinAcceptMicKey& mic_key)
    -> bool;

// Join-request MIC: CMAC(AppKey in 1.0, NwkKey in 1.1, MHDR|JoinEUI|DevEUI|DevNonce)[0..3].
// Rejoin-request MIC: CMAC(SNwkSIntKey for types 0 and 2, JSIntKey for type 1, MHDR|payload).
// `phy_payload` is the whole frame including its MIC (precondition: at least 4 bytes).
auto compute_request_mic(const AesKey& key, ByteView phy_payload) -> Mic;
auto verify_request_mic(const AesKey& key, ByteView phy_payload) -> bool;

}  // namespace hortillon::lorawan
