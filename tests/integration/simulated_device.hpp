#pragma once
// The device side of the integration tests: a LoRaWAN end device that builds join-requests and
// uplinks with the protocol core and checks, decrypts and verifies what the server sends back.

#include <optional>

#include "lorawan/crypto/session_keys.hpp"
#include "lorawan/data_frame_seal.hpp"
#include "lorawan/join_accept.hpp"
#include "lorawan/mac_version.hpp"

namespace hortillon::test_support {

struct DeviceDownlink {
    lorawan::DataFrame frame;
    std::uint32_t f_cnt = 0;
    lorawan::Bytes f_opts;   // decrypted
    lorawan::Bytes payload;  // decrypted FRMPayload
};

class SimulatedDevice {
  public:
    SimulatedDevice(lorawan::Eui64 dev_eui, lorawan::Eui64 join_eui, lorawan::AesKey app_key,
                    std::optional<lorawan::AesKey> nwk_key, lorawan::MacVersion version);
    // An ABP device, already personalised.
    SimulatedDevice(lorawan::Eui64 dev_eui, lorawan::DevAddr dev_addr, lorawan::SessionKeys keys,
                    lorawan::MacVersion version);

    auto join_request(lorawan::DevNonce dev_nonce) -> lorawan::Bytes;
    // Decrypts and verifies a join-accept as the device does; on success the device is joined.
    // Fails (returns the reason) on a wrong MIC or an undecodable frame.
    auto accept_join(lorawan::ByteView phy_payload) -> std::optional<std::string>;

    // A LoRaWAN 1.1 rejoin-request: types 0 and 2 with NetID and RJcount0, signed with the
    // session's SNwkSIntKey; type 1 with JoinEUI and RJcount1, signed with JSIntKey. The device
    // keeps its session until a join-accept answering it arrives (accept_rejoin).
    auto rejoin_request(std::uint8_t type, lorawan::NetId net_id, std::uint16_t rj_count)
        -> lorawan::Bytes;
    // A join-accept answering the last rejoin-request: JSEncKey, JSIntKey MIC over the rejoin
    // type and RJcount, new keys derived with the RJcount; on success the new session is used.
    auto accept_rejoin(lorawan::ByteView phy_payload) -> std::optional<std::string>;

    // A sealed data uplink with the device's next FCnt (or `f_cnt` when given).
    auto uplink(std::uint8_t f_port, lorawan::Bytes payload, bool confirmed = false,
                std::optional<std::uint32_t> f_cnt = std::nullopt, lorawan::Bytes f_opts = {},
                bool ack = false) -> lorawan::Bytes;

    // Verifies (MIC) and decrypts a downlink addressed to the device; nullopt if the MIC fails.
    auto receive(lorawan::ByteView phy_payload) -> std::optional<DeviceDownlink>;

    [[nodiscard]] auto dev_addr() const -> lorawan::DevAddr { return dev_addr_; }
    [[nodiscard]] auto keys() const -> const lorawan::SessionKeys& { return keys_; }
    [[nodiscard]] auto accepted() const -> const lorawan::JoinAccept& { return accept_; }
    [[nodiscard]] auto next_f_cnt() const -> std::uint32_t { return next_f_cnt_; }
    // The TxDr and TxCh the 1.1 uplink MIC covers (EU868 DR5 on channel 0 by default).
    lorawan::MicBlockFields uplink_fields{.conf_f_cnt = 0, .tx_dr = 5, .tx_ch = 0};

  private:
    lorawan::Eui64 dev_eui_;
    lorawan::Eui64 join_eui_;
    lorawan::AesKey app_key_;
    std::optional<lorawan::AesKey> nwk_key_;
    lorawan::MacVersion version_;
    lorawan::DevNonce last_dev_nonce_;
    lorawan::RejoinRequest last_rejoin_{};
    lorawan::DevAddr dev_addr_;
    lorawan::SessionKeys keys_{};
    bool lorawan_1_1_session_ = false;
    lorawan::JoinAccept accept_{};
    std::uint32_t next_f_cnt_ = 0;
};

}  // namespace hortillon::test_support
