#include "bench/load/abp_downlink.hpp"

#include <variant>

#include "bench/load/device_fleet.hpp"
#include "lorawan/data_frame_seal.hpp"
#include "lorawan/phy_payload.hpp"

namespace hortillon::bench {

using namespace lorawan;

auto read_abp_downlink(ByteView phy_payload, std::uint64_t devices) -> AbpDownlink {
    AbpDownlink result;
    auto decoded = decode_phy_payload(phy_payload);
    if (!decoded || !std::holds_alternative<DataFrame>(*decoded))
        return result;
    const auto& frame = std::get<DataFrame>(*decoded);
    const auto index = abp_index_of(frame.dev_addr);
    if (frame.direction() != Direction::downlink || !index || *index >= devices)
        return result;
    result.device = *index;
    const NetworkSessionCrypto network = abp_network_crypto_of(*index);
    if (!verify_data_frame_mic(network, phy_payload, frame, frame.f_cnt, {})) {
        result.kind = AbpDownlinkKind::bad_mic;
        return result;
    }
    result.kind = AbpDownlinkKind::verified;
    result.ack = frame.f_ctrl.ack;
    // The decoder refuses FOpts together with FPort 0, so at most one of the two holds commands.
    if (frame.f_port == 0) {
        const Bytes plain = network.crypt_mac_payload(Direction::downlink, frame.dev_addr,
                                                      frame.f_cnt, frame.frm_payload);
        result.mac_commands = decode_mac_commands(plain, Direction::downlink);
    } else {
        result.mac_commands = decode_mac_commands(frame.f_opts, Direction::downlink);
    }
    return result;
}

}  // namespace hortillon::bench
