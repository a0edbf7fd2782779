#pragma once
// A running `hortillon serve` for integration tests: the real server (store file, key file, UDP
// socket on a free loopback port) on its own thread, a second store connection for
// provisioning as the CLI would do it, and mailboxes with what the server handed on.

#include <filesystem>
#include <functional>
#include <memory>
#include <thread>

#include "cli/server.hpp"
#include "mailbox.hpp"
#include "provisioning.hpp"
#include "storage/sqlite_store.hpp"

namespace hortillon::test_support {

struct UplinkSeen {
    lorawan::Eui64 dev_eui;
    std::uint32_t f_cnt = 0;
    std::optional<std::uint8_t> f_port;
    lorawan::Bytes frm_payload;
    std::uint8_t dr = 0;
    std::vector<lorawan::Eui64> gateways;  // every gateway that heard it
};

struct TxResult {
    lorawan::Eui64 dev_eui;
    gateway_bridge::TxAckError error;
};

class ServerFixture {
  public:
    // `adjust` changes the embedded defaults before the server starts.
    explicit ServerFixture(const std::function<void(cli::ServerConfig&)>& adjust = {});
    ~ServerFixture();

    [[nodiscard]] auto udp_port() const -> std::uint16_t { return server_->udp_port(); }
    auto store() -> storage::Store& { return provisioning_->store(); }
    auto counter(std::string_view name) -> std::uint64_t { return server_->counters().value(name); }
    void notify_downlink_queued(lorawan::Eui64 dev_eui) {
        server_->notify_downlink_queued(dev_eui);
    }
    [[nodiscard]] auto folder() const -> const std::filesystem::path& { return folder_; }
    [[nodiscard]] auto application_id() const -> const std::string& {
        return provisioning_->application_id();
    }

    // Provisioning, through a second connection as the CLI would.
    auto provisioning() -> Provisioning& { return *provisioning_; }
    auto add_gateway(lorawan::Eui64 gateway) -> void { provisioning_->add_gateway(gateway); }
    auto add_profile(const std::string& name, lorawan::MacVersion version,
                     storage::DeviceClass device_class = storage::DeviceClass::a) -> std::string {
        return provisioning_->add_profile(name, version, device_class);
    }
    auto add_otaa_device(lorawan::Eui64 dev_eui, lorawan::Eui64 join_eui, lorawan::AesKey app_key,
                         std::optional<lorawan::AesKey> nwk_key, const std::string& profile_id)
        -> void {
        provisioning_->add_otaa_device(dev_eui, join_eui, app_key, nwk_key, profile_id);
    }
    auto add_abp_device(lorawan::Eui64 dev_eui, lorawan::DevAddr dev_addr,
                        lorawan::SessionKeys keys, const std::string& profile_id) -> void {
        provisioning_->add_abp_device(dev_eui, dev_addr, keys, profile_id);
    }

    Mailbox<UplinkSeen> uplinks;
    Mailbox<std::pair<lorawan::Eui64, lorawan::DevAddr>> joins;
    Mailbox<TxResult> tx_results;
    Mailbox<std::pair<std::string, bool>> acknowledgements;

  private:
    std::filesystem::path folder_;
    std::unique_ptr<cli::Server> server_;
    std::jthread thread_;
    std::unique_ptr<Provisioning> provisioning_;
};

}  // namespace hortillon::test_support
