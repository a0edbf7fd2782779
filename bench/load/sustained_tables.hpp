#pragma once
// The markdown tables of the sustained scenario: uplinks and latency per step, where the latency
// goes, the downlinks as the gateways judged them, and as the devices read them (ACKs, MAC-only
// downlinks, MAC commands answered).

#include <iosfwd>
#include <vector>

#include "bench/load/sustained_scenario.hpp"
#include "bench/load/sustained_step.hpp"

namespace hortillon::bench {

void print_sustained_tables(std::ostream& out, const SustainedSettings& settings,
                            const std::vector<StepResult>& steps);

}  // namespace hortillon::bench
