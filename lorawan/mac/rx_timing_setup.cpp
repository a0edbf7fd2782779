#include "lorawan/mac/rx_timing_setup.hpp"

#include "lorawan/mac/wire_fields.hpp"

namespace hortillon::lorawan {
namespace {

using mac_wire::BitField;
using mac_wire::to_byte;

constexpr BitField rfu_bits{4, 4};
constexpr BitField del_bits{0, 4};

}  // namespace

void RxTimingSetupReq::encode(Bytes& out) const {
    out.push_back(to_byte(rfu_bits.keep(rfu) | del_bits.put(del)));
}

auto RxTimingSetupReq::decode(PayloadView<size> payload) -> RxTimingSetupReq {
    return RxTimingSetupReq{
        .del = del_bits.get(payload[0]),
        .rfu = to_byte(rfu_bits.keep(payload[0])),
    };
}

}  // namespace hortillon::lorawan
