// The event text writer against the nlohmann tree the events were built as before: the same
// bytes for every event, optional field and awkward string or number.
#include <catch2/catch.hpp>

#include <limits>

#include "app-server/event_json.hpp"
#include "event_json_reference.hpp"

using namespace hortillon;
using namespace hortillon::app_server;
using nlohmann::json;

namespace {

const UtcTime event_time =
    UtcTime{std::chrono::seconds{1'714'564'800}} + std::chrono::nanoseconds{123'456'789};

auto device_info(std::string tags) -> DeviceInfo {
    return DeviceInfo{.tenant_id = "52f14cd4-c6f1-4fbd-8f87-4025e1d49242",
                      .tenant_name = "Syndicat \"Somme\" \\ eau",
                      .application_id = "17c82e96-be03-4f38-aef3-f83d48582d97",
                      .application_name = "Éclairage public — Amiens",
                      .device_profile_id = "14855bf7-d10d-4aee-b618-ebfcb64dc7ad",
                      .device_profile_name = "tab\there, newline\nand \x01\x1f\x7f",
                      .device_name = "bin-12 🗑",
                      .dev_eui = lorawan::Eui64{0xa1b2c3d4e5f60708},
                      .device_class = storage::DeviceClass::c,
                      .tags = std::move(tags)};
}

auto rx_info(std::uint8_t channel) -> RxInfo {
    return RxInfo{.gateway_id = lorawan::Eui64{0x0016c001f153a14c},
                  .uplink_id = 4'294'967'295U - channel,
                  .ns_time = event_time + std::chrono::microseconds{channel},
                  .gw_time = std::nullopt,
                  .rssi = -120 + channel,
                  .snr = std::nullopt,
                  .channel = channel,
                  .rf_chain = 1,
                  .location = std::nullopt,
                  .tmst = 0xfffffff0U + channel};
}

auto uplink_event() -> UplinkEvent {
    UplinkEvent event;
    event.deduplication_id = "3ac7e3c4-4401-4b8d-9386-a5c902f9202d";
    event.time = event_time;
    event.device_info =
        device_info(R"({"street":"rue Saint-Leu","floor":2,"é\"key":[1,{"b":true}]})");
    event.dev_addr = lorawan::DevAddr{0xfe189440};
    event.adr = true;
    event.dr = 15;
    event.f_cnt = 4'294'967'295U;
    event.f_port = 224;
    event.confirmed = true;
    event.data = {0x00, 0xff, 0x75, 0x5c, 0x10};
    event.object = json{{"battery", 92},
                        {"temperature", -7.25},
                        {"ratio", 1.0 / 3.0},
                        {"label", "niveau \"haut\" à 80 %"},
                        {"levels", {0.1, 1e-7, 2e21, 12.0}},
                        {"nested", {{"on", false}, {"none", nullptr}}},
                        {"counts", {-3, std::numeric_limits<std::uint64_t>::max(), 0}},
                        {"empty", {{"list", json::array()}, {"map", json::object()}}},
                        {"key \"quoted\"\t", "line\nbreak \u001f"}};
    auto located = rx_info(2);
    located.gw_time = event_time - std::chrono::nanoseconds{1};
    located.snr = -19.75;
    located.location = Location{49.894, 2.2957, std::nullopt};
    auto high = rx_info(7);
    high.snr = 0.1;
    high.location = Location{-33.8688, 151.2093, 33.0};
    event.rx_info = {located, rx_info(0), high};
    event.tx_info = TxInfo{867'100'000, gateway_bridge::LoraModulation{12, 500'000, std::nullopt}};
    return event;
}

template <class Event>
void check_same_text(const Event& event) {
    const std::string text = to_json_text(event);
    INFO(text);
    CHECK(text == test::reference_json(event).dump());
    CHECK(json::parse(text) == test::reference_json(event));
}

}  // namespace

TEST_CASE("up event text equals the nlohmann dump, with every optional field") {
    check_same_text(uplink_event());
    CHECK(to_json_text(uplink_event())
              .starts_with(R"({"adr":true,"confirmed":true,"data":"AP91XBA=")"));
}

TEST_CASE("up event text equals the nlohmann dump without object, receptions or tags") {
    auto event = uplink_event();
    event.object.reset();
    event.rx_info.clear();
    event.device_info = device_info("{}");
    event.data.clear();
    event.tx_info = TxInfo{868'800'000, gateway_bridge::FskModulation{50'000, 25'000}};
    check_same_text(event);
    CHECK(to_json_text(event).find(R"("rxInfo":[],)") != std::string::npos);

    event.object = json::object();
    event.device_info = device_info("not json");
    event.tx_info = TxInfo{868'100'000, gateway_bridge::LrFhssModulation{
                                            137'000, gateway_bridge::CodeRate::cr_2_6, 52}};
    check_same_text(event);
    event.device_info = device_info("[1,2]");
    event.tx_info = TxInfo{868'100'000,
                           gateway_bridge::LrFhssModulation{1'523'000, std::nullopt, std::nullopt}};
    check_same_text(event);
    event.tx_info = TxInfo{869'525'000, gateway_bridge::LoraModulation{
                                            7, 125'000, gateway_bridge::CodeRate::cr_li_4_8}};
    check_same_text(event);
}

TEST_CASE("join, ack, txack, status and log event texts equal the nlohmann dump") {
    const auto info = device_info(R"({"zone":"nord","Zone":"sud","n":1.5})");
    check_same_text(JoinEvent{"d1", event_time, info, lorawan::DevAddr{0x26011234}});
    check_same_text(AckEvent{"d2", event_time, info, "q-1", true, 4'294'967'295U});
    check_same_text(AckEvent{"d2", event_time, info, "", false, std::nullopt});
    check_same_text(TxAckEvent{42, event_time, info, "q-2", 8, lorawan::Eui64{0xaa555a0000000001}});
    check_same_text(TxAckEvent{0, event_time, info, std::nullopt, std::nullopt, std::nullopt});
    check_same_text(StatusEvent{"d3", event_time, info, -20, true, true, 33.3F});
    check_same_text(StatusEvent{"d3", event_time, info, 31, false, false, 0.0F});
    check_same_text(LogEvent{event_time,
                             info,
                             LogLevel::warning,
                             LogCode::uplink_codec,
                             "codec said: \"bad\"\n",
                             {{"deduplication_id", "d4"}, {"Reason", "é"}, {"", "\t"}}});
    check_same_text(LogEvent{event_time, info, LogLevel::info, LogCode::expired, "", {}});
}

TEST_CASE("invalid UTF-8 in a name is replaced, and the event stays valid JSON") {
    auto event = uplink_event();
    event.device_info.device_name = "bin\xff\xfe-12";
    const json up = json::parse(to_json_text(event));
    CHECK(up["deviceInfo"]["deviceName"] == "bin\xEF\xBF\xBD\xEF\xBF\xBD-12");
}
