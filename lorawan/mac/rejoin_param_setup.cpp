#include "lorawan/mac/rejoin_param_setup.hpp"

#include "lorawan/mac/wire_fields.hpp"

namespace hortillon::lorawan {
namespace {

using mac_wire::BitField;
using mac_wire::to_byte;

constexpr BitField max_time_n_bits{4, 4};
constexpr BitField max_count_n_bits{0, 4};

constexpr BitField ans_rfu_bits{1, 7};
constexpr BitField time_ok_bit{0, 1};

}  // namespace

void RejoinParamSetupReq::encode(Bytes& out) const {
    out.push_back(to_byte(max_time_n_bits.put(max_time_n) | max_count_n_bits.put(max_count_n)));
}

auto RejoinParamSetupReq::decode(PayloadView<size> payload) -> RejoinParamSetupReq {
    return RejoinParamSetupReq{
        .max_time_n = max_time_n_bits.get(payload[0]),
        .max_count_n = max_count_n_bits.get(payload[0]),
    };
}

void RejoinParamSetupAns::encode(Bytes& out) const {
    out.push_back(to_byte(ans_rfu_bits.keep(rfu) | time_ok_bit.put(time_ok)));
}

auto RejoinParamSetupAns::decode(PayloadView<size> payload) -> RejoinParamSetupAns {
    return RejoinParamSetupAns{
        .time_ok = time_ok_bit.flag(payload[0]),
        .rfu = to_byte(ans_rfu_bits.keep(payload[0])),
    };
}

}  // namespace hortillon::lorawan
