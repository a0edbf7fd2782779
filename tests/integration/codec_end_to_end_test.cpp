// Device codecs end to end through a real broker: one device of each family (bin, water meter,
// water level) in a device profile naming its codec sends a frame from the codec vectors, and
// the `up` event's `object` is the vector's expected data; a command/down with an `object` is
// encoded by the codec and reaches the device in RX1; a truncated frame still gives its `up`
// event (without `object`) and a `log` event with the codec's message.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "codecs/builtin.hpp"
#include "mosquitto.hpp"
#include "mqtt_test_client.hpp"
#include "server_fixture.hpp"
#include "simulated_device.hpp"
#include "uplink_steps.hpp"

using namespace hortillon;
using namespace hortillon::lorawan;
using namespace hortillon::test_support;
using nlohmann::json;

namespace {
const Eui64 gateway_eui{0xaa555a0000000001};

// The first example of `routine` in tests/data/codecs/vectors/<codec_id>.json.
auto vector_example(const std::string& codec_id, const std::string& routine) -> json {
    std::ifstream file(std::string(HORTILLON_TEST_DATA) + "/codecs/vectors/" + codec_id + ".json");
    REQUIRE(file);
    const json vectors = json::parse(file);
    for (const json& example : vectors.at("examples"))
        if (example.at("routine") == routine)
            return example;
    FAIL("no " << routine << " example for " << codec_id);
    return {};
}

auto hex_bytes(const json& hex) -> Bytes {
    auto bytes = from_hex(hex.get<std::string>());
    REQUIRE(bytes);
    return *bytes;
}

// A device of the fixture's application whose profile names `codec_id`, and its radio side.
struct CodecDevice {
    Eui64 dev_eui;
    SimulatedDevice radio;
    std::string up_topic;
    std::string log_topic;
    std::string command_topic;
};

auto add_codec_device(ServerFixture& server, const std::string& codec_id, Eui64 dev_eui,
                      DevAddr dev_addr) -> CodecDevice {
    storage::DeviceProfile profile;
    profile.tenant_id = server.store().find_tenant("commune")->id;
    profile.name = codec_id;
    profile.codec_id = codec_id;
    const auto created = server.store().create_device_profile(profile);
    REQUIRE(created);
    const auto seed = static_cast<std::uint8_t>(dev_eui.value & 0xff);
    server.add_abp_device(dev_eui, dev_addr, abp_keys(seed), created->id);
    const std::string prefix =
        "application/" + server.application_id() + "/device/" + dev_eui.to_string();
    return CodecDevice{dev_eui,
                       SimulatedDevice(dev_eui, dev_addr, abp_keys(seed), MacVersion::v1_0_3),
                       prefix + "/event/up", prefix + "/event/log", prefix + "/command/down"};
}

struct Network {
    Mosquitto broker;
    ServerFixture server{[this](cli::ServerConfig& config) { config.mqtt.uri = broker.uri(); }};
    MqttTestClient application{broker.uri(), "application"};
    std::unique_ptr<GatewaySimulator> gateway;

    Network() {
        application.subscribe("application/#");
        server.add_gateway(gateway_eui);
        gateway = std::make_unique<GatewaySimulator>(gateway_eui, "127.0.0.1", server.udp_port());
        gateway->pull_data();
        // Subscribed to commands before a test publishes one: the broker keeps none for later.
        REQUIRE(eventually([&] { return server.counter("as_mqtt_connected") >= 1; }));
    }
};
}  // namespace

