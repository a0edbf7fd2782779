#include "gateway-bridge/rxpk.hpp"

#include <cmath>
#include <limits>

#include "gateway-bridge/base64.hpp"
#include "gateway-bridge/field_reader.hpp"

namespace hortillon::gateway_bridge {

namespace {

constexpr double max_frequency_hz = 4294967295.0;  // what fits the uint32 of UplinkTxInfo
constexpr std::int64_t max_fine_timestamp_ns = 999'999'999;

// `data`, decoded, and checked against `size` when present.
auto read_payload(FieldReader& in) -> lorawan::Bytes {
    auto text = in.required_string("data");
    auto size = in.optional_int<std::uint16_t>("size");
    if (in.error())
        return {};
    auto payload = decode_base64(text);
    if (!payload) {
        in.fail(DatagramError::bad_base64);
        return {};
    }
    if (size && *size != payload->size())
        in.fail(DatagramError::size_mismatch);
    return std::move(*payload);
}

auto read_frequency_hz(FieldReader& in) -> std::uint32_t {
    auto hz = std::round(in.required_number("freq") * 1e6);
    if (in.error())
        return 0;
    if (!(hz > 0.0 && hz <= max_frequency_hz)) {
        in.fail(DatagramError::bad_field);
        return 0;
    }
    return static_cast<std::uint32_t>(hz);
}

auto read_crc_status(FieldReader& in) -> CrcStatus {
    auto stat = in.required_int<std::int8_t>("stat");
    if (stat < -1 || stat > 1)
        in.fail(DatagramError::bad_field);
    return static_cast<CrcStatus>(stat);
}

void read_timing(FieldReader& in, UplinkRxInfo& rx) {
    rx.tmst = GatewayTimestamp{in.required_int<std::uint32_t>("tmst")};
    if (auto tmms = in.optional_integer("tmms", 0, std::int64_t{1} << 52)) {
        rx.gps_time = GpsTime{std::chrono::milliseconds{*tmms}};
    }
    if (auto ftime = in.optional_integer("ftime", 0, max_fine_timestamp_ns)) {
        rx.fine_timestamp = std::chrono::nanoseconds{*ftime};
    }
    auto time = in.optional_string("time");
    if (time && !time->empty()) {  // some forwarders send "" without a GPS fix
        rx.time = parse_compact_time(*time);
        if (!rx.time)
            in.fail(DatagramError::bad_time);
    }
}

void read_radio(FieldReader& in, UplinkRxInfo& rx) {
    rx.crc_status = read_crc_status(in);
    rx.channel = in.optional_int<std::uint8_t>("chan").value_or(0);
    rx.rf_chain = in.optional_int<std::uint8_t>("rfch").value_or(0);
    rx.board = in.optional_int<std::uint32_t>("brd");
    rx.modem_id = in.optional_int<std::uint8_t>("mid");
    rx.aes_key_index = in.optional_int<std::uint8_t>("aesk");
    rx.rssi_signal = in.optional_int<std::int32_t>("rssis");
    rx.lsnr = in.optional_number("lsnr");
    rx.frequency_offset_hz = in.optional_int<std::int32_t>("foff");
}

auto decode_antenna(JsonValue entry) -> Result<AntennaSignal, DatagramError> {
    if (!entry.is_object())
        return Unexpected{DatagramError::bad_field};
    FieldReader in{entry};
    AntennaSignal out;
    out.antenna = in.optional_int<std::uint8_t>("ant").value_or(0);
    out.channel = in.optional_int<std::uint8_t>("chan").value_or(0);
    out.rssi_channel = in.required_int<std::int32_t>("rssic");
    out.rssi_signal = in.optional_int<std::int32_t>("rssis");
    out.rssi_signal_deviation = in.optional_int<std::int32_t>("rssisd");
    out.lsnr = in.optional_number("lsnr");
    out.frequency_offset_hz = in.optional_int<std::int32_t>("foff");
    out.fine_timestamp_status = in.optional_int<std::int32_t>("ftstat");
    out.fine_timestamp_version = in.optional_int<std::int32_t>("ftver");
    out.fine_timestamp_delta = in.optional_int<std::int32_t>("ftdelta");
    if (auto etime = in.optional_string("etime")) {
        auto bytes = decode_base64(*etime);
        if (!bytes)
            in.fail(DatagramError::bad_base64);
        if (bytes)
            out.encrypted_fine_timestamp = std::move(*bytes);
    }
    if (in.error())
        return Unexpected{*in.error()};
    return out;
}

// The antenna the top-level signal fields default to: the best SNR, then the best RSSI.
auto best_antenna(const std::vector<AntennaSignal>& antennas) -> const AntennaSignal& {
    constexpr double no_snr = -std::numeric_limits<double>::infinity();
    const auto* best = &antennas.front();
    for (const auto& candidate : antennas) {
        auto snr = candidate.lsnr.value_or(no_snr);
        auto best_snr = best->lsnr.value_or(no_snr);
        if (snr > best_snr || (snr == best_snr && candidate.rssi_channel > best->rssi_channel)) {
            best = &candidate;
        }
    }
    return *best;
}

// `rssi` and friends, or (JSON v2 format) the values of the best `rsig` entry where absent.
void read_signal(FieldReader& in, UplinkRxInfo& rx) {
    auto rsig = in.member("rsig");
    if (!rsig) {
        rx.rssi = in.required_int<std::int32_t>("rssi");
        return;
    }
    if (!rsig->is_array() || rsig->empty())
        return in.fail(DatagramError::bad_field);
    for (auto entry : *rsig) {
        auto antenna = decode_antenna(entry);
        if (!antenna)
            return in.fail(antenna.error());
        rx.antennas.push_back(std::move(*antenna));
    }
    const auto& best = best_antenna(rx.antennas);
    rx.rssi = in.optional_int<std::int32_t>("rssi").value_or(best.rssi_channel);
    if (!rx.lsnr)
        rx.lsnr = best.lsnr;
    if (!rx.rssi_signal)
        rx.rssi_signal = best.rssi_signal;
    if (!rx.frequency_offset_hz)
        rx.frequency_offset_hz = best.frequency_offset_hz;
    if (!in.has("chan"))
        rx.channel = best.channel;
}

}  // namespace

auto decode_rxpk(JsonValue rxpk, lorawan::Eui64 gateway_eui) -> Result<UplinkFrame, DatagramError> {
    if (!rxpk.is_object())
        return Unexpected{DatagramError::bad_field};
    FieldReader in{rxpk};
    UplinkFrame frame;
    frame.rx_info.gateway_eui = gateway_eui;
    read_timing(in, frame.rx_info);
    read_radio(in, frame.rx_info);
    read_signal(in, frame.rx_info);
    frame.tx_info.frequency_hz = read_frequency_hz(in);
    auto modulation = read_modulation(in);
    frame.phy_payload = read_payload(in);
    if (in.error() || !modulation) {
        return Unexpected{in.error().value_or(DatagramError::bad_data_rate)};
    }
    frame.tx_info.modulation = std::move(*modulation);
    return frame;
}

}  // namespace hortillon::gateway_bridge
