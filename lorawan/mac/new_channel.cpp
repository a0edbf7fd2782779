#include "lorawan/mac/new_channel.hpp"

#include "lorawan/mac/wire_fields.hpp"

namespace hortillon::lorawan {
namespace {

using mac_wire::BitField;
using mac_wire::to_byte;

constexpr std::size_t ch_index_at = 0;
constexpr std::size_t frequency_at = 1;
constexpr std::size_t dr_range_at = 4;

constexpr BitField max_dr_bits{4, 4};
constexpr BitField min_dr_bits{0, 4};

constexpr BitField ans_rfu_bits{2, 6};
constexpr BitField data_rate_range_ok_bit{1, 1};
constexpr BitField channel_frequency_ok_bit{0, 1};

}  // namespace

void NewChannelReq::encode(Bytes& out) const {
    out.push_back(ch_index);
    mac_wire::append_frequency_le24(out, frequency);
    out.push_back(to_byte(max_dr_bits.put(max_dr) | min_dr_bits.put(min_dr)));
}

auto NewChannelReq::decode(PayloadView<size> payload) -> NewChannelReq {
    return NewChannelReq{
        .ch_index = payload[ch_index_at],
        .frequency = mac_wire::read_frequency_le24(payload, frequency_at),
        .max_dr = max_dr_bits.get(payload[dr_range_at]),
        .min_dr = min_dr_bits.get(payload[dr_range_at]),
    };
}

void NewChannelAns::encode(Bytes& out) const {
    out.push_back(to_byte(ans_rfu_bits.keep(rfu) | data_rate_range_ok_bit.put(data_rate_range_ok) |
                          channel_frequency_ok_bit.put(channel_frequency_ok)));
}

auto NewChannelAns::decode(PayloadView<size> payload) -> NewChannelAns {
    const auto status = payload[0];
    return NewChannelAns{
        .data_rate_range_ok = data_rate_range_ok_bit.flag(status),
        .channel_frequency_ok = channel_frequency_ok_bit.flag(status),
        .rfu = to_byte(ans_rfu_bits.keep(status)),
    };
}

}  // namespace hortillon::lorawan
