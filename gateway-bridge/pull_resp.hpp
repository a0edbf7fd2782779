#pragma once
// PULL_RESP: a packet for the gateway to transmit. Its JSON starts at byte 4 (no EUI):
//
//   02 | token (2) | 03 | {"txpk":{"imme":true,"freq":869.525000,"rfch":0,"powe":27,
//                          "modu":"LORA","datr":"SF12BW125","codr":"4/5","ipol":true,
//                          "size":15,"data":"oL8/tACQAgABICUK5CYB"}}
//
// Send it to the address of the gateway's latest PULL_DATA, with a fresh random token: the
// gateway's TX_ACK echoes that token. The forwarder silently drops (no TX_ACK) a txpk that lacks
// a mandatory field, so the encoder validates before sending.

#include <cstdint>

#include "gateway-bridge/datagram.hpp"
#include "gateway-bridge/datagram_error.hpp"
#include "gateway-bridge/downlink_frame.hpp"
#include "lorawan/bytes.hpp"
#include "lorawan/result.hpp"

namespace hortillon::gateway_bridge {

inline constexpr std::size_t max_phy_payload_size = 255;

// The whole PULL_RESP datagram. Keys appear in a fixed order and `freq` with exactly six
// decimals ("868.100000"), as lora_pkt_fwd prints them.
// Errors: bad_field (payload over 255 bytes, zero frequency, an FSK bit rate or deviation of
// zero), missing_field (LoRa without a code rate, FSK without `fdev`), bad_data_rate (LR-FHSS,
// which is uplink only).
auto encode_pull_resp(Token token, const DownlinkFrame& frame,
                      std::uint8_t version = protocol_version)
    -> Result<lorawan::Bytes, DatagramError>;

// Decodes the body of a PULL_RESP as a gateway would (for tests and simulated gateways). Mirrors
// the v4.0.1 forwarder: `imme` true wins over `tmst`, which wins over `tmms`; freq is rounded to
// Hz. Stricter than the forwarder where our encoder always sends a field (powe, size).
// Errors: unexpected_identifier, bad_json, missing_field (txpk, freq, rfch, powe, modu, datr,
// LoRa codr, FSK fdev, size, data, and one of imme/tmst/tmms), bad_field, bad_data_rate (also
// LR-FHSS, which is uplink only), bad_base64, size_mismatch.
auto decode_pull_resp(const Datagram& datagram) -> Result<DownlinkFrame, DatagramError>;

}  // namespace hortillon::gateway_bridge
