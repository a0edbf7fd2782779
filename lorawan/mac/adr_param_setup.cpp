#include "lorawan/mac/adr_param_setup.hpp"

#include "lorawan/mac/wire_fields.hpp"

namespace hortillon::lorawan {
namespace {

using mac_wire::BitField;
using mac_wire::to_byte;

constexpr BitField limit_exp_bits{4, 4};
constexpr BitField delay_exp_bits{0, 4};

}  // namespace

void AdrParamSetupReq::encode(Bytes& out) const {
    out.push_back(to_byte(limit_exp_bits.put(limit_exp) | delay_exp_bits.put(delay_exp)));
}

auto AdrParamSetupReq::decode(PayloadView<size> payload) -> AdrParamSetupReq {
    return AdrParamSetupReq{
        .limit_exp = limit_exp_bits.get(payload[0]),
        .delay_exp = delay_exp_bits.get(payload[0]),
    };
}

}  // namespace hortillon::lorawan
