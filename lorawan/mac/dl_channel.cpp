#include "lorawan/mac/dl_channel.hpp"

#include "lorawan/mac/wire_fields.hpp"

namespace hortillon::lorawan {
namespace {

using mac_wire::BitField;
using mac_wire::to_byte;

constexpr std::size_t ch_index_at = 0;
constexpr std::size_t frequency_at = 1;

constexpr BitField ans_rfu_bits{2, 6};
constexpr BitField uplink_frequency_exists_bit{1, 1};
constexpr BitField channel_frequency_ok_bit{0, 1};

}  // namespace

void DlChannelReq::encode(Bytes& out) const {
    out.push_back(ch_index);
    mac_wire::append_frequency_le24(out, frequency);
}

auto DlChannelReq::decode(PayloadView<size> payload) -> DlChannelReq {
    return DlChannelReq{
        .ch_index = payload[ch_index_at],
        .frequency = mac_wire::read_frequency_le24(payload, frequency_at),
    };
}

void DlChannelAns::encode(Bytes& out) const {
    out.push_back(to_byte(ans_rfu_bits.keep(rfu) |
                          uplink_frequency_exists_bit.put(uplink_frequency_exists) |
                          channel_frequency_ok_bit.put(channel_frequency_ok)));
}

auto DlChannelAns::decode(PayloadView<size> payload) -> DlChannelAns {
    const auto status = payload[0];
    return DlChannelAns{
        .uplink_frequency_exists = uplink_frequency_exists_bit.flag(status),
        .channel_frequency_ok = channel_frequency_ok_bit.flag(status),
        .rfu = to_byte(ans_rfu_bits.keep(status)),
    };
}

}  // namespace hortillon::lorawan
