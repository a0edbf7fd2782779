#pragma once
// One received radio packet (a PUSH_DATA `rxpk`) as the network server consumes it: the
// PHYPayload plus how and when the gateway heard it. Field names follow ChirpStack's
// UplinkFrame / UplinkTxInfo / UplinkRxInfo; the rxpk key of each field is in its comment.

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "gateway-bridge/gateway_timestamp.hpp"
#include "gateway-bridge/modulation.hpp"
#include "gateway-bridge/utc_time.hpp"
#include "lorawan/bytes.hpp"
#include "lorawan/identifiers.hpp"

namespace hortillon::gateway_bridge {

// rxpk `stat`: 1, -1, 0. Only `ok` frames reach the network server.
enum class CrcStatus : std::int8_t { ok = 1, bad = -1, absent = 0 };

// One `rsig` entry: what one antenna / demodulator measured (Kerlink "JSON v2", `jver` 2).
struct AntennaSignal {
    std::uint8_t antenna = 0;                            // ant
    std::uint8_t channel = 0;                            // chan: IF channel
    std::int32_t rssi_channel = 0;                       // rssic, dBm
    std::optional<std::int32_t> rssi_signal;             // rssis, dBm
    std::optional<std::int32_t> rssi_signal_deviation;   // rssisd, dB
    std::optional<double> lsnr;                          // dB, 0.1 dB precision
    std::optional<std::int32_t> frequency_offset_hz;     // foff
    lorawan::Bytes encrypted_fine_timestamp;             // etime (base64 on the wire), or empty
    std::optional<std::int32_t> fine_timestamp_status;   // ftstat
    std::optional<std::int32_t> fine_timestamp_version;  // ftver
    std::optional<std::int32_t> fine_timestamp_delta;    // ftdelta

    auto operator==(const AntennaSignal&) const -> bool = default;
};

struct UplinkTxInfo {
    std::uint32_t frequency_hz = 0;  // round(freq * 1e6)
    Modulation modulation;           // modu, datr, codr, hpw

    auto operator==(const UplinkTxInfo&) const -> bool = default;
};

struct UplinkRxInfo {
    lorawan::Eui64 gateway_eui;
    GatewayTimestamp tmst;                                   // tmst: schedule downlinks from this
    std::optional<UtcTime> time;                             // time: UTC, only with GPS
    std::optional<GpsTime> gps_time;                         // tmms
    std::optional<std::chrono::nanoseconds> fine_timestamp;  // ftime: ns since the last PPS
    std::uint8_t channel = 0;                                // chan (or the best rsig's)
    std::uint8_t rf_chain = 0;                               // rfch (0 when absent)
    std::optional<std::uint32_t> board;                      // brd
    std::optional<std::uint8_t> modem_id;                    // mid
    std::optional<std::uint8_t> aes_key_index;               // aesk: key of the rsig etime values
    CrcStatus crc_status = CrcStatus::ok;                    // stat
    std::int32_t rssi = 0;                                   // rssi, dBm (or the best rsig's rssic)
    std::optional<std::int32_t> rssi_signal;                 // rssis, dBm
    std::optional<double> lsnr;                              // lsnr, dB; absent for FSK
    std::optional<std::int32_t> frequency_offset_hz;         // foff
    std::vector<AntennaSignal> antennas;  // rsig, in wire order; empty without it

    auto operator==(const UplinkRxInfo&) const -> bool = default;
};

struct UplinkFrame {
    lorawan::Bytes phy_payload;  // data (base64 on the wire), length checked against `size`
    UplinkTxInfo tx_info;
    UplinkRxInfo rx_info;

    auto operator==(const UplinkFrame&) const -> bool = default;
};

}  // namespace hortillon::gateway_bridge
