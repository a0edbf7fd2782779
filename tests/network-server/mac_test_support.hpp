#pragma once
// Shared fixtures of the MAC planner and answer tests.

#include "network-server/mac/mac_answers.hpp"
#include "network-server/mac/mac_planner.hpp"
#include "network-server/mac/mac_state.hpp"
#include "network-server/mac/mac_target.hpp"

namespace hortillon::network_server::test {

// A target that matches default_mac_state(region) for `version`: nothing to ask.
inline auto settled_target(const lorawan::region::Region& region, lorawan::MacVersion version)
    -> DeviceMacTarget {
    DeviceMacTarget target;
    target.mac_version = version;
    target.rx1_delay = region.defaults.receive_delay1;
    target.rx2_dr = region.rx2_default.dr;
    target.rx2_frequency_hz = region.rx2_default.frequency_hz;
    return target;
}

inline const SystemTime t0{std::chrono::seconds{1'800'000'000}};

// An uplink with nothing special about it.
inline auto uplink(std::uint32_t f_cnt, std::uint8_t dr, double snr = 5,
                   lorawan::MacVersion version = lorawan::MacVersion::v1_0_4) -> MacUplink {
    return MacUplink{.mac_version = version,
                     .f_cnt = f_cnt,
                     .dr = dr,
                     .max_snr_db = snr,
                     .adr_ack_req = false,
                     .received_at = t0};
}

}  // namespace hortillon::network_server::test
