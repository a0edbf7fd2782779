#include "lorawan/mac/rx_param_setup.hpp"

#include "lorawan/mac/wire_fields.hpp"

namespace hortillon::lorawan {
namespace {

using mac_wire::BitField;
using mac_wire::to_byte;

constexpr std::size_t dl_settings_at = 0;
constexpr std::size_t frequency_at = 1;

constexpr BitField req_rfu_bits{7, 1};
constexpr BitField rx1_dr_offset_bits{4, 3};
constexpr BitField rx2_data_rate_bits{0, 4};

constexpr BitField ans_rfu_bits{3, 5};
constexpr BitField rx1_dr_offset_ack_bit{2, 1};
constexpr BitField rx2_data_rate_ack_bit{1, 1};
constexpr BitField channel_ack_bit{0, 1};

}  // namespace

void RxParamSetupReq::encode(Bytes& out) const {
    out.push_back(to_byte(req_rfu_bits.keep(rfu) | rx1_dr_offset_bits.put(rx1_dr_offset) |
                          rx2_data_rate_bits.put(rx2_data_rate)));
    mac_wire::append_frequency_le24(out, frequency);
}

auto RxParamSetupReq::decode(PayloadView<size> payload) -> RxParamSetupReq {
    const auto dl_settings = payload[dl_settings_at];
    return RxParamSetupReq{
        .rx1_dr_offset = rx1_dr_offset_bits.get(dl_settings),
        .rx2_data_rate = rx2_data_rate_bits.get(dl_settings),
        .frequency = mac_wire::read_frequency_le24(payload, frequency_at),
        .rfu = to_byte(req_rfu_bits.keep(dl_settings)),
    };
}

void RxParamSetupAns::encode(Bytes& out) const {
    out.push_back(to_byte(ans_rfu_bits.keep(rfu) | rx1_dr_offset_ack_bit.put(rx1_dr_offset_ack) |
                          rx2_data_rate_ack_bit.put(rx2_data_rate_ack) |
                          channel_ack_bit.put(channel_ack)));
}

auto RxParamSetupAns::decode(PayloadView<size> payload) -> RxParamSetupAns {
    const auto status = payload[0];
    return RxParamSetupAns{
        .rx1_dr_offset_ack = rx1_dr_offset_ack_bit.flag(status),
        .rx2_data_rate_ack = rx2_data_rate_ack_bit.flag(status),
        .channel_ack = channel_ack_bit.flag(status),
        .rfu = to_byte(ans_rfu_bits.keep(status)),
    };
}

}  // namespace hortillon::lorawan
