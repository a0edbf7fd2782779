#include "lorawan/mac/duty_cycle.hpp"

#include "lorawan/mac/wire_fields.hpp"

namespace hortillon::lorawan {
namespace {

using mac_wire::BitField;
using mac_wire::to_byte;

constexpr BitField rfu_bits{4, 4};
constexpr BitField max_d_cycle_bits{0, 4};

}  // namespace

void DutyCycleReq::encode(Bytes& out) const {
    out.push_back(to_byte(rfu_bits.keep(rfu) | max_d_cycle_bits.put(max_d_cycle)));
}

auto DutyCycleReq::decode(PayloadView<size> payload) -> DutyCycleReq {
    return DutyCycleReq{
        .max_d_cycle = max_d_cycle_bits.get(payload[0]),
        .rfu = to_byte(rfu_bits.keep(payload[0])),
    };
}

}  // namespace hortillon::lorawan
