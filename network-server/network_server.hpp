#pragma once
// The network server's flows: one uplink in (after deduplication), decisions and downlinks out.
//
//   on_uplink_frame -> DeduplicationWindow -> on_deadline -> handle_uplink
//     join-request:  find device -> verify MIC -> check DevNonce -> reserve JoinNonce/DevAddr
//                    -> answer -> store session -> send join-accept (RX1, RX2 on TX_ACK error)
//     rejoin (1.1):  find device -> verify MIC (session key or JSIntKey) -> check RJcount
//                    -> reserve -> answer -> store the new session beside the current one, which
//                    it replaces at the device's first uplink with it -> send join-accept
//     data uplink:   find sessions -> match MIC/FCnt -> MAC answers -> store FCnt -> hand on
//                    -> plan downlink (ACK, MAC answers, queued payload) -> send (RX1, else RX2)
//   on_tx_ack:       sent -> done; refused -> next window if any, else report
//
// Time comes in as arguments (`now`); `next_deadline()` tells the event loop when to call
// `on_deadline`. Nothing here touches a socket or a clock.

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "gateway-bridge/datagram.hpp"
#include "gateway-bridge/downlink_frame.hpp"
#include "gateway-bridge/tx_ack.hpp"
#include "lorawan/region/region.hpp"
#include "network-server/adr/default_adr.hpp"
#include "network-server/data_downlink.hpp"
#include "network-server/deduplication_window.hpp"
#include "network-server/mac/uplink_mac_commands.hpp"
#include "network-server/mac_step.hpp"
#include "network-server/network_store.hpp"
#include "network-server/receive_windows.hpp"
#include "network-server/session_crypto_cache.hpp"

namespace hortillon::network_server {

struct NetworkServerSettings {
    lorawan::NetId net_id;
    std::vector<std::uint32_t> extra_channels_hz;  // announced in CFList type 0
    DeduplicationSettings deduplication;
    // Due uplinks handled per on_deadline call, oldest first, in one store transaction; the
    // rest stay due. Bounds the time the event loop spends away from its socket (about 40 ms at
    // 256 on a small machine) while keeping commits few: in load runs at 5,000 uplinks/s, 256
    // kept p99 lower than 64 did.
    std::size_t uplinks_per_deadline = 256;
    std::chrono::milliseconds tx_ack_timeout{3000};
    // The regions served (ids as region::find_region takes them); empty: every region.
    std::vector<std::string> regions;
};

// The gateway side: the UDP bridge implements it.
class DownlinkTransmitter {
  public:
    virtual ~DownlinkTransmitter() = default;
    [[nodiscard]] virtual auto can_transmit(lorawan::Eui64 gateway) const -> bool = 0;
    // Sends a PULL_RESP; the token identifies its TX_ACK. nullopt if it could not be sent.
    virtual auto transmit(lorawan::Eui64 gateway, const gateway_bridge::DownlinkFrame& frame)
        -> std::optional<gateway_bridge::Token> = 0;
};

// A verified data uplink, handed to the application side. FRMPayload is still encrypted.
struct AcceptedUplink {
    lorawan::Eui64 dev_eui;
    lorawan::DevAddr dev_addr;
    std::uint32_t f_cnt = 0;
    std::optional<std::uint8_t> f_port;
    lorawan::Bytes frm_payload;
    // The session's AppSKey, so that the application side decrypts with the session that
    // verified the frame (a rejoin's new session, too) without reading it again.
    lorawan::AesKey app_s_key;
    bool confirmed = false;
    bool adr = false;
    std::uint8_t dr = 0;
    const CollectedUplink* radio = nullptr;  // valid during the call only
};

// What became of a downlink handed to a gateway.
struct DownlinkTxResult {
    lorawan::Eui64 dev_eui;
    std::optional<std::string> downlink_id;  // the queued application payload it carried
    std::uint32_t f_cnt_down = 0;
    lorawan::Eui64 gateway;
    gateway_bridge::TxAckError error = gateway_bridge::TxAckError::none;
};

// The device's answer to a confirmed downlink: ACK bit set in its next uplink, or not.
struct DownlinkAcknowledgement {
    lorawan::Eui64 dev_eui;
    std::string downlink_id;
    std::uint32_t f_cnt_down = 0;
    bool acknowledged = false;
};

// What happened, for logs, counters and application events.
class NetworkEvents {
  public:
    virtual ~NetworkEvents() = default;
    virtual void on_rejected(UplinkRejection reason, const std::string& detail) = 0;
    virtual void on_join(lorawan::Eui64 dev_eui, lorawan::DevAddr dev_addr) = 0;
    // False when the application side could not store the uplink's events: the uplink is then
    // rolled back as if never received (no ACK, counter not advanced), so nothing is lost
    // silently.
    virtual auto on_uplink(const AcceptedUplink& uplink) -> bool = 0;
    virtual void on_downlink_acknowledged(const DownlinkAcknowledgement& acknowledgement) = 0;
    virtual void on_tx_result(const DownlinkTxResult& result) = 0;
    virtual void on_downlink_refused(lorawan::Eui64 dev_eui, const std::string& downlink_id,
                                     DownlinkRefusal reason) = 0;
    // What the device's MAC answers showed (rejections, resets...), for logs and counters.
    virtual void on_mac_findings(lorawan::Eui64 dev_eui, std::span<const MacFinding> findings) = 0;
    // A known device's uplink was refused (wrong MIC, replayed or jumping frame counter), for
    // the device's application; on_rejected follows for the log and counter.
    virtual void on_device_uplink_rejected(lorawan::Eui64 dev_eui, UplinkRejection reason) = 0;
    // A DevStatusAns: battery and link margin, for the `status` event.
    virtual void on_device_status(lorawan::Eui64 dev_eui, const DeviceStatus& status) = 0;
};

class NetworkServer {
  public:
    NetworkServer(NetworkServerSettings settings, NetworkStore& store,
                  DownlinkTransmitter& transmitter, NetworkEvents& events);

