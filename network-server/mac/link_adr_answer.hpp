#pragma once
// LinkADRAns against the LinkADRReq block it answers (see mac_answers.hpp).

#include <span>

#include "lorawan/mac/mac_commands.hpp"
#include "network-server/mac/mac_answers.hpp"

namespace hortillon::network_server {

// `answers` are every LinkADRAns of the uplink (one per block; their bits are ANDed),
// `requests` the pending block. Updates `outcome.state` and adds one finding.
void apply_link_adr_answers(MacAnswersOutcome& outcome,
                            std::span<const lorawan::LinkAdrAns> answers,
                            std::span<const lorawan::MacCommand> requests,
                            const lorawan::region::Region& region);

}  // namespace hortillon::network_server
