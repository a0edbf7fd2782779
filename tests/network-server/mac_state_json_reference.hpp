#pragma once
// DeviceMacState JSON as the nlohmann tree writer built it before the text writer.

#include <string>

#include "network-server/mac/mac_state.hpp"

namespace hortillon::network_server::test {

auto reference_mac_state_json(const DeviceMacState& state) -> std::string;

}  // namespace hortillon::network_server::test
