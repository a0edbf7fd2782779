#pragma once
// Data-frame cryptography: FRMPayload and 1.1 FOpts encryption (§4.3.3, §4.3.1.6 with the
// "FOpts encryption, usage of FCntDwn" erratum) and the data MIC (1.0 §4.4, 1.1 §4.4).
//
//   Ai = 01 | 00 00 00 00 | Dir | DevAddr(LE) | FCnt(LE32) | 00 | i          FRMPayload
//   A  = 01 | 00 00 00 | X | Dir | DevAddr(LE) | FCnt(LE32) | 00 | 01       1.1 FOpts
//   B0 = 49 | ConfFCnt(LE16) | TxDr | TxCh | Dir | DevAddr(LE) | FCnt(LE32) | 00 | len(msg)
//
// In 1.0 (and in the 1.1 B0 block) ConfFCnt, TxDr and TxCh are zero; the 1.1 uplink B1 block
// carries them. FCnt is always the full 32-bit counter.

#include <cstdint>
#include <optional>

#include "lorawan/bytes.hpp"
#include "lorawan/crypto/aes128.hpp"
#include "lorawan/crypto/cmac.hpp"
#include "lorawan/crypto/session_keys.hpp"
#include "lorawan/direction.hpp"
#include "lorawan/identifiers.hpp"

namespace hortillon::lorawan {

// XORs `payload` with the AES keystream of the Ai blocks; the same call encrypts and decrypts.
auto encrypt_frm_payload(const Aes128& key, Direction direction, DevAddr dev_addr,
                         std::uint32_t f_cnt, ByteView payload) -> Bytes;

// Which downlink counter a 1.1 FOpts block names (the erratum's X byte).
enum class FOptsCounter : std::uint8_t {
    f_cnt_up_or_n_f_cnt_down = 0x01,  // uplinks, and downlinks with FPort absent or 0
    a_f_cnt_down = 0x02,              // downlinks with FPort > 0
};

// Encrypts or decrypts 1.1 FOpts (at most 15 bytes) under NwkSEncKey.
auto encrypt_f_opts(const Aes128& nwk_s_enc_key, Direction direction, DevAddr dev_addr,
                    std::uint32_t f_cnt, FOptsCounter counter, ByteView f_opts) -> Bytes;

// The per-frame values the 1.1 MIC blocks carry besides DevAddr and FCnt.
struct MicBlockFields {
    std::uint16_t conf_f_cnt = 0;  // counter of the acknowledged frame, mod 2^16, if ACK is set
    std::uint8_t tx_dr = 0;        // uplink data rate index (1.1 uplink B1 only)
    std::uint8_t tx_ch = 0;        // uplink channel index (1.1 uplink B1 only)
};

// The keyed contexts of one network session, built once and reused for every frame.
// A 1.0.x session keys one context; 1.1 keys three.
class NetworkSessionCrypto {
  public:
    NetworkSessionCrypto(const SessionKeys& keys, bool lorawan_1_1);

    [[nodiscard]] auto lorawan_1_1() const -> bool { return s_nwk_s_int_key_.has_value(); }

    // MIC of an uplink `msg` (the frame without its MIC). 1.0: CMAC(NwkSKey, B0|msg)[0..3];
    // 1.1: CMAC(SNwkSIntKey, B1|msg)[0..1] | CMAC(FNwkSIntKey, B0|msg)[0..1].
    [[nodiscard]] auto uplink_mic(ByteView msg, DevAddr dev_addr, std::uint32_t f_cnt,
                                  const MicBlockFields& fields) const -> Mic;
    // MIC of a downlink `msg`: CMAC(SNwkSIntKey, B0|msg)[0..3], ConfFCnt only in 1.1.
    [[nodiscard]] auto downlink_mic(ByteView msg, DevAddr dev_addr, std::uint32_t f_cnt,
                                    std::uint16_t conf_f_cnt) const -> Mic;

    // Encrypts or decrypts FOpts in 1.1; returns them unchanged in 1.0.x, where they are clear.
    [[nodiscard]] auto crypt_f_opts(Direction direction, DevAddr dev_addr, std::uint32_t f_cnt,
                                    FOptsCounter counter, ByteView f_opts) const -> Bytes;
    // Encrypts or decrypts an FPort-0 FRMPayload (MAC commands) under NwkSKey / NwkSEncKey.
    [[nodiscard]] auto crypt_mac_payload(Direction direction, DevAddr dev_addr, std::uint32_t f_cnt,
                                         ByteView payload) const -> Bytes;

  private:
    CmacContext f_nwk_s_int_key_;                 // NwkSKey in 1.0.x
    std::optional<CmacContext> s_nwk_s_int_key_;  // 1.1 only
    Aes128 nwk_s_enc_key_;                        // NwkSKey in 1.0.x
};

}  // namespace hortillon::lorawan
