#include "network-server/radio.hpp"

#include <algorithm>
#include <cmath>

#include "network-server/adr/adr_history.hpp"

namespace hortillon::network_server {

namespace region = lorawan::region;

namespace {
auto to_region_data_rate(const gateway_bridge::Modulation& modulation)
    -> std::optional<region::DataRate> {
    if (const auto* lora = std::get_if<gateway_bridge::LoraModulation>(&modulation)) {
        return region::LoraModulation{static_cast<std::uint8_t>(lora->spreading_factor),
                                      lora->bandwidth_hz};
    }
    if (const auto* fsk = std::get_if<gateway_bridge::FskModulation>(&modulation)) {
        return region::FskModulation{fsk->bit_rate};
    }
    const auto& fhss = std::get<gateway_bridge::LrFhssModulation>(modulation);
    using gateway_bridge::CodeRate;
    // LR-FHSS forwarders write 1/3 as "2/6" and 2/3 as "4/6".
    if (fhss.code_rate == CodeRate::cr_2_6) {
        return region::LrFhssModulation{fhss.operating_channel_width_hz,
                                        region::LrFhssCodingRate::cr_1_3};
    }
    if (fhss.code_rate == CodeRate::cr_4_6) {
        return region::LrFhssModulation{fhss.operating_channel_width_hz,
                                        region::LrFhssCodingRate::cr_2_3};
    }
    return std::nullopt;
}

auto snr_of(const gateway_bridge::UplinkRxInfo& rx) -> double {
    return rx.lsnr.value_or(-100.0);
}
}  // namespace

auto uplink_data_rate(const region::Region& region, const gateway_bridge::Modulation& modulation)
    -> std::optional<std::uint8_t> {
    auto data_rate = to_region_data_rate(modulation);
    if (!data_rate)
        return std::nullopt;
    return region::data_rate_index(region, *data_rate, lorawan::Direction::uplink);
}

auto downlink_modulation(const region::Region& region, std::uint8_t dr)
    -> Result<gateway_bridge::Modulation, region::RegionError> {
    const auto* definition = region::data_rate_definition(region, dr);
    if (definition == nullptr || !definition->downlink) {
        return Unexpected{region::RegionError::unknown_data_rate};
    }
    if (const auto* lora = std::get_if<region::LoraModulation>(&definition->data_rate)) {
        return gateway_bridge::Modulation{gateway_bridge::LoraModulation{
            lora->spreading_factor, lora->bandwidth_hz, gateway_bridge::CodeRate::cr_4_5}};
    }
    if (const auto* fsk = std::get_if<region::FskModulation>(&definition->data_rate)) {
        return gateway_bridge::Modulation{
            gateway_bridge::FskModulation{fsk->bit_rate, fsk->bit_rate / 2}};
    }
    return Unexpected{region::RegionError::unknown_data_rate};  // LR-FHSS is uplink only
}

auto downlink_power_dbm(const region::Region& region, std::uint32_t frequency_hz) -> std::int32_t {
    const auto* band = region::duty_cycle_band(region, frequency_hz);
    const double eirp = band != nullptr && band->max_eirp_dbm > 0 ? band->max_eirp_dbm
                                                                  : region.default_max_eirp_dbm;
    return static_cast<std::int32_t>(std::floor(eirp));
}

auto best_gateway(std::span<const gateway_bridge::UplinkRxInfo> rx_infos,
                  const std::function<bool(const gateway_bridge::UplinkRxInfo&)>& can_transmit)
    -> std::optional<std::size_t> {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < rx_infos.size(); ++i) {
        if (!can_transmit(rx_infos[i]))
            continue;
        if (!best) {
            best = i;
            continue;
        }
        const auto& a = rx_infos[i];
        const auto& b = rx_infos[*best];
        if (snr_of(a) > snr_of(b) || (snr_of(a) == snr_of(b) && a.rssi > b.rssi))
            best = i;
    }
    return best;
}

auto link_check_margin(std::span<const gateway_bridge::UplinkRxInfo> rx_infos,
                       unsigned spreading_factor) -> std::uint8_t {
    double best = -1000;
    for (const auto& rx : rx_infos)
        best = std::max(best, snr_of(rx));
    const double margin =
        std::floor(best - required_snr_db(std::clamp(spreading_factor, 5U, 12U)).value_or(0));
    return static_cast<std::uint8_t>(std::clamp(margin, 0.0, 254.0));
}

}  // namespace hortillon::network_server
