#include "lorawan/mac/beacon_freq.hpp"

#include "lorawan/mac/wire_fields.hpp"

namespace hortillon::lorawan {
namespace {

using mac_wire::BitField;
using mac_wire::to_byte;

constexpr std::size_t frequency_at = 0;

constexpr BitField ans_rfu_bits{1, 7};
constexpr BitField beacon_frequency_ok_bit{0, 1};

}  // namespace

void BeaconFreqReq::encode(Bytes& out) const {
    mac_wire::append_frequency_le24(out, frequency);
}

auto BeaconFreqReq::decode(PayloadView<size> payload) -> BeaconFreqReq {
    return BeaconFreqReq{.frequency = mac_wire::read_frequency_le24(payload, frequency_at)};
}

void BeaconFreqAns::encode(Bytes& out) const {
    out.push_back(
        to_byte(ans_rfu_bits.keep(rfu) | beacon_frequency_ok_bit.put(beacon_frequency_ok)));
}

auto BeaconFreqAns::decode(PayloadView<size> payload) -> BeaconFreqAns {
    return BeaconFreqAns{
        .beacon_frequency_ok = beacon_frequency_ok_bit.flag(payload[0]),
        .rfu = to_byte(ans_rfu_bits.keep(payload[0])),
    };
}

}  // namespace hortillon::lorawan
