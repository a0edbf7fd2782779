// The application server's flows on a real store: uplinks decrypted and decoded into `up`
// events, codec failures that keep the uplink, joins and gateway results, and downlink commands
// queued or refused with a `log` event.
#include <catch2/catch.hpp>

#include "app-server/application_server.hpp"
#include "lorawan/crypto/data_frame_crypto.hpp"
#include "store_fixture.hpp"

using namespace hortillon;
using namespace hortillon::app_server;
using namespace hortillon::storage::test;
using nlohmann::json;

namespace {
const auto now = std::chrono::system_clock::time_point{std::chrono::seconds{1'714'564'800}};
const lorawan::Eui64 dev_eui{0x0102030405060708};
const lorawan::Eui64 gateway_eui{0xaa555a0000000001};
const lorawan::DevAddr dev_addr{0x26011234};

// Decodes {"first": byte 0} and fails on FPort 99; encodes {"level": n} as one byte.
class FirstByteCodec final : public codecs::NativeCodec {
  public:
    FirstByteCodec()
        : NativeCodec(codecs::CodecInfo{.id = "first-byte",
                                        .vendor = "test",
                                        .device = "test",
                                        .family = codecs::Family::bin,
                                        .kind = codecs::CodecKind::native,
                                        .encodes_downlink = true,
                                        .decodes_downlink = false}) {}
    auto decode_uplink(const codecs::UplinkInput& input) const -> codecs::CodecResult override {
        if (input.f_port == 99 || input.bytes.empty())
            return codecs::decode_error("unknown FPort 99");
        return codecs::CodecResult{json{{"first", input.bytes[0]}}, {}, {}};
    }
    auto encode_downlink(const json& input) const -> codecs::EncodeResult override {
        return codecs::EncodeResult{
            {static_cast<std::uint8_t>(input.at("data").value("level", 0))}, 0, {}, {}};
    }
};

auto session_keys() -> lorawan::SessionKeys {
    return lorawan::SessionKeys{test_key(1), test_key(1), test_key(1), test_key(2)};
}

struct ApplicationFixture : TenantFixture {
    telemetry::Counters counters;
    telemetry::Logger logger = telemetry::make_logger("as", telemetry::LogLevel::off);
    codecs::CodecRegistry registry;
    EventOutbox outbox{1000, counters, logger};
    int notified = 0;
    std::unique_ptr<ApplicationServer> server;
    network_server::CollectedUplink radio;

    ApplicationFixture() {
        registry.add(std::make_unique<FirstByteCodec>());
        auto coded = *store->create_device_profile(storage::DeviceProfile{
            .tenant_id = tenant.id, .name = "coded", .codec_id = std::string("first-byte")});
        storage::Device device{.dev_eui = dev_eui,
                               .application_id = application.id,
                               .device_profile_id = coded.id,
                               .name = "bin-12",
                               .tags = R"({"street":"rue Saint-Leu"})"};
        REQUIRE(store->create_device(
            storage::NewDevice{device, storage::AbpActivation{dev_addr, session_keys()}}));
        REQUIRE(store->create_gateway(
            storage::Gateway{.gateway_id = gateway_eui,
                             .tenant_id = tenant.id,
                             .name = "beffroi",
                             .location = storage::GatewayLocation{49.894, 2.2957, 33.0}}));
        server = std::make_unique<ApplicationServer>(*store, registry, outbox, counters, logger,
                                                     [this] { ++notified; });
        radio.tx_info = gateway_bridge::UplinkTxInfo{
            868'100'000,
            gateway_bridge::LoraModulation{7, 125'000, gateway_bridge::CodeRate::cr_4_5}};
        gateway_bridge::UplinkRxInfo rx;
        rx.gateway_eui = gateway_eui;
        rx.tmst = gateway_bridge::GatewayTimestamp{0x13739639};
        rx.rssi = -70;
        rx.lsnr = 7.5;
        radio.rx_infos.push_back(rx);
    }

    // An uplink whose plain FRMPayload is `plain`, encrypted as the device would.
    auto uplink(std::uint8_t f_port, const lorawan::Bytes& plain)
        -> network_server::AcceptedUplink {
        return network_server::AcceptedUplink{
            .dev_eui = dev_eui,
            .dev_addr = dev_addr,
            .f_cnt = 41,
            .f_port = f_port,
            .frm_payload = lorawan::encrypt_frm_payload(
                lorawan::Aes128(test_key(2)), lorawan::Direction::uplink, dev_addr, 41, plain),
            .app_s_key = test_key(2),
            .confirmed = true,
            .adr = true,
            .dr = 5,
            .radio = &radio};
    }

    auto events() -> std::vector<OutboxEvent> { return *read_outbox(store->database(), 0, 100); }
    auto topic(std::string_view type) const -> std::string {
        return "application/" + application.id + "/device/0102030405060708/event/" +
               std::string(type);
    }
};
}  // namespace

TEST_CASE("an uplink becomes an up event with the decrypted payload and the decoded object") {
    ApplicationFixture fixture;
    fixture.server->on_uplink(fixture.uplink(10, {0x2a, 0x01}), now);
    auto events = fixture.events();
    REQUIRE(events.size() == 1);
    CHECK(events[0].topic == fixture.topic("up"));
    const json up = json::parse(events[0].payload);
    CHECK(up["data"] == "KgE=");
    CHECK(up["object"] == json{{"first", 42}});
    CHECK(up["fCnt"] == 41);
    CHECK(up["fPort"] == 10);
    CHECK(up["confirmed"] == true);
    CHECK(up["adr"] == true);
    CHECK(up["dr"] == 5);
    CHECK(up["devAddr"] == "26011234");
    CHECK(up["deviceInfo"]["tenantName"] == "commune");
    CHECK(up["deviceInfo"]["applicationName"] == "meters");
    CHECK(up["deviceInfo"]["deviceProfileName"] == "coded");
    CHECK(up["deviceInfo"]["deviceName"] == "bin-12");
    CHECK(up["deviceInfo"]["tags"] == json{{"street", "rue Saint-Leu"}});
    CHECK(up["rxInfo"][0]["gatewayId"] == "aa555a0000000001");
    CHECK(up["rxInfo"][0]["location"]["latitude"] == 49.894);
    CHECK(up["rxInfo"][0]["context"] == "E3OWOQ==");
    CHECK(up["txInfo"]["frequency"] == 868'100'000);
    CHECK(fixture.notified == 1);
}

TEST_CASE("a codec failure keeps the uplink: up without object, then a log event") {
    ApplicationFixture fixture;
    fixture.server->on_uplink(fixture.uplink(99, {0x01}), now);
    auto events = fixture.events();
    REQUIRE(events.size() == 2);
    const json up = json::parse(events[0].payload);
    CHECK(up["data"] == "AQ==");
    CHECK_FALSE(up.contains("object"));
    CHECK(events[1].topic == fixture.topic("log"));
    const json log = json::parse(events[1].payload);
    CHECK(log["level"] == "ERROR");
    CHECK(log["code"] == "UPLINK_CODEC");
    CHECK_THAT(log["description"].get<std::string>(), Catch::Contains("unknown FPort 99"));
    CHECK(log["context"]["deduplication_id"] == up["deduplicationId"]);
    CHECK(fixture.counters.value("as_uplink_codec_error") == 1);
}

TEST_CASE("the publisher is woken only when the events' transaction commits") {
    ApplicationFixture fixture;
    auto batch = storage::Transaction::begin(fixture.store->database());
    REQUIRE(batch);
    {
        // As the network server handles one uplink of a batch, whose savepoint then rolls back.
        auto uplink = storage::Transaction::begin(fixture.store->database());
        REQUIRE(uplink);
        REQUIRE(fixture.server->on_uplink(fixture.uplink(10, {0x01}), now));
        uplink->rollback();
    }
    CHECK(fixture.notified == 0);
    REQUIRE(batch->commit());
    CHECK(fixture.notified == 0);  // nothing of it was committed
    REQUIRE(fixture.server->on_uplink(fixture.uplink(10, {0x02}), now));
    CHECK(fixture.notified == 1);
    const auto events = fixture.events();
    REQUIRE(events.size() == 1);
    CHECK(json::parse(events[0].payload)["data"] == "Ag==");
}

TEST_CASE("joins, acknowledgements and gateway results become join, ack, txack and log") {
    ApplicationFixture fixture;
    fixture.server->on_join(dev_eui, dev_addr, now);
    const auto gateway = *lorawan::Eui64::parse("0102030405060708");
    fixture.server->on_downlink_acknowledged({dev_eui, "q-1", 7, true}, now);
    fixture.server->on_tx_result(
        {dev_eui, std::string("q-2"), 8, gateway, gateway_bridge::TxAckError::none}, now);
    fixture.server->on_tx_result(
        {dev_eui, std::nullopt, 9, gateway, gateway_bridge::TxAckError::too_late}, now);
    auto events = fixture.events();
    REQUIRE(events.size() == 4);
    CHECK(events[0].topic == fixture.topic("join"));
    CHECK(json::parse(events[0].payload)["devAddr"] == "26011234");
    CHECK(events[1].topic == fixture.topic("ack"));
    CHECK(json::parse(events[1].payload)["queueItemId"] == "q-1");
    CHECK(json::parse(events[1].payload)["acknowledged"] == true);
    CHECK(json::parse(events[1].payload)["fCntDown"] == 7);
    CHECK(events[2].topic == fixture.topic("txack"));
    CHECK(json::parse(events[2].payload)["queueItemId"] == "q-2");
    CHECK(json::parse(events[2].payload)["fCntDown"] == 8);
    CHECK(json::parse(events[2].payload)["gatewayId"] == "0102030405060708");
    CHECK(events[3].topic == fixture.topic("log"));
    const json log = json::parse(events[3].payload);
    CHECK(log["code"] == "DOWNLINK_GATEWAY");
    CHECK(log["level"] == "WARNING");
    CHECK(log["context"]["tx_ack_error"] == "TOO_LATE");
    CHECK(log["context"]["gateway_id"] == "0102030405060708");
}

TEST_CASE("a valid command is queued; data and object both work") {
    ApplicationFixture fixture;
    const std::string topic =
        "application/" + fixture.application.id + "/device/0102030405060708/command/down";
    auto queued = fixture.server->on_command(topic, R"({"fPort":3,"data":"AQID"})", now);
    REQUIRE(queued);
    auto encoded = fixture.server->on_command(
        topic, R"({"fPort":4,"confirmed":true,"object":{"level":7}})", now);
    REQUIRE(encoded);
    auto items = *fixture.store->list_downlinks(dev_eui);
    REQUIRE(items.size() == 2);
    CHECK(items[0].data == lorawan::Bytes{1, 2, 3});
    CHECK(items[0].f_port == 3);
    CHECK(items[1].data == lorawan::Bytes{7});
    CHECK(items[1].confirmed);
    CHECK(fixture.events().empty());
    CHECK(fixture.counters.value("as_command_queued") == 2);
}

TEST_CASE("refused commands queue nothing and answer with a log event") {
    ApplicationFixture fixture;
    const std::string topic =
        "application/" + fixture.application.id + "/device/0102030405060708/command/down";
    const std::string long_data = R"({"fPort":1,"data":")" + std::string(72, 'A') + "\"}";
    CHECK(fixture.server->on_command(topic, long_data, now).error() ==
          CommandError::payload_too_long);
    CHECK(fixture.server->on_command(topic, "{not json", now).error() == CommandError::bad_json);
    const std::string other_app = "application/other/device/0102030405060708/command/down";
    CHECK(fixture.server->on_command(other_app, R"({"fPort":1,"data":"AQ=="})", now).error() ==
          CommandError::wrong_application);
    const std::string unknown = "application/other/device/0102030405060799/command/down";
    CHECK(fixture.server->on_command(unknown, R"({"fPort":1,"data":"AQ=="})", now).error() ==
          CommandError::unknown_device);
    CHECK(fixture.server->on_command("application/x/command/down", "{}", now).error() ==
          CommandError::bad_topic);
    CHECK(fixture.store->list_downlinks(dev_eui)->empty());

    auto events = fixture.events();
    REQUIRE(events.size() == 4);  // none for the malformed topic
    const json too_long = json::parse(events[0].payload);
    CHECK(events[0].topic == fixture.topic("log"));
    CHECK(too_long["code"] == "DOWNLINK_PAYLOAD_SIZE");
    CHECK(too_long["deviceInfo"]["deviceName"] == "bin-12");
    CHECK(json::parse(events[1].payload)["context"]["reason"] == "bad_json");
    // The other application learns nothing about the device, not even that it exists.
    CHECK(events[2].topic == "application/other/device/0102030405060708/event/log");
    const json foreign = json::parse(events[2].payload);
    CHECK(foreign["deviceInfo"]["deviceName"] == "");
    CHECK(foreign["deviceInfo"]["tenantName"] == "");
    CHECK(foreign["description"] == json::parse(events[3].payload)["description"]);
    CHECK(fixture.counters.value("as_command_payload_too_long") == 1);
    CHECK(fixture.counters.value("as_command_bad_topic") == 1);
}
