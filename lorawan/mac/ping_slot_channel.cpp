#include "lorawan/mac/ping_slot_channel.hpp"

#include "lorawan/mac/wire_fields.hpp"

namespace hortillon::lorawan {
namespace {

using mac_wire::BitField;
using mac_wire::to_byte;

constexpr std::size_t frequency_at = 0;
constexpr std::size_t dr_at = 3;

constexpr BitField req_rfu_bits{4, 4};
constexpr BitField data_rate_bits{0, 4};

constexpr BitField ans_rfu_bits{2, 6};
constexpr BitField data_rate_ok_bit{1, 1};
constexpr BitField channel_frequency_ok_bit{0, 1};

}  // namespace

void PingSlotChannelReq::encode(Bytes& out) const {
    mac_wire::append_frequency_le24(out, frequency);
    out.push_back(to_byte(req_rfu_bits.keep(rfu) | data_rate_bits.put(data_rate)));
}

auto PingSlotChannelReq::decode(PayloadView<size> payload) -> PingSlotChannelReq {
    return PingSlotChannelReq{
        .frequency = mac_wire::read_frequency_le24(payload, frequency_at),
        .data_rate = data_rate_bits.get(payload[dr_at]),
        .rfu = to_byte(req_rfu_bits.keep(payload[dr_at])),
    };
}

void PingSlotChannelAns::encode(Bytes& out) const {
    out.push_back(to_byte(ans_rfu_bits.keep(rfu) | data_rate_ok_bit.put(data_rate_ok) |
                          channel_frequency_ok_bit.put(channel_frequency_ok)));
}

auto PingSlotChannelAns::decode(PayloadView<size> payload) -> PingSlotChannelAns {
    const auto status = payload[0];
    return PingSlotChannelAns{
        .data_rate_ok = data_rate_ok_bit.flag(status),
        .channel_frequency_ok = channel_frequency_ok_bit.flag(status),
        .rfu = to_byte(ans_rfu_bits.keep(status)),
    };
}

}  // namespace hortillon::lorawan
