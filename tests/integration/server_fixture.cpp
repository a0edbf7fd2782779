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
    // No extra channels unless a test wants them: ABP devices would be sent NewChannelReqs.
    config.extra_channels_hz.clear();
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
    options.listener.on_tx_result = [this](const network_server::DownlinkTxResult& result) {
        tx_results.put({result.dev_eui, result.error});
    };
    options.listener.on_downlink_acknowledged =
        [this](const network_server::DownlinkAcknowledgement& answer) {
            acknowledgements.put({answer.downlink_id, answer.acknowledged});
        };
    auto server = cli::Server::start(config, std::move(options));
    if (!server)
        throw std::runtime_error("server did not start: " + server.error());
    server_ = std::move(*server);
    thread_ = std::jthread([server = server_.get()] { server->run(false); });

    provisioning_ = std::make_unique<Provisioning>(config.db, config.key_file);
}

ServerFixture::~ServerFixture() {
    server_->stop();
    thread_ = {};  // joins
    server_.reset();
    provisioning_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
}

}  // namespace hortillon::test_support
