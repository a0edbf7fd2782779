#include "lorawan/mac/dev_status.hpp"

#include "lorawan/mac/wire_fields.hpp"

namespace hortillon::lorawan {
namespace {

using mac_wire::BitField;
using mac_wire::to_byte;

constexpr std::size_t battery_at = 0;
constexpr std::size_t margin_at = 1;

constexpr BitField rfu_bits{6, 2};
constexpr BitField margin_bits{0, 6};
// A 6-bit two's complement value: bit 5 set means negative.
constexpr int margin_sign_bit = 0x20;
constexpr int margin_modulus = 0x40;

}  // namespace

void DevStatusAns::encode(Bytes& out) const {
    out.push_back(battery);
    // The cast keeps the two's complement bits of a negative margin; put() keeps the low six.
    const auto margin_raw = static_cast<std::uint32_t>(static_cast<std::int32_t>(margin));
    out.push_back(to_byte(rfu_bits.keep(rfu) | margin_bits.put(margin_raw)));
}

auto DevStatusAns::decode(PayloadView<size> payload) -> DevStatusAns {
    const int raw = margin_bits.get(payload[margin_at]);
    const int margin = (raw & margin_sign_bit) != 0 ? raw - margin_modulus : raw;
    return DevStatusAns{
        .battery = payload[battery_at],
        .margin = static_cast<std::int8_t>(margin),
        .rfu = to_byte(rfu_bits.keep(payload[margin_at])),
    };
}

}  // namespace hortillon::lorawan
