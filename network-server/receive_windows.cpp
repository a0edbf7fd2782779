#include "network-server/receive_windows.hpp"

#include "network-server/radio.hpp"

namespace hortillon::network_server {

namespace region = lorawan::region;
using namespace std::chrono_literals;

namespace {
auto make_window(const region::Region& region, ReceiveWindow window, std::uint8_t dr,
                 std::uint32_t frequency_hz, gateway_bridge::TxTiming timing,
                 std::chrono::microseconds delay) -> Result<TxWindow, region::RegionError> {
    auto modulation = downlink_modulation(region, dr);
    if (!modulation)
        return Unexpected{modulation.error()};
    TxWindow tx{.window = window, .dr = dr, .frame = {}, .delay_after_uplink = delay};
    tx.frame.timing = timing;
    tx.frame.frequency_hz = frequency_hz;
    tx.frame.power_dbm = downlink_power_dbm(region, frequency_hz);
    tx.frame.modulation = *modulation;
    tx.frame.invert_polarity = true;
    return tx;
}

auto rx2_frequency(const region::Region& region, const RxSettings& settings) -> std::uint32_t {
    return settings.rx2_frequency_hz != 0 ? settings.rx2_frequency_hz
                                          : region.rx2_default.frequency_hz;
}
}  // namespace

auto default_rx_settings(const region::Region& region) -> RxSettings {
    return RxSettings{.rx1_delay = region.defaults.receive_delay1,
                      .rx1_dr_offset = 0,
                      .rx2_dr = region.rx2_default.dr,
                      .rx2_frequency_hz = region.rx2_default.frequency_hz};
}

auto join_accept_rx_settings(const region::Region& region) -> RxSettings {
    RxSettings settings = default_rx_settings(region);
    settings.rx1_delay = region.defaults.join_accept_delay1;
    return settings;
}

auto plan_rx1(const region::Region& region, const RxSettings& settings, const UplinkRadio& uplink)
    -> Result<TxWindow, region::RegionError> {
    auto dr = region::rx1_data_rate(region, uplink.dr, settings.rx1_dr_offset);
    if (!dr)
        return Unexpected{dr.error()};
    auto frequency = region::rx1_frequency(region, uplink.frequency_hz);
    if (!frequency)
        return Unexpected{frequency.error()};
    const std::chrono::microseconds delay = settings.rx1_delay;
    return make_window(region, ReceiveWindow::rx1, *dr, *frequency,
                       gateway_bridge::to_gateway_timestamp(uplink.tmst, delay), delay);
}

auto plan_rx2(const region::Region& region, const RxSettings& settings, const UplinkRadio& uplink)
    -> Result<TxWindow, region::RegionError> {
    const std::chrono::microseconds delay = settings.rx1_delay + 1s;
    return make_window(region, ReceiveWindow::rx2, settings.rx2_dr, rx2_frequency(region, settings),
                       gateway_bridge::to_gateway_timestamp(uplink.tmst, delay), delay);
}

auto plan_immediate(const region::Region& region, const RxSettings& settings)
    -> Result<TxWindow, region::RegionError> {
    return make_window(region, ReceiveWindow::immediate, settings.rx2_dr,
                       rx2_frequency(region, settings), gateway_bridge::SendImmediately{}, 0us);
}

}  // namespace hortillon::network_server
