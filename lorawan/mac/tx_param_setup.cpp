#include "lorawan/mac/tx_param_setup.hpp"

#include "lorawan/mac/wire_fields.hpp"

namespace hortillon::lorawan {
namespace {

using mac_wire::BitField;
using mac_wire::to_byte;

constexpr BitField rfu_bits{6, 2};
constexpr BitField downlink_dwell_time_bit{5, 1};
constexpr BitField uplink_dwell_time_bit{4, 1};
constexpr BitField max_eirp_bits{0, 4};

}  // namespace

void TxParamSetupReq::encode(Bytes& out) const {
    out.push_back(to_byte(rfu_bits.keep(rfu) | downlink_dwell_time_bit.put(downlink_dwell_time) |
                          uplink_dwell_time_bit.put(uplink_dwell_time) |
                          max_eirp_bits.put(max_eirp)));
}

auto TxParamSetupReq::decode(PayloadView<size> payload) -> TxParamSetupReq {
    const auto eirp_dwell_time = payload[0];
    return TxParamSetupReq{
        .downlink_dwell_time = downlink_dwell_time_bit.flag(eirp_dwell_time),
        .uplink_dwell_time = uplink_dwell_time_bit.flag(eirp_dwell_time),
        .max_eirp = max_eirp_bits.get(eirp_dwell_time),
        .rfu = to_byte(rfu_bits.keep(eirp_dwell_time)),
    };
}

}  // namespace hortillon::lorawan
