#include "lorawan/mac/device_time.hpp"

namespace hortillon::lorawan {
namespace {

constexpr std::size_t seconds_at = 0;
constexpr std::size_t fractional_second_at = 4;

}  // namespace

void DeviceTimeAns::encode(Bytes& out) const {
    append_u32_le(out, seconds);
    out.push_back(fractional_second);
}

auto DeviceTimeAns::decode(PayloadView<size> payload) -> DeviceTimeAns {
    return DeviceTimeAns{
        .seconds = read_u32_le(payload, seconds_at),
        .fractional_second = payload[fractional_second_at],
    };
}

}  // namespace hortillon::lorawan
