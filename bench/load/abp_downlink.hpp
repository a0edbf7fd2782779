#pragma once
// A PULL_RESP's frame as one of the simulated ABP devices reads it: addressed to which device,
// whether its MIC verifies under that device's NwkSKey, whether it acknowledges, and the MAC
// commands it carries (FOpts in clear, or an FRMPayload on FPort 0 decrypted with the NwkSKey;
// LoRaWAN 1.0.x).

#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/mac_commands.hpp"

namespace hortillon::bench {

enum class AbpDownlinkKind : std::uint8_t {
    not_for_fleet,  // not a data downlink, or its DevAddr is none of the fleet's devices
    bad_mic,        // addressed to one of our devices, but its MIC does not verify
    verified,       // the device accepts it
};

struct AbpDownlink {
    AbpDownlinkKind kind = AbpDownlinkKind::not_for_fleet;
    std::uint64_t device = 0;             // index of the addressed device (bad_mic, verified)
    bool ack = false;                     // verified only: the ACK bit
    lorawan::MacCommands mac_commands{};  // verified only
};

// Reads `phy_payload` for the fleet of ABP devices [0, devices). The downlink counter is taken
// from the 16 bits on air: a benchmark run stays far below 65,536 downlinks per device.
auto read_abp_downlink(lorawan::ByteView phy_payload, std::uint64_t devices) -> AbpDownlink;

}  // namespace hortillon::bench