    void on_uplink_frame(gateway_bridge::UplinkFrame frame, SteadyTime now);
    void on_tx_ack(gateway_bridge::Token token, const gateway_bridge::TxAck& ack, SteadyTime now);
    // A downlink was queued for a class C device: send it now.
    void on_downlink_queued(lorawan::Eui64 dev_eui, SteadyTime now);

    // When on_deadline is due next; a time not after the last `now` when due uplinks are left
    // over (call again at once, after other work such as reading the socket).
    [[nodiscard]] auto next_deadline() const -> std::optional<SteadyTime>;
    // Handles the TX_ACKs received since the last call and at most `uplinks_per_deadline` due
    // uplinks, oldest first, in one store transaction (their downlinks leave after its commit),
    // then the TX_ACKs that timed out.
    void on_deadline(SteadyTime now, std::chrono::system_clock::time_point utc_now);
    // Before a shutdown: closes every open deduplication window now and handles those uplinks
    // with the TX_ACKs received, as on_deadline would; returns how many uplinks that was.
    // Downlinks waiting for their TX_ACK are not waited for.
    auto drain(SteadyTime now, std::chrono::system_clock::time_point utc_now) -> std::size_t;

  private:
    // A downlink the gateway has not confirmed yet, with the window to fall back to.
    struct InFlight {
        lorawan::Eui64 dev_eui;
        lorawan::Eui64 gateway;
        std::optional<std::string> downlink_id;  // queued application payload carried
        std::uint32_t f_cnt_down = 0;
        bool confirmed = false;
        std::optional<gateway_bridge::DownlinkFrame> fallback;  // RX2 when RX1 is refused
        SteadyTime expires;
    };

