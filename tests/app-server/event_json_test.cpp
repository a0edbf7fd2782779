// The integration event JSON, field by field, against ChirpStack v4's names and formats.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "app-server/event_ids.hpp"
#include "app-server/event_json.hpp"
#include "app-server/topics.hpp"
#include "event_json_reference.hpp"

using namespace hortillon;
using namespace hortillon::app_server;
using nlohmann::json;

namespace {
// 2024-05-01T12:00:00.123456789Z
const UtcTime event_time =
    UtcTime{std::chrono::seconds{1'714'564'800}} + std::chrono::nanoseconds{123'456'789};
constexpr std::string_view event_time_text = "2024-05-01T12:00:00.123456789Z";

auto device_info() -> DeviceInfo {
    return DeviceInfo{.tenant_id = "52f14cd4-c6f1-4fbd-8f87-4025e1d49242",
                      .tenant_name = "amiens",
                      .application_id = "17c82e96-be03-4f38-aef3-f83d48582d97",
                      .application_name = "bins",
                      .device_profile_id = "14855bf7-d10d-4aee-b618-ebfcb64dc7ad",
                      .device_profile_name = "em310",
                      .device_name = "bin-12",
                      .dev_eui = lorawan::Eui64{0x0102030405060708},
                      .device_class = storage::DeviceClass::a,
                      .tags = R"({"street":"rue Saint-Leu","floor":2})"};
}

auto uplink_event() -> UplinkEvent {
    UplinkEvent event;
    event.deduplication_id = "3ac7e3c4-4401-4b8d-9386-a5c902f9202d";
    event.time = event_time;
    event.device_info = device_info();
    event.dev_addr = lorawan::DevAddr{0x00189440};
    event.adr = true;
    event.dr = 5;
    event.f_cnt = 10;
    event.f_port = 85;
    event.confirmed = false;
    event.data = {0x01, 0x75, 0x5c};
    event.object = json{{"battery", 92}};
    event.rx_info.push_back(RxInfo{.gateway_id = lorawan::Eui64{0x0016c001f153a14c},
                                   .uplink_id = 4217106255,
                                   .ns_time = event_time,
                                   .gw_time = std::nullopt,
                                   .rssi = -36,
                                   .snr = 10.5,
                                   .channel = 2,
                                   .rf_chain = 1,
                                   .location = Location{49.894, 2.2957, 33.0},
                                   .tmst = 0x13739639});
    event.tx_info = TxInfo{
        867'100'000, gateway_bridge::LoraModulation{7, 125'000, gateway_bridge::CodeRate::cr_4_5}};
    return event;
}
// The event's text, parsed back: the values a consumer reads.
template <class Event>
auto parsed(const Event& event) -> json {
    return json::parse(to_json_text(event));
}

auto join_event(const DeviceInfo& info) -> JoinEvent {
    return JoinEvent{"d1", event_time, info, lorawan::DevAddr{0x26011234}};
}

auto device_info_json(const DeviceInfo& info) -> json {
    return parsed(join_event(info))["deviceInfo"];
}

auto tx_info_json(const TxInfo& tx_info) -> json {
    auto event = uplink_event();
    event.tx_info = tx_info;
    return parsed(event)["txInfo"];
}
}  // namespace

TEST_CASE("event topics follow ChirpStack v4 with a lowercase DevEUI") {
    const lorawan::Eui64 dev_eui{0xA1B2C3D4E5F60708};
    CHECK(event_topic("app-1", dev_eui, EventType::up) ==
          "application/app-1/device/a1b2c3d4e5f60708/event/up");
    CHECK(event_topic("app-1", dev_eui, EventType::join).ends_with("/event/join"));
    CHECK(event_topic("app-1", dev_eui, EventType::ack).ends_with("/event/ack"));
    CHECK(event_topic("app-1", dev_eui, EventType::txack).ends_with("/event/txack"));
    CHECK(event_topic("app-1", dev_eui, EventType::status).ends_with("/event/status"));
    CHECK(event_topic("app-1", dev_eui, EventType::log).ends_with("/event/log"));
}

TEST_CASE("command topics parse, and every other shape is refused") {
    auto parsed = parse_command_topic("application/app-1/device/A1B2C3D4E5F60708/command/down");
    REQUIRE(parsed);
    CHECK(parsed->application_id == "app-1");
    CHECK(parsed->dev_eui == lorawan::Eui64{0xa1b2c3d4e5f60708});
    for (const char* bad : {"application/app-1/device/a1b2c3d4e5f60708/command/down/x",
                            "application//device/a1b2c3d4e5f60708/command/down",
                            "application/+/device/a1b2c3d4e5f60708/command/down",
                            "application/app-1/device/a1b2c3d4e5f607/command/down",
                            "application/app-1/device/a1b2c3d4e5f60708/command/up",
                            "application/app-1/devices/a1b2c3d4e5f60708/command/down",
                            "application/app-1/device/a1b2c3d4e5f60708/event/up", ""}) {
        INFO(bad);
        CHECK_FALSE(parse_command_topic(bad));
    }
}

TEST_CASE("deduplication ids are random UUID v4 and times RFC 3339 UTC") {
    const std::regex uuid_v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    EventIds ids;
    std::set<std::string> seen;
    // Past several 512-byte blocks, with 32-bit ids between them so that a UUID meets the end
    // of a block with fewer bytes left than it needs: every id is whole and none repeats.
    for (int i = 0; i < 200; ++i) {
        const auto id = ids.uuid_v4();
        CHECK(std::regex_match(id, uuid_v4));
        seen.insert(id);
        (void)ids.u32();
    }
    CHECK(seen.size() == 200);
    std::set<std::uint32_t> numbers;
    for (int i = 0; i < 1000; ++i)
        numbers.insert(ids.u32());
    CHECK(numbers.size() >= 999);  // a repeat among 1000 has a chance of about 1 in 8600
    CHECK(rfc3339_text(event_time).view() == event_time_text);
    CHECK(rfc3339_text(UtcTime{}).view() == "1970-01-01T00:00:00.000000000Z");
    using namespace std::chrono;
    CHECK(rfc3339_text(sys_days{2026y / 1 / 2} + 3h + 4min + 5s + 6ns).view() ==
          "2026-01-02T03:04:05.000000006Z");
    CHECK(rfc3339_text(sys_days{1999y / 12 / 31} + 23h + 59min + 59s + 999'999'999ns).view() ==
          "1999-12-31T23:59:59.999999999Z");
}

TEST_CASE("deviceInfo carries the tenancy, the class and the tags as strings") {
    const json info = device_info_json(device_info());
    CHECK(info == json{{"tenantId", "52f14cd4-c6f1-4fbd-8f87-4025e1d49242"},
                       {"tenantName", "amiens"},
                       {"applicationId", "17c82e96-be03-4f38-aef3-f83d48582d97"},
                       {"applicationName", "bins"},
                       {"deviceProfileId", "14855bf7-d10d-4aee-b618-ebfcb64dc7ad"},
                       {"deviceProfileName", "em310"},
                       {"deviceName", "bin-12"},
                       {"devEui", "0102030405060708"},
                       {"deviceClassEnabled", "CLASS_A"},
                       {"tags", {{"street", "rue Saint-Leu"}, {"floor", "2"}}}});
    auto class_c = device_info();
    class_c.device_class = storage::DeviceClass::c;
    class_c.tags = "not json";
    CHECK(device_info_json(class_c)["deviceClassEnabled"] == "CLASS_C");
    CHECK(device_info_json(class_c)["tags"] == json::object());
}

TEST_CASE("the up event has every ChirpStack field") {
    const json up = parsed(uplink_event());
    CHECK(up["deduplicationId"] == "3ac7e3c4-4401-4b8d-9386-a5c902f9202d");
    CHECK(up["time"] == event_time_text);
    CHECK(up["deviceInfo"] == device_info_json(device_info()));
    CHECK(up["devAddr"] == "00189440");
    CHECK(up["adr"] == true);
    CHECK(up["dr"] == 5);
    CHECK(up["fCnt"] == 10);
    CHECK(up["fPort"] == 85);
    CHECK(up["confirmed"] == false);
    CHECK(up["data"] == "AXVc");
    CHECK(up["object"] == json{{"battery", 92}});
    REQUIRE(up["rxInfo"].size() == 1);
    CHECK(up["rxInfo"][0] ==
          json{{"gatewayId", "0016c001f153a14c"},
               {"uplinkId", 4217106255},
               {"nsTime", event_time_text},
               {"rssi", -36},
               {"snr", 10.5},
               {"channel", 2},
               {"rfChain", 1},
               {"location", {{"latitude", 49.894}, {"longitude", 2.2957}, {"altitude", 33.0}}},
               {"context", "E3OWOQ=="},
               {"crcStatus", "CRC_OK"}});
    CHECK(up["txInfo"] ==
          json{{"frequency", 867'100'000},
               {"modulation",
                {{"lora",
                  {{"bandwidth", 125'000}, {"spreadingFactor", 7}, {"codeRate", "CR_4_5"}}}}}});
    CHECK(up.size() == 13);
}

TEST_CASE("an up event without a decoded object has no object key") {
    auto event = uplink_event();
    event.object.reset();
    event.rx_info[0].snr.reset();
    event.rx_info[0].location.reset();
    event.rx_info[0].gw_time = event_time;
    const json up = parsed(event);
    CHECK_FALSE(up.contains("object"));
    CHECK_FALSE(up["rxInfo"][0].contains("snr"));
    CHECK_FALSE(up["rxInfo"][0].contains("location"));
    CHECK(up["rxInfo"][0]["gwTime"] == event_time_text);
}

TEST_CASE("FSK and LR-FHSS uplinks name their modulation as ChirpStack does") {
    CHECK(tx_info_json(TxInfo{868'800'000, gateway_bridge::FskModulation{50'000, std::nullopt}}) ==
          json{{"frequency", 868'800'000}, {"modulation", {{"fsk", {{"datarate", 50'000}}}}}});
    CHECK(tx_info_json(TxInfo{868'100'000,
                              gateway_bridge::LrFhssModulation{
                                  137'000, gateway_bridge::CodeRate::cr_2_6, 52}})["modulation"] ==
          json{{"lrFhss",
                {{"operatingChannelWidth", 137'000}, {"codeRate", "CR_2_6"}, {"gridSteps", 52}}}});
    CHECK(code_rate_name(gateway_bridge::CodeRate::cr_4_8) == "CR_4_8");
    CHECK(code_rate_name(gateway_bridge::CodeRate::cr_li_4_5) == "CR_LI_4_5");
}

TEST_CASE("join, ack, txack and status events") {
    const JoinEvent join{"d1", event_time, device_info(), lorawan::DevAddr{0x26011234}};
    CHECK(parsed(join) == json{{"deduplicationId", "d1"},
                               {"time", event_time_text},
                               {"deviceInfo", device_info_json(device_info())},
                               {"devAddr", "26011234"}});
    const AckEvent ack{"d2", event_time, device_info(), "q-1", true, 7};
    CHECK(parsed(ack) == json{{"deduplicationId", "d2"},
                              {"time", event_time_text},
                              {"deviceInfo", device_info_json(device_info())},
                              {"queueItemId", "q-1"},
                              {"acknowledged", true},
                              {"fCntDown", 7}});
    const TxAckEvent txack{42,    event_time, device_info(),
                           "q-2", 8,          lorawan::Eui64{0xaa555a0000000001}};
    CHECK(parsed(txack) == json{{"downlinkId", 42},
                                {"time", event_time_text},
                                {"deviceInfo", device_info_json(device_info())},
                                {"queueItemId", "q-2"},
                                {"fCntDown", 8},
                                {"gatewayId", "aa555a0000000001"}});
    const TxAckEvent bare{43, event_time, device_info(), std::nullopt, std::nullopt, std::nullopt};
    CHECK(parsed(bare).size() == 3);
    const StatusEvent status{"d3", event_time, device_info(), 12, false, false, 87.5F};
    CHECK(parsed(status) == json{{"deduplicationId", "d3"},
                                 {"time", event_time_text},
                                 {"deviceInfo", device_info_json(device_info())},
                                 {"margin", 12},
                                 {"externalPowerSource", false},
                                 {"batteryLevelUnavailable", false},
                                 {"batteryLevel", 87.5}});
}

TEST_CASE("log events carry ChirpStack's level and code names") {
    const LogEvent log{event_time,      device_info(),
                       LogLevel::error, LogCode::uplink_codec,
                       "codec failed",  {{"deduplication_id", "d4"}}};
    CHECK(parsed(log) == json{{"time", event_time_text},
                              {"deviceInfo", device_info_json(device_info())},
                              {"level", "ERROR"},
                              {"code", "UPLINK_CODEC"},
                              {"description", "codec failed"},
                              {"context", {{"deduplication_id", "d4"}}}});
    CHECK(to_string(LogLevel::info) == "INFO");
    CHECK(to_string(LogLevel::warning) == "WARNING");
    CHECK(to_string(LogCode::downlink_payload_size) == "DOWNLINK_PAYLOAD_SIZE");
    CHECK(to_string(LogCode::uplink_mic) == "UPLINK_MIC");
    CHECK(to_string(LogCode::uplink_f_cnt_reset) == "UPLINK_F_CNT_RESET");
    CHECK(to_string(LogCode::uplink_f_cnt_retransmission) == "UPLINK_F_CNT_RETRANSMISSION");
    CHECK(to_string(LogCode::downlink_codec) == "DOWNLINK_CODEC");
    CHECK(to_string(LogCode::downlink_gateway) == "DOWNLINK_GATEWAY");
    CHECK(to_string(LogCode::otaa) == "OTAA");
    CHECK(to_string(LogCode::expired) == "EXPIRED");
}
