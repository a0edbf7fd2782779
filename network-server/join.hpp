#pragma once
// OTAA: checking a join-request and building the join-accept and the new session
// (LoRaWAN 1.0.x §6.2, 1.1 §6.2). Pure: the caller loads the device and its nonce history,
// allocates the DevAddr and the JoinNonce, and stores the outcome.
//
// Steps: verify MIC -> (the store accepts the DevNonce) -> derive session keys -> build and
// encrypt the join-accept. The DevNonce rule is checked and recorded in one store transaction.

#include <optional>

#include "lorawan/crypto/session_keys.hpp"
#include "lorawan/join_accept.hpp"
#include "lorawan/mac_version.hpp"
#include "lorawan/phy_payload.hpp"
#include "lorawan/result.hpp"
#include "network-server/uplink_rejection.hpp"

namespace hortillon::network_server {

// The root keys and version of an OTAA device. In 1.1 `nwk_key` signs the join; when a 1.1
// device was provisioned with one key only, it serves as both AppKey and NwkKey.
struct OtaaDevice {
    lorawan::Eui64 dev_eui;
    lorawan::Eui64 join_eui;
    lorawan::AesKey app_key;
    std::optional<lorawan::AesKey> nwk_key;
    lorawan::MacVersion mac_version = lorawan::MacVersion::v1_0_3;
};

// Verifies the join-request MIC with the device's AppKey (1.0) or NwkKey (1.1).
auto verify_join_request(const OtaaDevice& device, lorawan::ByteView phy_payload) -> bool;

// What the network decided for this join.
struct JoinAcceptPlan {
    lorawan::JoinNonce join_nonce;
    lorawan::NetId net_id;
    lorawan::DevAddr dev_addr;
    std::uint8_t rx1_dr_offset = 0;
    std::uint8_t rx2_dr = 0;
    std::uint8_t rx_delay_seconds = 1;
    std::optional<lorawan::CfList> cf_list;
};

struct JoinAnswer {
    lorawan::Bytes join_accept;  // the PHYPayload to send
    lorawan::SessionKeys session_keys;
    bool lorawan_1_1 = false;  // OptNeg was set: the session uses 1.1 keys and counters
};

// Builds the join-accept and the session keys. Precondition: MIC and DevNonce were checked.
auto answer_join_request(const OtaaDevice& device, const lorawan::JoinRequest& request,
                         const JoinAcceptPlan& plan) -> JoinAnswer;

// Rejoin-requests (1.1 §6.2.4). Type 1 is signed with JSIntKey (from NwkKey); types 0 and 2 with
// the current session's SNwkSIntKey, which the caller checks.
auto verify_rejoin_type_1(const OtaaDevice& device, lorawan::ByteView phy_payload) -> bool;

// The join-accept answering a rejoin-request of a 1.1 device: encrypted with JSEncKey, MIC with
// JSIntKey over the rejoin type, the device's JoinEUI and RJcount, which also takes the
// DevNonce's place in the key derivation. Precondition: MIC and RJcount were checked.
auto answer_rejoin_request(const OtaaDevice& device, const lorawan::RejoinRequest& request,
                           const JoinAcceptPlan& plan) -> JoinAnswer;

}  // namespace hortillon::network_server
