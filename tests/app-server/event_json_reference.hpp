#pragma once
// The event JSON as an nlohmann tree, built as the app server built it before writing text.

#include <nlohmann/json.hpp>

#include "app-server/events.hpp"

namespace hortillon::app_server::test {

auto reference_json(const DeviceInfo& info) -> nlohmann::json;
auto reference_json(const RxInfo& rx_info) -> nlohmann::json;
auto reference_json(const TxInfo& tx_info) -> nlohmann::json;
auto reference_json(const UplinkEvent& event) -> nlohmann::json;
auto reference_json(const JoinEvent& event) -> nlohmann::json;
auto reference_json(const AckEvent& event) -> nlohmann::json;
auto reference_json(const TxAckEvent& event) -> nlohmann::json;
auto reference_json(const StatusEvent& event) -> nlohmann::json;
auto reference_json(const LogEvent& event) -> nlohmann::json;

}  // namespace hortillon::app_server::test
