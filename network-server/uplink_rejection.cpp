#include "network-server/uplink_rejection.hpp"

#include <array>

namespace hortillon::network_server {

namespace {
using enum UplinkRejection;

constexpr std::array<RejectionInfo, 24> rejections{{
    {malformed_frame, "ns_uplink_malformed", "PHYPayload could not be decoded",
     "a gateway forwarded a damaged frame or a non-LoRaWAN packet; nothing to do unless it "
     "persists"},
    {unsupported_message, "ns_uplink_unsupported", "message type not handled by the network server",
     "proprietary or downlink frames heard on the uplink path are ignored"},
    {data_rate_not_in_region, "ns_uplink_wrong_region",
     "uplink modulation or frequency does not belong to the device's region",
     "check the device profile's region and the gateway's channel plan"},
    {unknown_dev_eui, "ns_join_unknown_device",
     "join-request from a DevEUI that is not provisioned",
     "create the device with `hortillon device create` if it is yours"},
    {join_eui_mismatch, "ns_join_wrong_join_eui",
     "join-request JoinEUI differs from the provisioned one",
     "check the device's JoinEUI (AppEUI)"},
    {join_mic_mismatch, "ns_join_mic_mismatch", "join-request MIC does not verify",
     "the AppKey (1.0) or NwkKey (1.1) provisioned for this device is probably wrong"},
    {dev_nonce_replayed, "ns_join_dev_nonce_replayed", "join-request reuses a DevNonce",
     "a replayed join-request, or a device whose nonce store was reset; for a reset device, delete "
     "and re-create it"},
    {dev_nonce_not_increasing, "ns_join_dev_nonce_not_increasing",
     "join-request DevNonce is not greater than the last one (LoRaWAN 1.0.4 and 1.1)",
     "the device's nonce counter went back (firmware reset?) or the MAC version in the profile is "
     "wrong"},
    {dev_addr_exhausted, "ns_join_dev_addr_exhausted",
     "no free DevAddr left in the tenant's prefix",
     "widen the tenant's DevAddr prefix or delete unused devices"},
    {unknown_dev_addr, "ns_uplink_unknown_dev_addr", "no device session has this DevAddr",
     "a device of another network, or a device that must rejoin"},
    {mic_mismatch, "ns_uplink_mic_mismatch", "no session with this DevAddr verifies the MIC",
     "the device probably rejoined elsewhere or has other session keys; check its keys or let it "
     "rejoin"},
    {f_cnt_replay, "ns_uplink_f_cnt_replay", "frame counter not greater than the last accepted one",
     "a replayed frame, or an ABP device whose counter was reset; ABP devices must never reset "
     "FCnt"},
    {f_cnt_gap_too_large, "ns_uplink_f_cnt_gap",
     "frame counter jumped by MAX_FCNT_GAP or more (LoRaWAN 1.0.0-1.0.3)",
     "the device lost its counter or many frames were lost; a rejoin resets the session"},
    {storage_failure, "ns_uplink_storage_failure", "the store could not record the uplink",
     "check the disk and the database file; the device will retransmit or send again"},
    {deduplication_window_full, "ns_uplink_dedup_full",
     "too many uplinks waiting in the deduplication window",
     "the server is overloaded; raise the window capacity or the hardware"},
    {late_copy, "ns_uplink_late_copy", "a copy of an uplink arrived after it was handled",
     "a gateway with a slow backhaul (or a replayed frame); check the gateway's latency"},
    {event_not_stored, "ns_uplink_event_not_stored",
     "the uplink's application events could not be stored, so the uplink was not accepted (no "
     "ACK, frame counter not advanced)",
     "the event outbox is full or the store failed: check that the MQTT broker is reachable (the "
     "as_outbox_* counters) or raise [mqtt] outbox_capacity"},
    {region_not_served, "ns_uplink_region_not_served",
     "the device profile's region is not one this server serves",
     "add the region to [network] regions in the configuration, or fix the device profile"},
    {rejoin_not_1_1, "ns_rejoin_not_1_1",
     "rejoin-request from a device whose profile is not LoRaWAN 1.1 (1.0 has no rejoin)",
     "set the device profile's MAC version to 1.1 if the device speaks 1.1"},
    {rejoin_other_network, "ns_rejoin_other_network",
     "rejoin-request of type 0 or 2 names another network's NetID",
     "a device joined to another network (roaming is not supported), or [network] net_id "
     "changed since the device joined"},
    {rejoin_without_session, "ns_rejoin_without_session",
     "rejoin-request of type 0 or 2 from a device without a LoRaWAN 1.1 session",
     "the device must join (or send a type 1 rejoin-request) first"},
    {rejoin_mic_mismatch, "ns_rejoin_mic_mismatch", "rejoin-request MIC does not verify",
     "types 0 and 2 are signed with the session's SNwkSIntKey, type 1 with a key from the "
     "NwkKey: the device's session or NwkKey differs from the stored one"},
    {rejoin_count_replayed, "ns_rejoin_count_replayed",
     "rejoin-request counter (RJcount0 or RJcount1) not greater than the last accepted one",
     "a replayed rejoin-request, or a device whose counter went back; a join-request resets "
     "the session"},
    {rejoin_not_requested, "ns_rejoin_not_requested",
     "rejoin-request of type 0 or 2 the server did not ask for (periodic, or the device's own)",
     "nothing to do: the device keeps its session; to give it a new one, run `hortillon device "
     "force-rejoin`"},
}};

consteval auto table_is_ordered() -> bool {
    for (std::size_t i = 0; i < rejections.size(); ++i) {
        if (static_cast<std::size_t>(rejections[i].reason) != i)
            return false;
    }
    return true;
}
static_assert(table_is_ordered(), "one row per UplinkRejection, in enum order");
}  // namespace

auto rejection_info(UplinkRejection reason) -> const RejectionInfo& {
    return rejections[static_cast<std::size_t>(reason)];
}

}  // namespace hortillon::network_server
