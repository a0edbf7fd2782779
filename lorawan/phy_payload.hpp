#pragma once
// PHYPayload decode and encode for every MType of LoRaWAN 1.0.x and 1.1 (§4).
//
//   PHYPayload  = MHDR(1) | MACPayload | MIC(4)         (join-accept: MHDR | encrypted rest)
//   MHDR        = MType(7..5) | RFU(4..2) | Major(1..0)
//   MACPayload  = FHDR | FPort(0..1) | FRMPayload(0..N)
//   FHDR        = DevAddr(4, LE) | FCtrl(1) | FCnt(2, LE) | FOpts(0..15)
//   JoinRequest = JoinEUI(8, LE) | DevEUI(8, LE) | DevNonce(2, LE)
//   Rejoin 0/2  = type(1) | NetID(3, LE) | DevEUI(8, LE) | RJcount0(2, LE)
//   Rejoin 1    = type(1) | JoinEUI(8, LE) | DevEUI(8, LE) | RJcount1(2, LE)
//
// Decoding only parses: FOpts (encrypted in 1.1) and FRMPayload stay as on air, and the MIC is
// carried, not checked. See data_frame_crypto.hpp and join_accept.hpp for the next states.

#include <cstdint>
#include <optional>
#include <variant>

#include "lorawan/bytes.hpp"
#include "lorawan/direction.hpp"
#include "lorawan/frame_error.hpp"
#include "lorawan/identifiers.hpp"
#include "lorawan/result.hpp"

namespace hortillon::lorawan {

inline constexpr std::size_t mhdr_size = 1;
inline constexpr std::size_t mic_size = 4;
inline constexpr std::size_t fhdr_min_size = 7;
inline constexpr std::size_t max_f_opts_size = 15;
inline constexpr std::size_t max_phy_payload_size = 255;  // the LoRa PHY limit

enum class MType : std::uint8_t {
    join_request = 0,
    join_accept = 1,
    unconfirmed_data_up = 2,
    unconfirmed_data_down = 3,
    confirmed_data_up = 4,
    confirmed_data_down = 5,
    rejoin_request = 6,  // RFU in 1.0.x
    proprietary = 7,
};

// FCtrl with both directions' bit meanings: bit 6 is ADRACKReq on uplink (RFU downlink) and bit 4
// is ClassB on uplink but FPending on downlink (LoRaWAN 1.0.4 §4.3.1, 1.1 §4.3.1).
struct FCtrl {
    bool adr = false;
    bool adr_ack_req = false;  // uplink only
    bool ack = false;
    bool class_b = false;    // uplink only
    bool f_pending = false;  // downlink only

    static auto from_byte(std::uint8_t byte, Direction direction) -> FCtrl;
    // FOptsLen is not stored: it is the size of the frame's FOpts.
    [[nodiscard]] auto to_byte(Direction direction, std::size_t f_opts_len) const -> std::uint8_t;
    auto operator==(const FCtrl&) const -> bool = default;
};

// A data frame as on air: FOpts and FRMPayload are still encrypted (FOpts only in 1.1).
struct DataFrame {
    MType m_type = MType::unconfirmed_data_up;
    DevAddr dev_addr;
    FCtrl f_ctrl;
    std::uint16_t f_cnt = 0;  // the 16 low bits of the frame counter
    Bytes f_opts;
    std::optional<std::uint8_t> f_port;
    Bytes frm_payload;
    Mic mic{};

    [[nodiscard]] auto direction() const -> Direction;
    [[nodiscard]] auto confirmed() const -> bool;
    auto operator==(const DataFrame&) const -> bool = default;
};

struct JoinRequest {
    Eui64 join_eui;
    Eui64 dev_eui;
    DevNonce dev_nonce;
    Mic mic{};
    auto operator==(const JoinRequest&) const -> bool = default;
};

// Join-accept bytes after the MHDR, encrypted: 16 bytes, or 32 with a CFList.
struct EncryptedJoinAccept {
    Bytes encrypted;
    auto operator==(const EncryptedJoinAccept&) const -> bool = default;
};

// Rejoin-request of LoRaWAN 1.1. Types 0 and 2 carry NetID and RJcount0 (MIC under
// SNwkSIntKey); type 1 carries JoinEUI and RJcount1 (MIC under JSIntKey).
struct RejoinRequest {
    std::uint8_t rejoin_type = 0;
    NetId net_id;    // types 0 and 2
    Eui64 join_eui;  // type 1
    Eui64 dev_eui;
    std::uint16_t rj_count = 0;
    Mic mic{};
    auto operator==(const RejoinRequest&) const -> bool = default;
};

// Proprietary frames: everything after the MHDR, uninterpreted.
struct ProprietaryFrame {
    Bytes payload;
    auto operator==(const ProprietaryFrame&) const -> bool = default;
};

using PhyPayload =
    std::variant<JoinRequest, EncryptedJoinAccept, RejoinRequest, DataFrame, ProprietaryFrame>;

// Decodes one PHYPayload. Never reads outside `bytes`.
// Failures: too_short, too_long, bad_major, bad_length, fopts_length_mismatch,
// fopts_with_fport_zero, unknown_rejoin_type.
auto decode_phy_payload(ByteView bytes) -> Result<PhyPayload, FrameError>;

// Encodes a PHYPayload exactly as `decode_phy_payload` reads it.
// Failures: fopts_length_mismatch (more than 15 bytes of FOpts), fopts_with_fport_zero,
// bad_length (join-accept not 16 or 32 bytes), unknown_rejoin_type, too_long.
auto encode_phy_payload(const PhyPayload& frame) -> Result<Bytes, FrameError>;

// The MType of a PHYPayload value.
auto m_type_of(const PhyPayload& frame) -> MType;

// The bytes every MIC covers: the whole frame but its last four bytes (precondition: size >= 4).
inline auto mic_input(ByteView phy_payload) -> ByteView {
    return phy_payload.first(phy_payload.size() - mic_size);
}

}  // namespace hortillon::lorawan
