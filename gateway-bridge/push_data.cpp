#include "gateway-bridge/push_data.hpp"

#include "gateway-bridge/field_reader.hpp"
#include "gateway-bridge/rxpk.hpp"
#include "gateway-bridge/stat.hpp"

namespace hortillon::gateway_bridge {

namespace {

// Sorts one decoded rxpk into the frames to hand on or the rejections to count.
void file_rxpk(PushData& out, std::size_t index, Result<UplinkFrame, DatagramError> decoded) {
    if (!decoded) {
        out.rejected.push_back(RxpkRejection{index, decoded.error(), std::nullopt});
        return;
    }
    switch (decoded->rx_info.crc_status) {
        case CrcStatus::ok:
            out.frames.push_back(std::move(*decoded));
            return;
        case CrcStatus::bad:
            out.rejected.push_back(
                RxpkRejection{index, DatagramError::crc_bad, std::move(*decoded)});
            return;
        case CrcStatus::absent:
            out.rejected.push_back(
                RxpkRejection{index, DatagramError::crc_absent, std::move(*decoded)});
            return;
    }
}

}  // namespace

auto decode_push_data(const Datagram& datagram) -> Result<PushData, DatagramError> {
    if (datagram.type != PacketType::push_data || !datagram.gateway_eui) {
        return Unexpected{DatagramError::unexpected_identifier};
    }
    auto root = parse_json_object(datagram.body);
    if (!root)
        return Unexpected{root.error()};
    FieldReader in{root->root()};

    PushData out;
    out.gateway_eui = *datagram.gateway_eui;
    if (auto rxpk = in.member("rxpk")) {
        if (!rxpk->is_array())
            return Unexpected{DatagramError::bad_field};
        out.frames.reserve(rxpk->size());
        std::size_t index = 0;
        for (auto packet : *rxpk)
            file_rxpk(out, index++, decode_rxpk(packet, out.gateway_eui));
    }
    if (auto stat = in.member("stat")) {
        auto stats = decode_stat(*stat);
        if (stats) {
            out.stats = std::move(*stats);
        } else {
            out.stats_error = stats.error();
        }
    }
    return out;
}

}  // namespace hortillon::gateway_bridge
