#include "server_fixture.hpp"

#include <random>
#include <stdexcept>

namespace hortillon::test_support {

ServerFixture::ServerFixture(const std::function<void(cli::ServerConfig&)>& adjust) {
    folder_ = std::filesystem::temp_directory_path() /
              ("hortillon-it-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(folder_);
    cli::ServerConfig config;
    config.db = (folder_ / "hortillon.db").string();
    config.key_file = (folder_ / "hortillon.key").string();
    config.udp = "127.0.0.1:0";
    config.mqtt.uri = "";  // no broker unless a test starts one
    if (adjust)
        adjust(config);
    cli::ServerOptions options;
    options.log_level = telemetry::LogLevel::warn;
    options.listener.on_uplink = [this](const network_server::AcceptedUplink& uplink) {
        UplinkSeen seen{uplink.dev_eui,     uplink.f_cnt, uplink.f_port,
                        uplink.frm_payload, uplink.dr,    {}};
        for (const auto& rx : uplink.radio->rx_infos)
            seen.gateways.push_back(rx.gateway_eui);
        uplinks.put(std::move(seen));
    };
    options.listener.on_join = [this](lorawan::Eui64 dev_eui, lorawan::DevAddr dev_addr) {
        joins.put({dev_eui, dev_addr});
    };
    options.listener.on_tx_result = [this](lorawan::Eui64 dev_eui,
                                           const std::optional<std::string>&,
                                           gateway_bridge::TxAckError error) {
        tx_results.put({dev_eui, error});
    };
    options.listener.on_downlink_acknowledged = [this](lorawan::Eui64, const std::string& id,
                                                       bool acked) {
        acknowledgements.put({id, acked});
    };
    auto server = cli::Server::start(config, std::move(options));
    if (!server)
        throw std::runtime_error("server did not start: " + server.error());
    server_ = std::move(*server);
    thread_ = std::jthread([server = server_.get()] { server->run(false); });

    auto store = storage::SqliteStore::open(
        {.database_path = config.db, .key_file = config.key_file, .database = {}});
    if (!store)
        throw std::runtime_error("provisioning connection: " + store.error().message);
    store_ = std::move(*store);
    storage::Tenant tenant;
    tenant.name = "commune";
    tenant_id_ = store_->create_tenant(tenant)->id;
    storage::Application application;
    application.tenant_id = tenant_id_;
    application.name = "bins";
    application_id_ = store_->create_application(application)->id;
}

ServerFixture::~ServerFixture() {
    server_->stop();
    thread_ = {};  // joins
    server_.reset();
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
}

void ServerFixture::add_gateway(lorawan::Eui64 gateway) {
    storage::Gateway row;
    row.gateway_id = gateway;
    row.tenant_id = tenant_id_;
    row.name = "gw-" + gateway.to_string();
    if (!store_->create_gateway(row))
        throw std::runtime_error("gateway not created");
}

auto ServerFixture::add_profile(const std::string& name, lorawan::MacVersion version,
                                storage::DeviceClass device_class) -> std::string {
    storage::DeviceProfile profile;
    profile.tenant_id = tenant_id_;
    profile.name = name;
    profile.mac_version = version;
    profile.device_class = device_class;
    auto created = store_->create_device_profile(profile);
    if (!created)
        throw std::runtime_error("profile not created: " + created.error().message);
    return created->id;
}

void ServerFixture::add_otaa_device(lorawan::Eui64 dev_eui, lorawan::Eui64 join_eui,
                                    lorawan::AesKey app_key, std::optional<lorawan::AesKey> nwk_key,
                                    const std::string& profile_id) {
    storage::NewDevice device;
    device.device.dev_eui = dev_eui;
    device.device.application_id = application_id_;
    device.device.device_profile_id = profile_id;
    device.device.name = "device-" + dev_eui.to_string();
    device.device.otaa = storage::OtaaKeys{join_eui, app_key, nwk_key};
    auto created = store_->create_device(device);
    if (!created)
        throw std::runtime_error("device not created: " + created.error().message);
}

void ServerFixture::add_abp_device(lorawan::Eui64 dev_eui, lorawan::DevAddr dev_addr,
                                   lorawan::SessionKeys keys, const std::string& profile_id) {
    storage::NewDevice device;
    device.device.dev_eui = dev_eui;
    device.device.application_id = application_id_;
    device.device.device_profile_id = profile_id;
    device.device.name = "device-" + dev_eui.to_string();
    device.abp = storage::AbpActivation{dev_addr, keys};
    auto created = store_->create_device(device);
    if (!created)
        throw std::runtime_error("device not created: " + created.error().message);
}

}  // namespace hortillon::test_support
