#include "lorawan/mac/ping_slot_info.hpp"

#include "lorawan/mac/wire_fields.hpp"

namespace hortillon::lorawan {
namespace {

using mac_wire::BitField;
using mac_wire::to_byte;

constexpr BitField rfu_bits{3, 5};
constexpr BitField periodicity_bits{0, 3};

}  // namespace

void PingSlotInfoReq::encode(Bytes& out) const {
    out.push_back(to_byte(rfu_bits.keep(rfu) | periodicity_bits.put(periodicity)));
}

auto PingSlotInfoReq::decode(PayloadView<size> payload) -> PingSlotInfoReq {
    return PingSlotInfoReq{
        .periodicity = periodicity_bits.get(payload[0]),
        .rfu = to_byte(rfu_bits.keep(payload[0])),
    };
}

}  // namespace hortillon::lorawan
