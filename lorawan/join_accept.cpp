#include "lorawan/join_accept.hpp"

#include <algorithm>

#include "lorawan/crypto/aes128.hpp"
#include "lorawan/crypto/cmac.hpp"

namespace hortillon::lorawan {

namespace {
constexpr std::uint8_t join_accept_mhdr = static_cast<std::uint8_t>(MType::join_accept) << 5;
constexpr std::size_t fields_size = 12;  // JoinNonce .. RxDelay

// MHDR | JoinNonce | NetID | DevAddr | DLSettings | RxDelay | CFList
auto plaintext_with_mhdr(const JoinAccept& accept) -> Bytes {
    Bytes out{join_accept_mhdr};
    append_u24_le(out, accept.join_nonce.value);
    append(out, accept.net_id.to_le_bytes());
    append(out, accept.dev_addr.to_le_bytes());
    out.push_back(accept.dl_settings.to_byte());
    out.push_back(accept.rx_delay);
    if (accept.cf_list)
        append(out, *accept.cf_list);
    return out;
}

auto parse_fields(ByteView plain) -> JoinAccept {
    JoinAccept accept;
    accept.join_nonce = JoinNonce{read_u24_le(plain, 0)};
    accept.net_id = NetId::from_le_bytes(plain.subspan(3, 3));
    accept.dev_addr = DevAddr::from_le_bytes(plain.subspan(6, 4));
    accept.dl_settings = DlSettings::from_byte(plain[10]);
    accept.rx_delay = plain[11];
    if (plain.size() >= fields_size + 16) {
        CfList cf_list{};
        std::copy_n(plain.begin() + fields_size, cf_list.size(), cf_list.begin());
        accept.cf_list = cf_list;
    }
    return accept;
}

// Applies one AES direction block by block (ECB) over 16 or 32 bytes.
auto ecb(const Aes128& cipher, ByteView data, bool decrypt) -> Bytes {
    Bytes out;
    for (std::size_t offset = 0; offset + 16 <= data.size(); offset += 16) {
        AesBlock block{};
        std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(offset), 16, block.begin());
        append(out, decrypt ? cipher.decrypt_block(block) : cipher.encrypt_block(block));
    }
    return out;
}
}  // namespace

auto DlSettings::from_byte(std::uint8_t byte) -> DlSettings {
    return DlSettings{
        .opt_neg = (byte & 0x80) != 0,
        .rx1_dr_offset = static_cast<std::uint8_t>((byte >> 4) & 0x07),
        .rx2_data_rate = static_cast<std::uint8_t>(byte & 0x0f),
    };
}

auto DlSettings::to_byte() const -> std::uint8_t {
    return static_cast<std::uint8_t>((opt_neg ? 0x80 : 0x00) | ((rx1_dr_offset & 0x07) << 4) |
                                     (rx2_data_rate & 0x0f));
}

auto compute_join_accept_mic(const JoinAccept& accept, const JoinAcceptMicKey& mic_key) -> Mic {
    const Bytes plain = plaintext_with_mhdr(accept);
    const CmacContext cmac(mic_key.key);
    if (!mic_key.opt_neg)
        return mic_from_tag(cmac.compute({plain}));
    Bytes prefix{static_cast<std::uint8_t>(mic_key.opt_neg->join_request_type)};
    append(prefix, mic_key.opt_neg->join_eui.to_le_bytes());
    append_u16_le(prefix, mic_key.opt_neg->dev_nonce.value);
    return mic_from_tag(cmac.compute({prefix, plain}));
}

auto encrypt_join_accept(const JoinAccept& accept, const JoinAcceptMicKey& mic_key,
                         const AesKey& encryption_key) -> Bytes {
    Bytes plain = plaintext_with_mhdr(accept);
    const Mic mic = compute_join_accept_mic(accept, mic_key);
    plain.insert(plain.end(), mic.begin(), mic.end());
    Bytes out{join_accept_mhdr};
    append(out, ecb(Aes128(encryption_key), ByteView(plain).subspan(mhdr_size), true));
    return out;
}

auto decrypt_join_accept(ByteView phy_payload, const AesKey& encryption_key)
    -> Result<DecryptedJoinAccept, FrameError> {
    auto decoded = decode_phy_payload(phy_payload);
    if (!decoded)
        return Unexpected{decoded.error()};
    const auto* encrypted = std::get_if<EncryptedJoinAccept>(&*decoded);
    if (encrypted == nullptr)
        return Unexpected{FrameError::wrong_direction};
    const Bytes plain = ecb(Aes128(encryption_key), encrypted->encrypted, false);
    DecryptedJoinAccept result{.accept = parse_fields(ByteView(plain).first(plain.size() - 4))};
    std::copy(plain.end() - 4, plain.end(), result.mic.begin());
    return result;
}

auto verify_join_accept_mic(const DecryptedJoinAccept& decrypted, const JoinAcceptMicKey& mic_key)
    -> bool {
    return mic_equal(compute_join_accept_mic(decrypted.accept, mic_key), decrypted.mic);
}

auto compute_request_mic(const AesKey& key, ByteView phy_payload) -> Mic {
    return mic_from_tag(CmacContext(key).compute({mic_input(phy_payload)}));
}

auto verify_request_mic(const AesKey& key, ByteView phy_payload) -> bool {
    if (phy_payload.size() < mic_size)
        return false;
    Mic received{};
    std::copy(phy_payload.end() - 4, phy_payload.end(), received.begin());
    return mic_equal(compute_request_mic(key, phy_payload), received);
}

}  // namespace hortillon::lorawan
