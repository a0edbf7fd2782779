#pragma once
// Building a class A or class C data downlink from what is due: the ACK of a confirmed uplink,
// MAC commands and one application payload. MAC commands ride in FOpts when they fit (15 bytes),
// else alone on FPort 0 while the application payload waits (FPending set).

#include <optional>
#include <vector>

#include "lorawan/mac/mac_commands.hpp"
#include "lorawan/region/region_types.hpp"
#include "lorawan/result.hpp"
#include "network-server/device_session.hpp"

namespace hortillon::network_server {

struct ApplicationPayload {
    std::uint8_t f_port = 1;  // 1..223
    lorawan::Bytes data;      // plaintext
    bool confirmed = false;
};

struct DownlinkContent {
    bool ack = false;                  // acknowledges a confirmed uplink
    std::uint32_t acked_f_cnt_up = 0;  // that uplink's counter (1.1 ConfFCnt)
    bool adr = false;                  // the network runs ADR for this device
    bool more_queued = false;          // FPending: more is waiting for the device
    std::vector<lorawan::MacCommand> mac_commands;
    std::optional<ApplicationPayload> application;
};

enum class DownlinkRefusal : std::uint8_t {
    bad_f_port,        // application FPort 0 or above 223
    payload_too_long,  // the application payload does not fit the data rate's maximum
};

struct BuiltDownlink {
    lorawan::Bytes phy_payload;
    std::uint32_t f_cnt = 0;
    bool a_f_cnt_down = false;  // used AFCntDown (1.1 application payload)
    bool application_included = false;
    bool mac_commands_included = false;
    bool confirmed = false;
};

// Seals the downlink for `session` at a data rate whose maximum MACPayload is `max_payload.m`.
// Fails: bad_f_port, payload_too_long (never truncates).
auto build_data_downlink(const DeviceSession& session, const DownlinkContent& content,
                         const lorawan::region::PayloadSize& max_payload)
    -> Result<BuiltDownlink, DownlinkRefusal>;

}  // namespace hortillon::network_server