    void handle_uplink(const CollectedUplink& uplink, std::chrono::system_clock::time_point utc);
    void handle_join(const lorawan::JoinRequest& request, const CollectedUplink& uplink);
    void handle_rejoin(const lorawan::RejoinRequest& request, const CollectedUplink& uplink);
    // The session whose SNwkSIntKey signed a type 0 or 2 rejoin-request (current or pending).
    auto rejoin_signer(const lorawan::RejoinRequest& request, const CollectedUplink& uplink,
                       const std::string& who) -> std::optional<ActiveDevice>;
    // The region of a join- or rejoin-request's device and the request's data rate; nullopt
    // (and rejected) when the server does not serve the region or the radio does not fit it.
    struct ActivationRadio {
        const lorawan::region::Region* region = nullptr;
        std::uint8_t dr = 0;
    };
    auto activation_radio(const DeviceProfile& profile, const CollectedUplink& uplink,
                          const std::string& who) -> std::optional<ActivationRadio>;
    void send_join_accept(lorawan::Eui64 dev_eui, const CollectedUplink& uplink,
                          const lorawan::region::Region& region, const RxSettings& rx,
                          std::uint8_t uplink_dr, const lorawan::Bytes& join_accept);
    void handle_data(const lorawan::DataFrame& frame, const CollectedUplink& uplink,
                     std::chrono::system_clock::time_point utc);
    // What a scheduled class A downlink carries.
    struct ScheduledDownlink {
        bool mac_commands = false;  // the MAC commands of its content (all, or those that fit)
    };
    // Plans and sends (or defers) a class A downlink; nullopt when none could be scheduled.
    auto send_class_a(ActiveDevice& device, const CollectedUplink& uplink, std::uint8_t uplink_dr,
                      DownlinkContent content, std::optional<std::string> downlink_id)
        -> std::optional<ScheduledDownlink>;
    auto mac_step(const ActiveDevice& device, const lorawan::DataFrame& frame,
                  const CollectedUplink& uplink, const lorawan::region::Region& region,
                  std::uint8_t dr, std::uint32_t f_cnt, const MacOutcome& mac,
                  std::chrono::system_clock::time_point utc) -> MacStep;
    [[nodiscard]] auto serves_region(std::string_view region_id) const -> bool;
    // Sends at once, or, while an uplink's transaction is open, once it has committed: nothing
    // leaves before the counters it used are durable.
    void send(InFlight flight, const gateway_bridge::DownlinkFrame& frame, SteadyTime now);
    void transmit(InFlight flight, const gateway_bridge::DownlinkFrame& frame, SteadyTime now);
    void handle_batch(const std::vector<CollectedUplink>& due, SteadyTime now,
                      std::chrono::system_clock::time_point utc_now);
    void handle_in_transaction(const CollectedUplink& uplink,
                               std::chrono::system_clock::time_point utc);
    auto add_queued_payload(ActiveDevice& device, DownlinkContent& content)
        -> std::optional<std::string>;
    void settle_pending_confirmed(DeviceSession& session, bool acknowledged);
    // The device used the session its rejoin-request created: it becomes its session (false
    // and rejected on a store failure).
    auto activate_rejoin_session(ActiveDevice& device) -> bool;
    // Before a new session replaces the current one: its confirmed downlink awaiting an ACK is
    // reported unacknowledged. False and rejected on a store failure.
    auto settle_before_new_session(lorawan::Eui64 dev_eui) -> bool;
    void reject(UplinkRejection reason, const std::string& detail);
    struct Answered;
    void settle_answered(const std::vector<Answered>& answered);
    static auto tx_result(const InFlight& flight, gateway_bridge::TxAckError error)
        -> DownlinkTxResult;

    NetworkServerSettings settings_;
    NetworkStore& store_;
    DownlinkTransmitter& transmitter_;
    NetworkEvents& events_;
    DeduplicationWindow deduplication_;
    SessionCryptoCache session_crypto_;
    DefaultAdr adr_;
    std::map<gateway_bridge::Token, InFlight> in_flight_;
    // The same downlinks by TX_ACK deadline, so that the earliest is found without a walk.
    std::set<std::pair<SteadyTime, gateway_bridge::Token>> expiries_;
    // The gateway with the best link to each device at its last uplink, for class C downlinks.
    // Soft state: after a restart a class C device is reached again after its next uplink.
    std::map<lorawan::Eui64, lorawan::Eui64> last_gateway_;
    SteadyTime now_{};
    // Downlinks waiting for the open transaction to commit, and whether one is open.
    std::vector<std::pair<InFlight, gateway_bridge::DownlinkFrame>> deferred_;
    // Downlinks the gateway answered for; their writes (an event, the payload marked sent) join
    // the next batch transaction instead of a commit each. Handled by the next on_deadline.
    struct Answered {
        InFlight flight;
        gateway_bridge::TxAckError error = gateway_bridge::TxAckError::none;
        bool sent = false;
    };
    std::vector<Answered> answered_;
    SteadyTime first_answered_at_{};
    bool in_transaction_ = false;
    bool discard_uplink_ = false;  // the application refused the uplink: roll it back
};

}  // namespace hortillon::network_server
