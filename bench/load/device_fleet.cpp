#include "bench/load/device_fleet.hpp"

#include <algorithm>
#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

#include "lorawan/data_frame_seal.hpp"
#include "lorawan/join_accept.hpp"
#include "lorawan/phy_payload.hpp"

namespace hortillon::bench {

using namespace lorawan;

namespace {
constexpr std::uint64_t abp_dev_eui_base = 0x70b3d57ed0000000;
constexpr std::uint64_t otaa_dev_eui_base = 0x70b3d57ed1000000;
constexpr std::uint64_t fleet_size_limit = 0x00ffffff;  // indexes stay inside one base
constexpr std::uint32_t abp_dev_addr_base = 0x26000000;

// Distinct keys per index and role; any bytes do, as long as both sides compute the same.
auto key_of(std::uint64_t index, std::uint8_t role) -> AesKey {
    AesKey key;
    std::uint64_t state = (index + 1) * 0x9e3779b97f4a7c15ULL ^ role;
    for (auto& byte : key.bytes) {
        state ^= state >> 29;
        state *= 0xbf58476d1ce4e5b9ULL;
        byte = static_cast<std::uint8_t>(state >> 56);
    }
    return key;
}

constexpr std::uint8_t nwk_s_key_role = 1;
constexpr std::uint8_t app_s_key_role = 2;
constexpr std::uint8_t app_key_role = 3;

auto abp_session_keys(std::uint64_t index) -> SessionKeys {
    const AesKey nwk_s_key = abp_nwk_s_key_of(index);
    return SessionKeys{nwk_s_key, nwk_s_key, nwk_s_key, abp_app_s_key_of(index)};
}
}  // namespace

auto dev_eui_of(Activation activation, std::uint64_t index) -> Eui64 {
    return Eui64{(activation == Activation::abp ? abp_dev_eui_base : otaa_dev_eui_base) + index};
}

auto index_of(Activation activation, Eui64 dev_eui) -> std::optional<std::uint64_t> {
    const std::uint64_t base = activation == Activation::abp ? abp_dev_eui_base : otaa_dev_eui_base;
    if (dev_eui.value < base || dev_eui.value - base >= fleet_size_limit)
        return std::nullopt;
    return dev_eui.value - base;
}

auto abp_dev_addr_of(std::uint64_t index) -> DevAddr {
    return DevAddr{static_cast<std::uint32_t>(abp_dev_addr_base + index)};
}

auto abp_index_of(DevAddr dev_addr) -> std::optional<std::uint64_t> {
    if (dev_addr.value < abp_dev_addr_base ||
        dev_addr.value - abp_dev_addr_base >= fleet_size_limit)
        return std::nullopt;
    return dev_addr.value - abp_dev_addr_base;
}

auto abp_nwk_s_key_of(std::uint64_t index) -> AesKey {
    return key_of(index, nwk_s_key_role);
}

auto abp_app_s_key_of(std::uint64_t index) -> AesKey {
    return key_of(index, app_s_key_role);
}

auto abp_network_crypto_of(std::uint64_t index) -> NetworkSessionCrypto {
    return NetworkSessionCrypto(abp_session_keys(index), false);
}

auto otaa_join_eui() -> Eui64 {
    return Eui64{otaa_dev_eui_base + fleet_size_limit};
}

auto otaa_app_key_of(std::uint64_t index) -> AesKey {
    return key_of(index, app_key_role);
}

void write_abp_csv(std::ostream& out, std::uint64_t first, std::uint64_t count) {
    out << "dev_eui,name,dev_addr,nwk_s_key,app_s_key\n";
    for (std::uint64_t index = first; index < first + count; ++index) {
        out << dev_eui_of(Activation::abp, index).to_string() << ",bench-abp-" << index << ','
            << abp_dev_addr_of(index).to_string() << ',' << abp_nwk_s_key_of(index).to_hex_secret()
            << ',' << abp_app_s_key_of(index).to_hex_secret() << '\n';
    }
}

void write_otaa_csv(std::ostream& out, std::uint64_t first, std::uint64_t count) {
    out << "dev_eui,name,join_eui,app_key\n";
    for (std::uint64_t index = first; index < first + count; ++index) {
        out << dev_eui_of(Activation::otaa, index).to_string() << ",bench-otaa-" << index << ','
            << otaa_join_eui().to_string() << ',' << otaa_app_key_of(index).to_hex_secret() << '\n';
    }
}

auto em310_payload(std::uint32_t f_cnt) -> Bytes {
    // Channel 1 battery (%), channel 3 distance (mm, u16 LE), channel 4 position (0 normal).
    const auto distance = static_cast<std::uint16_t>(300 + f_cnt % 4000);
    return Bytes{0x01,
                 0x75,
                 0x5c,
                 0x03,
                 0x82,
                 static_cast<std::uint8_t>(distance),
                 static_cast<std::uint8_t>(distance >> 8),
                 0x04,
                 0x00,
                 0x00};
}

AbpDevice::AbpDevice(std::uint64_t index)
    : dev_addr_(abp_dev_addr_of(index)),
      network_(abp_session_keys(index), false),
      app_(abp_app_s_key_of(index)) {}

auto AbpDevice::uplink(std::uint32_t f_cnt, bool confirmed, ByteView f_opts) const -> Bytes {
    const PlainDataFrame frame{
        .m_type = confirmed ? MType::confirmed_data_up : MType::unconfirmed_data_up,
        .dev_addr = dev_addr_,
        .f_ctrl = FCtrl{.adr = false,
                        .adr_ack_req = false,
                        .ack = false,
                        .class_b = false,
                        .f_pending = false},
        .f_cnt = f_cnt,
        .f_opts = Bytes(f_opts.begin(), f_opts.end()),
        .f_port = em310_f_port,
        .frm_payload = em310_payload(f_cnt)};
    auto sealed = seal_data_frame(frame, network_, &app_, {});
    // Only FOpts over 15 bytes can make it fail: a caller's mistake, not a device's behaviour.
    if (!sealed)
        throw std::invalid_argument("uplink FOpts of " + std::to_string(f_opts.size()) +
                                    " bytes do not fit (at most 15)");
    return std::move(*sealed);
}

auto join_request_of(std::uint64_t index, DevNonce dev_nonce) -> Bytes {
    Bytes phy = *encode_phy_payload(
        JoinRequest{otaa_join_eui(), dev_eui_of(Activation::otaa, index), dev_nonce, {}});
    const Mic mic = compute_request_mic(otaa_app_key_of(index), phy);
    std::copy(mic.begin(), mic.end(), phy.end() - 4);
    return phy;
}

auto is_join_accept_for(std::uint64_t index, ByteView phy_payload) -> bool {
    const AesKey app_key = otaa_app_key_of(index);
    auto decrypted = decrypt_join_accept(phy_payload, app_key);
    return decrypted && verify_join_accept_mic(*decrypted, JoinAcceptMicKey{app_key, {}});
}

}  // namespace hortillon::bench
