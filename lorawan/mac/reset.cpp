#include "lorawan/mac/reset.hpp"

#include "lorawan/mac/wire_fields.hpp"

namespace hortillon::lorawan {
namespace {

using mac_wire::BitField;
using mac_wire::to_byte;

constexpr BitField rfu_bits{4, 4};
constexpr BitField minor_bits{0, 4};

}  // namespace

void ResetInd::encode(Bytes& out) const {
    out.push_back(to_byte(rfu_bits.keep(rfu) | minor_bits.put(minor)));
}

auto ResetInd::decode(PayloadView<size> payload) -> ResetInd {
    return ResetInd{.minor = minor_bits.get(payload[0]), .rfu = to_byte(rfu_bits.keep(payload[0]))};
}

void ResetConf::encode(Bytes& out) const {
    out.push_back(to_byte(rfu_bits.keep(rfu) | minor_bits.put(minor)));
}

auto ResetConf::decode(PayloadView<size> payload) -> ResetConf {
    return ResetConf{.minor = minor_bits.get(payload[0]),
                     .rfu = to_byte(rfu_bits.keep(payload[0]))};
}

}  // namespace hortillon::lorawan
