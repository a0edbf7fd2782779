#pragma once
// The simulated devices of the load generator. Every identifier and key follows from a device's
// index, so the CSV that provisions the store and the generator that plays the devices agree
// without sharing a file. The keys are arbitrary test values, not secrets.
//
//   ABP device i:   DevEUI 70b3d57ed0000000 + i, DevAddr 26000000 + i, LoRaWAN 1.0.x
//   OTAA device i:  DevEUI 70b3d57ed1000000 + i, JoinEUI 70b3d57ed1ffffff, AppKey per index

#include <cstdint>
#include <iosfwd>
#include <optional>

#include "lorawan/bytes.hpp"
#include "lorawan/crypto/aes128.hpp"
#include "lorawan/crypto/data_frame_crypto.hpp"
#include "lorawan/identifiers.hpp"

namespace hortillon::bench {

enum class Activation : std::uint8_t { abp, otaa };

auto dev_eui_of(Activation activation, std::uint64_t index) -> lorawan::Eui64;
// The index of a DevEUI of this fleet; nullopt for any other DevEUI.
auto index_of(Activation activation, lorawan::Eui64 dev_eui) -> std::optional<std::uint64_t>;
auto abp_dev_addr_of(std::uint64_t index) -> lorawan::DevAddr;
// The index of an ABP DevAddr of this fleet; nullopt for any other DevAddr.
auto abp_index_of(lorawan::DevAddr dev_addr) -> std::optional<std::uint64_t>;
auto abp_nwk_s_key_of(std::uint64_t index) -> lorawan::AesKey;
auto abp_app_s_key_of(std::uint64_t index) -> lorawan::AesKey;
// The network session of ABP device `index` (LoRaWAN 1.0.x: NwkSKey for every network role).
auto abp_network_crypto_of(std::uint64_t index) -> lorawan::NetworkSessionCrypto;
auto otaa_join_eui() -> lorawan::Eui64;
auto otaa_app_key_of(std::uint64_t index) -> lorawan::AesKey;

// `hortillon device import` CSV for devices [first, first + count).
void write_abp_csv(std::ostream& out, std::uint64_t first, std::uint64_t count);
void write_otaa_csv(std::ostream& out, std::uint64_t first, std::uint64_t count);

// The FPort and plaintext of a Milesight EM310-UDL uplink (battery, distance, position), the
// distance varying with the frame counter so that the codec decodes distinct values.
inline constexpr std::uint8_t em310_f_port = 85;
auto em310_payload(std::uint32_t f_cnt) -> lorawan::Bytes;

// One ABP device with its keyed contexts, built once: sealing a frame then costs two AES calls
// and one CMAC, as on a real device.
class AbpDevice {
  public:
    explicit AbpDevice(std::uint64_t index);

    // A sealed EM310-UDL data uplink with counter `f_cnt`, carrying `f_opts` (MAC answers;
    // LoRaWAN 1.0.x sends them in clear). Throws std::invalid_argument for more than 15 bytes.
    [[nodiscard]] auto uplink(std::uint32_t f_cnt, bool confirmed, lorawan::ByteView f_opts) const
        -> lorawan::Bytes;

  private:
    lorawan::DevAddr dev_addr_;
    lorawan::NetworkSessionCrypto network_;
    lorawan::Aes128 app_;
};

// A join-request of OTAA device `index` with `dev_nonce`, MIC computed with its AppKey (1.0.x).
auto join_request_of(std::uint64_t index, lorawan::DevNonce dev_nonce) -> lorawan::Bytes;

// The gateway's view of what the server sent back, checked as the device would check it.
// A join-accept for OTAA device `index`: decrypts with its AppKey and the MIC verifies (1.0.x).
auto is_join_accept_for(std::uint64_t index, lorawan::ByteView phy_payload) -> bool;

}  // namespace hortillon::bench
