#include "lorawan/crypto/data_frame_crypto.hpp"

#include <algorithm>

namespace hortillon::lorawan {

namespace {
constexpr std::uint8_t a_block_tag = 0x01;
constexpr std::uint8_t b_block_tag = 0x49;

// Fills bytes 5..14 common to the A and B blocks: Dir | DevAddr | FCnt | 00.
void fill_frame_fields(AesBlock& block, Direction direction, DevAddr dev_addr,
                       std::uint32_t f_cnt) {
    block[5] = static_cast<std::uint8_t>(direction);
    const auto addr = dev_addr.to_le_bytes();
    std::copy(addr.begin(), addr.end(), block.begin() + 6);
    for (int i = 0; i < 4; ++i)
        block[10 + i] = static_cast<std::uint8_t>(f_cnt >> (8 * i));
    block[14] = 0x00;
}

auto b_block(Direction direction, DevAddr dev_addr, std::uint32_t f_cnt,
             const MicBlockFields& fields, std::size_t msg_size) -> AesBlock {
    AesBlock block{};
    block[0] = b_block_tag;
    block[1] = static_cast<std::uint8_t>(fields.conf_f_cnt);
    block[2] = static_cast<std::uint8_t>(fields.conf_f_cnt >> 8);
    block[3] = fields.tx_dr;
    block[4] = fields.tx_ch;
    fill_frame_fields(block, direction, dev_addr, f_cnt);
    block[15] = static_cast<std::uint8_t>(msg_size);
    return block;
}

// XOR with the keystream of blocks whose bytes 0..14 are `a_block` and byte 15 counts from 1.
// All blocks go through AES in one call: a LoRa frame holds at most 16 of them.
auto xor_keystream(const Aes128& key, const AesBlock& a_block, ByteView payload) -> Bytes {
    Bytes out(payload.begin(), payload.end());
    constexpr std::size_t max_blocks = 16;
    std::array<std::uint8_t, max_blocks * 16> blocks;  // filled below, as far as used
    std::array<std::uint8_t, max_blocks * 16> stream;
    for (std::size_t done = 0; done < out.size(); done += blocks.size()) {
        const std::size_t remaining = out.size() - done;
        const std::size_t count = std::min(max_blocks, (remaining + 15) / 16);
        for (std::size_t i = 0; i < count; ++i) {
            std::copy(a_block.begin(), a_block.end() - 1, blocks.begin() + i * 16);
            blocks[i * 16 + 15] = static_cast<std::uint8_t>(done / 16 + i + 1);
        }
        key.encrypt_blocks(ByteView(blocks).first(count * 16), std::span(stream).first(count * 16));
        const std::size_t n = std::min(remaining, count * 16);
        for (std::size_t i = 0; i < n; ++i)
            out[done + i] ^= stream[i];
    }
    return out;
}

auto first_two(const CmacTag& tag) -> std::array<std::uint8_t, 2> {
    return {tag[0], tag[1]};
}
}  // namespace

auto encrypt_frm_payload(const Aes128& key, Direction direction, DevAddr dev_addr,
                         std::uint32_t f_cnt, ByteView payload) -> Bytes {
    AesBlock a_block{};
    a_block[0] = a_block_tag;
    fill_frame_fields(a_block, direction, dev_addr, f_cnt);
    return xor_keystream(key, a_block, payload);
}

auto encrypt_f_opts(const Aes128& nwk_s_enc_key, Direction direction, DevAddr dev_addr,
                    std::uint32_t f_cnt, FOptsCounter counter, ByteView f_opts) -> Bytes {
    AesBlock a_block{};
    a_block[0] = a_block_tag;
    a_block[4] = static_cast<std::uint8_t>(counter);
    fill_frame_fields(a_block, direction, dev_addr, f_cnt);
    // FOpts hold at most 15 bytes: one block, whose counter byte is 01.
    return xor_keystream(nwk_s_enc_key, a_block, f_opts);
}

NetworkSessionCrypto::NetworkSessionCrypto(const SessionKeys& keys, bool lorawan_1_1)
    : f_nwk_s_int_key_(keys.f_nwk_s_int_key),
      nwk_s_enc_key_(keys.nwk_s_enc_key, AesUse::encrypt_only) {
    if (lorawan_1_1)
        s_nwk_s_int_key_.emplace(keys.s_nwk_s_int_key);
}

auto NetworkSessionCrypto::uplink_mic(ByteView msg, DevAddr dev_addr, std::uint32_t f_cnt,
                                      const MicBlockFields& fields) const -> Mic {
    const AesBlock b0 = b_block(Direction::uplink, dev_addr, f_cnt, {}, msg.size());
    const CmacTag cmac_f = f_nwk_s_int_key_.compute({b0, msg});
    if (!s_nwk_s_int_key_)
        return mic_from_tag(cmac_f);
    const AesBlock b1 = b_block(Direction::uplink, dev_addr, f_cnt, fields, msg.size());
    const auto cmac_s = first_two(s_nwk_s_int_key_->compute({b1, msg}));
    return {cmac_s[0], cmac_s[1], cmac_f[0], cmac_f[1]};
}

auto NetworkSessionCrypto::downlink_mic(ByteView msg, DevAddr dev_addr, std::uint32_t f_cnt,
                                        std::uint16_t conf_f_cnt) const -> Mic {
    MicBlockFields fields;
    const CmacContext* key = &f_nwk_s_int_key_;
    if (s_nwk_s_int_key_) {
        fields.conf_f_cnt = conf_f_cnt;
        key = &*s_nwk_s_int_key_;
    }
    const AesBlock b0 = b_block(Direction::downlink, dev_addr, f_cnt, fields, msg.size());
    return mic_from_tag(key->compute({b0, msg}));
}

auto NetworkSessionCrypto::crypt_f_opts(Direction direction, DevAddr dev_addr, std::uint32_t f_cnt,
                                        FOptsCounter counter, ByteView f_opts) const -> Bytes {
    if (!lorawan_1_1())
        return Bytes(f_opts.begin(), f_opts.end());
    return encrypt_f_opts(nwk_s_enc_key_, direction, dev_addr, f_cnt, counter, f_opts);
}

auto NetworkSessionCrypto::crypt_mac_payload(Direction direction, DevAddr dev_addr,
                                             std::uint32_t f_cnt, ByteView payload) const -> Bytes {
    return encrypt_frm_payload(nwk_s_enc_key_, direction, dev_addr, f_cnt, payload);
}

}  // namespace hortillon::lorawan
