#include "lorawan/mac/beacon_timing.hpp"

namespace hortillon::lorawan {
namespace {

constexpr std::size_t delay_at = 0;
constexpr std::size_t channel_at = 2;

}  // namespace

void BeaconTimingAns::encode(Bytes& out) const {
    append_u16_le(out, delay);
    out.push_back(channel);
}

auto BeaconTimingAns::decode(PayloadView<size> payload) -> BeaconTimingAns {
    return BeaconTimingAns{.delay = read_u16_le(payload, delay_at), .channel = payload[channel_at]};
}

}  // namespace hortillon::lorawan
