#include "lorawan/mac/device_mode.hpp"

namespace hortillon::lorawan {

void DeviceModeInd::encode(Bytes& out) const {
    out.push_back(static_cast<std::uint8_t>(device_class));
}

auto DeviceModeInd::decode(PayloadView<size> payload) -> DeviceModeInd {
    return DeviceModeInd{.device_class = static_cast<DeviceModeClass>(payload[0])};
}

void DeviceModeConf::encode(Bytes& out) const {
    out.push_back(static_cast<std::uint8_t>(device_class));
}

auto DeviceModeConf::decode(PayloadView<size> payload) -> DeviceModeConf {
    return DeviceModeConf{.device_class = static_cast<DeviceModeClass>(payload[0])};
}

}  // namespace hortillon::lorawan
