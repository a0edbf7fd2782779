#pragma once
// `hortillon device force-rejoin DEV_EUI`: asks a LoRaWAN 1.1 device, in the downlink after its
// next uplink, to send rejoin-requests (ForceRejoinReq), e.g. to move it to a new DevAddr or
// new session keys. The running server picks the request up from the store.

#include <iosfwd>
#include <string>

#include "cli/command_support.hpp"

namespace hortillon::cli {

struct DeviceForceRejoinOptions {
    std::string dev_eui;
    unsigned rejoin_type = 0;  // 0: type 0 (full reset), 2: type 2 (new keys, radio kept)
    unsigned data_rate = 0;    // DR of the rejoin-requests
    unsigned max_retries = 0;  // repetitions after the first, 0..7
    unsigned period = 0;       // delay between them: 32 s x 2^period + 0..32 s, 0..7
};

auto run_device_force_rejoin(const GlobalOptions& global, const DeviceForceRejoinOptions& options,
                             std::ostream& out, std::ostream& err) -> int;

}  // namespace hortillon::cli
