#include "lorawan/mac/force_rejoin.hpp"

#include "lorawan/mac/wire_fields.hpp"

namespace hortillon::lorawan {
namespace {

using mac_wire::BitField;

constexpr BitField high_rfu_bits{14, 2};
constexpr BitField period_bits{11, 3};
constexpr BitField max_retries_bits{8, 3};
constexpr BitField low_rfu_bits{7, 1};
constexpr BitField rejoin_type_bits{4, 3};
constexpr BitField data_rate_bits{0, 4};

constexpr auto rfu_of(std::uint32_t word) -> std::uint32_t {
    return high_rfu_bits.keep(word) | low_rfu_bits.keep(word);
}

}  // namespace

void ForceRejoinReq::encode(Bytes& out) const {
    append_u16_le(out, to_word());
}

auto ForceRejoinReq::decode(PayloadView<size> payload) -> ForceRejoinReq {
    return from_word(read_u16_le(payload, 0));
}

auto ForceRejoinReq::to_word() const -> std::uint16_t {
    return static_cast<std::uint16_t>(
        rfu_of(rfu) | period_bits.put(period) | max_retries_bits.put(max_retries) |
        rejoin_type_bits.put(rejoin_type) | data_rate_bits.put(data_rate));
}

auto ForceRejoinReq::from_word(std::uint16_t payload_word) -> ForceRejoinReq {
    const std::uint32_t word = payload_word;
    return ForceRejoinReq{
        .period = period_bits.get(word),
        .max_retries = max_retries_bits.get(word),
        .rejoin_type = rejoin_type_bits.get(word),
        .data_rate = data_rate_bits.get(word),
        .rfu = static_cast<std::uint16_t>(rfu_of(word)),
    };
}

}  // namespace hortillon::lorawan
