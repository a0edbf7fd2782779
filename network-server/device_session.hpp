#pragma once
// The network server's state of one activated device: keys, counters and receive settings.

#include <optional>

#include "lorawan/crypto/session_keys.hpp"
#include "lorawan/identifiers.hpp"
#include "lorawan/mac/force_rejoin.hpp"
#include "lorawan/mac_version.hpp"
#include "network-server/mac/mac_state.hpp"
#include "network-server/receive_windows.hpp"

namespace hortillon::network_server {

// A ForceRejoinReq to send, how often it went out and when last.
struct ForceRejoinState {
    lorawan::ForceRejoinReq request;
    std::uint8_t sends = 0;
    std::optional<SystemTime> last_sent_at;
};

struct DeviceSession {
    lorawan::Eui64 dev_eui;
    lorawan::DevAddr dev_addr;
    lorawan::MacVersion mac_version = lorawan::MacVersion::v1_0_3;
    bool lorawan_1_1 = false;  // 1.1 session keys and counters (OptNeg, or a 1.1 ABP device)
    lorawan::SessionKeys keys;
    std::optional<std::uint32_t> last_f_cnt_up;  // nullopt until the first uplink
    std::uint32_t n_f_cnt_down = 0;  // next NFCntDown; the only downlink counter in 1.0.x
    std::uint32_t a_f_cnt_down = 0;  // next AFCntDown (1.1)
    // The downlink counter of a confirmed downlink awaiting the device's ACK (1.1 uplink MIC).
    std::optional<std::uint32_t> pending_confirmed_f_cnt_down;
    RxSettings rx;
    // What the server believes the device's MAC layer uses (channels, DR, power, pending
    // requests, ADR history); persisted with the counters.
    DeviceMacState mac;
    // A ForceRejoinReq an operator asked for (1.1), until the device rejoins.
    std::optional<ForceRejoinState> force_rejoin;

    // The next FCntUp this session expects (0 before the first uplink).
    [[nodiscard]] auto next_f_cnt_up() const -> std::uint32_t {
        return last_f_cnt_up ? *last_f_cnt_up + 1 : 0;
    }
};

}  // namespace hortillon::network_server
