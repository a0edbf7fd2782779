#pragma once
// Rows of the device tables: devices with their root keys, device sessions with session keys
// and frame counters, and the downlink queue. Keys are plain here and sealed in the file.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "lorawan/bytes.hpp"
#include "lorawan/crypto/session_keys.hpp"
#include "lorawan/identifiers.hpp"
#include "lorawan/mac_version.hpp"
#include "storage/records.hpp"

namespace hortillon::storage {

// The root keys of an OTAA device. `nwk_key` is the 1.1 NwkKey; a 1.0.x device has only AppKey.
struct OtaaKeys {
    lorawan::Eui64 join_eui{};
    lorawan::AesKey app_key{};
    std::optional<lorawan::AesKey> nwk_key{};
};

struct Device {
    lorawan::Eui64 dev_eui{};  // primary key
    std::string application_id{};
    std::string device_profile_id{};  // of the application's tenant
    std::string name{};
    std::string description{};
    std::optional<OtaaKeys> otaa{};  // nullopt: an ABP device
    std::string tags = "{}";         // a JSON object of user tags
    Timestamp created_at{};
};

// What an ABP device is personalised with. For 1.0.x, put the NwkSKey in all three network
// roles (f_nwk_s_int_key, s_nwk_s_int_key, nwk_s_enc_key).
struct AbpActivation {
    lorawan::DevAddr dev_addr{};
    lorawan::SessionKeys keys{};
};

// A device to create: an OTAA device sets device.otaa; an ABP device gives `abp`, from which the
// store makes its session (version and receive settings from the profile, counters at zero).
struct NewDevice {
    Device device{};
    std::optional<AbpActivation> abp{};
};

// The counters that change with every frame; written together, cheaply, before an uplink is
// handed on, so a restart never accepts a replayed frame.
struct FrameCounters {
    std::optional<std::uint32_t> last_f_cnt_up{};  // nullopt until the first uplink
    std::uint32_t n_f_cnt_down = 0;                // next NFCntDown (the only one in 1.0.x)
    std::uint32_t a_f_cnt_down = 0;                // next AFCntDown (1.1)
    // The counter of a confirmed downlink awaiting the device's ACK.
    std::optional<std::uint32_t> pending_confirmed_f_cnt_down{};

    auto operator==(const FrameCounters&) const -> bool = default;
};

// The network's state of one activated device (OTAA after a join, ABP from creation).
// A ForceRejoinReq (its payload word) and how often it went out.
struct ForceRejoinRequest {
    std::uint16_t request = 0;
    std::uint8_t sends = 0;
    std::optional<Timestamp> last_sent_at{};
    auto operator==(const ForceRejoinRequest&) const -> bool = default;
};

struct DeviceSession {
    lorawan::Eui64 dev_eui{};
    lorawan::DevAddr dev_addr{};
    lorawan::MacVersion mac_version = lorawan::MacVersion::v1_0_3;
    bool lorawan_1_1 = false;  // 1.1 keys and counters (OptNeg, or a 1.1 ABP device)
    lorawan::SessionKeys keys{};
    FrameCounters counters{};
    std::chrono::seconds rx1_delay{1};
    std::uint8_t rx1_dr_offset = 0;
    std::optional<std::uint8_t> rx2_dr{};  // nullopt: the region's
    std::uint32_t rx2_frequency_hz = 0;    // 0: the region's
    Timestamp activated_at{};
    // The network server's MAC state (its JSON; empty: the region's defaults).
    std::string mac_state{};
    // A ForceRejoinReq an operator asked for, until the device rejoins or the server gives up.
    std::optional<ForceRejoinRequest> force_rejoin{};
    // A session a rejoin-request created that the device has not used yet; it replaces the
    // device's session at its first uplink with it (activate_pending_device_session).
    bool pending = false;
};

// The rejoin-request counters of LoRaWAN 1.1: RJcount0 (types 0 and 2) counts per session,
// RJcount1 (type 1) per device.
enum class RejoinCounter : std::uint8_t { rj_count0, rj_count1 };

enum class DownlinkState : std::uint8_t {
    queued,       // waiting to be sent
    pending_ack,  // a confirmed downlink sent with `f_cnt_down`, awaiting the device's ACK
};

// An application downlink. `id`, `state`, `f_cnt_down` and the times are set by the store.
struct DownlinkQueueItem {
    std::string id{};
    lorawan::Eui64 dev_eui{};
    std::uint8_t f_port = 1;  // 1..223
    lorawan::Bytes data{};    // FRMPayload, plain
    bool confirmed = false;
    DownlinkState state = DownlinkState::queued;
    std::optional<std::uint32_t> f_cnt_down{};
    Timestamp created_at{};
    std::optional<Timestamp> sent_at{};
};

}  // namespace hortillon::storage
