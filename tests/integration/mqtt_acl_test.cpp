// Per-tenant MQTT users on a real mosquitto that asks for logins and applies the ACL printed by
// `hortillon tenant mqtt-acl`: each commune's user reads only its own applications' events and
// can command only its own devices; the server logs in with its own user.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "broker_files.hpp"
#include "cli/tenant_commands.hpp"
#include "mosquitto.hpp"
#include "mqtt_test_client.hpp"
#include "server_fixture.hpp"
#include "simulated_device.hpp"
#include "uplink_steps.hpp"

using namespace hortillon;
using namespace hortillon::lorawan;
using namespace hortillon::test_support;

namespace {
const Eui64 gateway_eui{0xaa555a0000000001};
const Eui64 dev_eui_a{0x0a0a0a0a0a0a0a01};
const Eui64 dev_eui_b{0x0b0b0b0b0b0b0b01};
const DevAddr dev_addr_a{0x26011001};
const DevAddr dev_addr_b{0x26011002};

auto acl_from_store(const ServerFixture& server) -> std::string {
    cli::GlobalOptions global{(server.folder() / "hortillon.db").string(),
                              (server.folder() / "hortillon.key").string()};
    std::ostringstream out;
    std::ostringstream err;
    REQUIRE(cli::run_tenant_mqtt_acl(global, {}, out, err) == cli::exit_success);
    return out.str();
}

// A second commune, "marche", with one application and one ABP device; returns the
// application id.
auto provision_second_tenant(storage::Store& store) -> std::string {
    storage::Tenant tenant;
    tenant.name = "marche";
    const std::string tenant_id = store.create_tenant(tenant)->id;
    storage::Application application;
    application.tenant_id = tenant_id;
    application.name = "meters";
    const std::string application_id = store.create_application(application)->id;
    storage::DeviceProfile profile;
    profile.tenant_id = tenant_id;
    profile.name = "abp";
    storage::NewDevice device;
    device.device.dev_eui = dev_eui_b;
    device.device.application_id = application_id;
    device.device.device_profile_id = store.create_device_profile(profile)->id;
    device.device.name = "meter-1";
    device.abp = storage::AbpActivation{dev_addr_b, abp_keys(0x21)};
    REQUIRE(store.create_device(device));
    return application_id;
}

auto topics_outside(const std::vector<ReceivedMessage>& messages, const std::string& prefix)
    -> std::vector<std::string> {
    std::vector<std::string> outside;
    for (const ReceivedMessage& message : messages)
        if (!message.topic.starts_with(prefix))
            outside.push_back(message.topic);
    return outside;
}

// Each user receives its own events and nothing of the other's. The server publishes in this
// order, and the broker keeps it per subscriber: had B's first event reached A, it would have
// come before A's own.
void check_events_stay_with_their_tenant(ServerFixture& server, const std::string& prefix_a,
                                         const std::string& prefix_b, MqttTestClient& commune,
                                         MqttTestClient& marche) {
    SimulatedDevice device_a(dev_eui_a, dev_addr_a, abp_keys(0x11), MacVersion::v1_0_3);
    SimulatedDevice device_b(dev_eui_b, dev_addr_b, abp_keys(0x21), MacVersion::v1_0_3);
    GatewaySimulator gateway(gateway_eui, "127.0.0.1", server.udp_port());
    gateway.pull_data();
    const std::string up_a = prefix_a + "device/" + dev_eui_a.to_string() + "/event/up";
    const std::string up_b = prefix_b + "device/" + dev_eui_b.to_string() + "/event/up";
    gateway.push_rxpk(heard(device_b.uplink(10, {0x0b}), 1'000'000));
    const auto first_b = marche.receive_until(up_b);
    gateway.push_rxpk(heard(device_a.uplink(10, {0x0a}), 2'000'000));
    const auto seen_by_a = commune.receive_until(up_a);
    gateway.push_rxpk(heard(device_b.uplink(10, {0x0c}), 3'000'000));
    const auto second_b = marche.receive_until(up_b);
    // A last event of A's comes after B's second: whatever of B's had leaked to A is in by then.
    gateway.push_rxpk(heard(device_a.uplink(10, {0x0d}), 4'000'000));
    const auto last_a = commune.receive_until(up_a);

    CHECK(topics_outside(first_b, prefix_b).empty());
    CHECK(topics_outside(second_b, prefix_b).empty());
    CHECK(topics_outside(seen_by_a, prefix_a).empty());
    REQUIRE_FALSE(last_a.empty());
    CHECK(topics_outside(last_a, prefix_a).empty());
    CHECK(nlohmann::json::parse(second_b.back().payload)["data"] == "DA==");  // 0x0c
}

// A's user cannot queue a downlink for B's device: the broker refuses it (MQTT 5 PUBACK "not
// authorized", after which Paho drops that connection). The refusal came back before A's next
// command left, so had the first reached the server, it would have come before the second.
void check_commands_stay_with_their_tenant(ServerFixture& server, const Mosquitto& broker,
                                           const std::string& prefix_a, const std::string& prefix_b,
                                           MqttTestClient& commune) {
    {
        MqttTestClient refused(broker.uri(), "commune-command",
                               {"commune", "commune-secret", {}, {}, {}});
        CHECK_THROWS(refused.publish(prefix_b + "device/" + dev_eui_b.to_string() + "/command/down",
                                     R"({"fPort":5,"data":"AQID"})"));
    }
    commune.publish(prefix_a + "device/" + dev_eui_a.to_string() + "/command/down",
                    R"({"fPort":5,"data":"BAU="})");
    REQUIRE(eventually([&] { return server.store().list_downlinks(dev_eui_a)->size() == 1; }));
    CHECK(server.counter("as_mqtt_command_received") == 1);
    CHECK(server.store().list_downlinks(dev_eui_b)->empty());
    CHECK(server.store().list_downlinks(dev_eui_a)->front().data == Bytes{4, 5});
}
}  // namespace

