#pragma once
// A data uplink against the device sessions that share its DevAddr: which session it belongs to
// (the MIC decides), its 32-bit counter, and the MAC commands it carries.

#include <cstddef>
#include <span>

#include "lorawan/f_cnt.hpp"
#include "lorawan/mac/mac_commands.hpp"
#include "lorawan/phy_payload.hpp"
#include "lorawan/result.hpp"
#include "network-server/device_session.hpp"
#include "network-server/session_crypto_cache.hpp"
#include "network-server/uplink_rejection.hpp"

namespace hortillon::network_server {

// Radio facts the 1.1 uplink MIC covers (B1 block).
struct UplinkChannel {
    std::uint8_t dr = 0;
    std::uint8_t channel_index = 0;
};

struct SessionMatch {
    std::size_t index = 0;  // into the candidates
    std::uint32_t f_cnt = 0;
    lorawan::FCntVerdict verdict = lorawan::FCntVerdict::fresh;  // fresh or retransmission
};

// Why no session took the frame, and whose it was when that is known (its keys verified the
// MIC, but the counter was refused).
struct SessionMismatch {
    UplinkRejection reason = UplinkRejection::mic_mismatch;
    std::optional<std::size_t> index;  // into the candidates

    friend auto operator==(const SessionMismatch& mismatch, UplinkRejection reason) -> bool {
        return mismatch.reason == reason;
    }
};

// Finds the candidate whose keys verify the MIC, widens FCnt and classifies it.
// Fails: unknown_dev_addr (no candidates), mic_mismatch (none verifies), f_cnt_replay,
// f_cnt_gap_too_large (devices before 1.0.4).
auto match_session(const lorawan::DataFrame& frame, lorawan::ByteView phy_payload,
                   std::span<const DeviceSession> candidates, const UplinkChannel& channel,
                   SessionCryptoCache& crypto) -> Result<SessionMatch, SessionMismatch>;

// The MAC commands of a verified uplink: FOpts (decrypted in 1.1), or an FPort 0 FRMPayload.
auto uplink_mac_commands(const lorawan::DataFrame& frame, const DeviceSession& session,
                         std::uint32_t f_cnt, SessionCryptoCache& crypto) -> lorawan::MacCommands;

}  // namespace hortillon::network_server
