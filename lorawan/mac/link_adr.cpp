#include "lorawan/mac/link_adr.hpp"

#include "lorawan/mac/wire_fields.hpp"

namespace hortillon::lorawan {
namespace {

using mac_wire::BitField;
using mac_wire::to_byte;

constexpr std::size_t data_rate_tx_power_at = 0;
constexpr std::size_t ch_mask_at = 1;
constexpr std::size_t redundancy_at = 3;

constexpr BitField data_rate_bits{4, 4};
constexpr BitField tx_power_bits{0, 4};
constexpr BitField req_rfu_bits{7, 1};
constexpr BitField ch_mask_cntl_bits{4, 3};
constexpr BitField nb_trans_bits{0, 4};

constexpr BitField ans_rfu_bits{3, 5};
constexpr BitField power_ack_bit{2, 1};
constexpr BitField data_rate_ack_bit{1, 1};
constexpr BitField channel_mask_ack_bit{0, 1};

}  // namespace

void LinkAdrReq::encode(Bytes& out) const {
    out.push_back(to_byte(data_rate_bits.put(data_rate) | tx_power_bits.put(tx_power)));
    append_u16_le(out, ch_mask);
    out.push_back(to_byte(req_rfu_bits.keep(rfu) | ch_mask_cntl_bits.put(ch_mask_cntl) |
                          nb_trans_bits.put(nb_trans)));
}

auto LinkAdrReq::decode(PayloadView<size> payload) -> LinkAdrReq {
    const auto data_rate_tx_power = payload[data_rate_tx_power_at];
    const auto redundancy = payload[redundancy_at];
    return LinkAdrReq{
        .data_rate = data_rate_bits.get(data_rate_tx_power),
        .tx_power = tx_power_bits.get(data_rate_tx_power),
        .ch_mask = read_u16_le(payload, ch_mask_at),
        .ch_mask_cntl = ch_mask_cntl_bits.get(redundancy),
        .nb_trans = nb_trans_bits.get(redundancy),
        .rfu = to_byte(req_rfu_bits.keep(redundancy)),
    };
}

void LinkAdrAns::encode(Bytes& out) const {
    out.push_back(to_byte(ans_rfu_bits.keep(rfu) | power_ack_bit.put(power_ack) |
                          data_rate_ack_bit.put(data_rate_ack) |
                          channel_mask_ack_bit.put(channel_mask_ack)));
}

auto LinkAdrAns::decode(PayloadView<size> payload) -> LinkAdrAns {
    const auto status = payload[0];
    return LinkAdrAns{
        .power_ack = power_ack_bit.flag(status),
        .data_rate_ack = data_rate_ack_bit.flag(status),
        .channel_mask_ack = channel_mask_ack_bit.flag(status),
        .rfu = to_byte(ans_rfu_bits.keep(status)),
    };
}

}  // namespace hortillon::lorawan
