#pragma once
// ChirpStack v4 integration JSON for each event (camelCase keys, as its MQTT integration sends
// them with `json = true`), so that existing dashboards and flows read Hortillon unchanged.
//
//   bytes       -> standard base64 ("data", rxInfo "context")
//   EUIs        -> 16 lowercase hex digits; DevAddr -> 8
//   times       -> RFC 3339 UTC with nanoseconds, "2024-05-01T12:00:00.123456789Z"
//   enums       -> ChirpStack's names ("CLASS_A", "CR_4_5", "CRC_OK", "UPLINK_CODEC")
//
// Unlike ChirpStack's protobuf JSON, fields with a zero value (adr false, fCnt 0) are written
// rather than left out, so that a consumer never has to know proto3's defaults.
//
// Each event is written straight as text (see json_text.hpp), with the keys in the sorted order
// that nlohmann::json::dump() gave them before; the codec's `object` is dumped by nlohmann.

#include <string>

#include "app-server/events.hpp"

namespace hortillon::app_server {

auto to_json_text(const UplinkEvent& event) -> std::string;
auto to_json_text(const JoinEvent& event) -> std::string;
auto to_json_text(const AckEvent& event) -> std::string;
auto to_json_text(const TxAckEvent& event) -> std::string;
auto to_json_text(const StatusEvent& event) -> std::string;
auto to_json_text(const LogEvent& event) -> std::string;

// "CR_4_5", ... ChirpStack's CodeRate names.
auto code_rate_name(gateway_bridge::CodeRate rate) -> std::string_view;

}  // namespace hortillon::app_server