TEST_CASE("a frame of each device family comes out as the codec vector's object") {
    Network network;
    const std::vector<std::pair<std::string, Eui64>> devices{
        {"milesight-iot-em310-udl", Eui64{0x24e124713b000001}},  // bin fill level
        {"milesight-iot-em300-di", Eui64{0x24e124713b000002}},   // water meter (pulses)
        {"decentlab-dl-pr26", Eui64{0x70b3d57ba0000003}},        // river level (pressure)
    };
    std::uint32_t tmst = 1'000'000;
    for (const auto& [codec_id, dev_eui] : devices) {
        INFO(codec_id);
        const json example = vector_example(codec_id, "decodeUplink");
        auto device = add_codec_device(network.server, codec_id, dev_eui,
                                       DevAddr{static_cast<std::uint32_t>(0x26010000 + tmst)});
        const auto f_port = example.at("fPort").get<std::uint8_t>();
        network.gateway->push_rxpk(
            heard(device.radio.uplink(f_port, hex_bytes(example.at("bytes"))), tmst));
        tmst += 1'000'000;
        const auto up =
            json::parse(network.application.receive_until(device.up_topic).back().payload);
        CHECK(up.at("fPort") == f_port);
        CHECK(up.at("object") == example.at("expected").at("data"));
    }
}

TEST_CASE("a command with an object is encoded by the codec and sent in RX1") {
    Network network;
    const json example = vector_example("decentlab-dl-pr26", "encodeDownlink");
    const Bytes expected_bytes = hex_bytes(example.at("expected").at("bytes"));
    const auto expected_f_port = example.at("expected").at("fPort").get<std::uint8_t>();
    auto device = add_codec_device(network.server, "decentlab-dl-pr26", Eui64{0x70b3d57ba0000004},
                                   DevAddr{0x26012004});

    // ChirpStack's DownlinkCommand: `object` is encodeDownlink's `data`.
    const json command{{"devEui", device.dev_eui.to_string()},
                       {"confirmed", false},
                       {"fPort", expected_f_port},
                       {"object", example.at("input").at("data")}};
    network.application.publish(device.command_topic, command.dump());
    REQUIRE(eventually(
        [&] { return network.server.store().list_downlinks(device.dev_eui)->size() == 1; }));

    // Class A: the queued command leaves in the receive windows of the next uplink.
    network.gateway->push_rxpk(heard(device.radio.uplink(1, {0x02}), 5'000'000));
    const auto resp = network.gateway->receive_pull_resp(within(default_timeout));
    REQUIRE(resp);
    CHECK(std::get<gateway_bridge::GatewayTimestamp>(resp->frame.timing).value == 6'000'000);
    const auto received = device.radio.receive(resp->frame.phy_payload);
    REQUIRE(received);
    CHECK(received->frame.f_port == expected_f_port);
    CHECK(received->payload == expected_bytes);
}

TEST_CASE("a frame the codec cannot decode gives an up event without object and a log event") {
    Network network;
    const std::string codec_id = "milesight-iot-em310-udl";
    const json example = vector_example(codec_id, "decodeUplink");
    Bytes truncated = hex_bytes(example.at("bytes"));
    truncated.resize(5);  // the distance record cut after its header
    const auto f_port = example.at("fPort").get<std::uint8_t>();
    const auto registry = codecs::make_builtin_registry();
    const auto expected = registry.find(codec_id)->decode_uplink({truncated, f_port});
    REQUIRE(expected.errors.size() == 1);

    auto device =
        add_codec_device(network.server, codec_id, Eui64{0x24e124713b000005}, DevAddr{0x26012005});
    network.gateway->push_rxpk(heard(device.radio.uplink(f_port, truncated), 1'000'000));
    const auto messages = network.application.receive_until(device.log_topic);
    REQUIRE(messages.size() == 2);
    CHECK(messages.front().topic == device.up_topic);
    const auto up = json::parse(messages.front().payload);
    CHECK(!up.contains("object"));
    CHECK(up.at("data") == "AXVcA4I=");  // the truncated bytes, delivered all the same
    const auto log = json::parse(messages.back().payload);
    CHECK(log.at("level") == "ERROR");
    CHECK(log.at("code") == "UPLINK_CODEC");
    CHECK(log.at("description") == "uplink codec " + codec_id + " failed: " + expected.errors[0]);
    CHECK(log.at("deviceInfo").at("devEui") == device.dev_eui.to_string());
}
