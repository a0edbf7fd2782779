#include "provisioning.hpp"

#include <stdexcept>

namespace hortillon::test_support {

Provisioning::Provisioning(const std::filesystem::path& database,
                           const std::filesystem::path& key_file) {
    auto store = storage::SqliteStore::open(
        {.database_path = database, .key_file = key_file, .database = {}});
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

void Provisioning::add_gateway(lorawan::Eui64 gateway) {
    storage::Gateway row;
    row.gateway_id = gateway;
    row.tenant_id = tenant_id_;
    row.name = "gw-" + gateway.to_string();
    if (!store_->create_gateway(row))
        throw std::runtime_error("gateway not created");
}

auto Provisioning::add_profile(const std::string& name, lorawan::MacVersion version,
                               storage::DeviceClass device_class,
                               std::optional<std::string> codec_id) -> std::string {
    storage::DeviceProfile profile;
    profile.name = name;
    profile.mac_version = version;
    profile.device_class = device_class;
    profile.codec_id = std::move(codec_id);
    return add_profile(std::move(profile));
}

auto Provisioning::add_profile(storage::DeviceProfile profile) -> std::string {
    profile.tenant_id = tenant_id_;
    auto created = store_->create_device_profile(profile);
    if (!created)
        throw std::runtime_error("profile not created: " + created.error().message);
    return created->id;
}

void Provisioning::add_otaa_device(lorawan::Eui64 dev_eui, lorawan::Eui64 join_eui,
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

void Provisioning::add_abp_device(lorawan::Eui64 dev_eui, lorawan::DevAddr dev_addr,
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
