#pragma once
// From a plaintext data frame to the bytes on air, and the checks of a received one.
// Sealing runs the steps in the only valid order: encrypt FOpts (1.1) and FRMPayload, encode,
// then compute the MIC over the encrypted bytes, so a frame cannot leave with a stale MIC.

#include <cstdint>
#include <optional>

#include "lorawan/bytes.hpp"
#include "lorawan/crypto/data_frame_crypto.hpp"
#include "lorawan/phy_payload.hpp"
#include "lorawan/result.hpp"

namespace hortillon::lorawan {

// A data frame before encryption, with the full 32-bit counter.
struct PlainDataFrame {
    MType m_type = MType::unconfirmed_data_up;
    DevAddr dev_addr;
    FCtrl f_ctrl;
    std::uint32_t f_cnt = 0;
    Bytes f_opts;  // plaintext MAC commands
    std::optional<std::uint8_t> f_port;
    Bytes frm_payload;  // plaintext
};

// Encrypts and signs `frame`. `app_s_key` is needed when FPort > 0 and there is a payload.
// `fields` carries ConfFCnt (set it only when the ACK bit is set) and, for 1.1 uplinks, TxDr/TxCh.
// Failures: fopts_length_mismatch, fopts_with_fport_zero, too_long, bad_length (FRMPayload
// without FPort, or application payload without an AppSKey).
auto seal_data_frame(const PlainDataFrame& frame, const NetworkSessionCrypto& network,
                     const Aes128* app_s_key, const MicBlockFields& fields)
    -> Result<Bytes, FrameError>;

// Checks the MIC of a received data frame. `phy_payload` is the frame as received, `frame` its
// decoded form and `f_cnt` the reconstructed 32-bit counter.
auto verify_data_frame_mic(const NetworkSessionCrypto& network, ByteView phy_payload,
                           const DataFrame& frame, std::uint32_t f_cnt,
                           const MicBlockFields& fields) -> bool;

// The FOpts counter a 1.1 frame uses for FOpts encryption (erratum): X = 2 only for downlinks
// with FPort > 0.
auto f_opts_counter(Direction direction, std::optional<std::uint8_t> f_port) -> FOptsCounter;

}  // namespace hortillon::lorawan