TEST_CASE("each commune's MQTT user sees and commands only its own applications") {
    BrokerFiles files;
    files.add_login("hortillon", "server-secret");
    files.add_login("commune", "commune-secret");
    files.add_login("marche", "marche-secret");
    // Until the tenants exist, the ACL knows only the server.
    const auto acl_file = files.write("hortillon.acl", "user hortillon\ntopic readwrite #\n");
    Mosquitto broker({.allow_anonymous = false,
                      .password_file = files.password_file(),
                      .acl_file = acl_file,
                      .listener_settings = {}});
    ServerFixture server([&](cli::ServerConfig& config) {
        config.mqtt.uri = broker.uri();
        config.mqtt.username = "hortillon";
        config.mqtt.password = "server-secret";
    });
    REQUIRE(eventually([&] { return server.counter("as_mqtt_connected") == 1; }));

    // The fixture's tenant "commune" is A; "marche" is B.
    server.add_gateway(gateway_eui);
    server.add_abp_device(dev_eui_a, dev_addr_a, abp_keys(0x11),
                          server.add_profile("abp", MacVersion::v1_0_3));
    const std::string application_b = provision_second_tenant(server.store());
    const std::string prefix_a = "application/" + server.application_id() + "/";
    const std::string prefix_b = "application/" + application_b + "/";

    // What an operator does after provisioning: print the ACL again and reload the broker.
    const std::string acl = acl_from_store(server);
    CHECK(acl.find("user commune\ntopic read " + prefix_a + "device/+/event/#\n") !=
          std::string::npos);
    CHECK(acl.find("user marche\ntopic read " + prefix_b + "device/+/event/#\n") !=
          std::string::npos);
    files.write("hortillon.acl", acl);
    broker.stop();
    broker.start();
    REQUIRE(eventually([&] { return server.counter("as_mqtt_connected") == 2; }));

    MqttTestClient commune(broker.uri(), "commune-dashboard",
                           {"commune", "commune-secret", {}, {}, {}});
    MqttTestClient marche(broker.uri(), "marche-dashboard",
                          {"marche", "marche-secret", {}, {}, {}});
    commune.subscribe("application/#");
    marche.subscribe("application/#");

    check_events_stay_with_their_tenant(server, prefix_a, prefix_b, commune, marche);
    check_commands_stay_with_their_tenant(server, broker, prefix_a, prefix_b, commune);

    // And a wrong password is no way in.
    CHECK_THROWS(MqttTestClient(broker.uri(), "intruder", {"commune", "wrong", {}, {}, {}}));
}
