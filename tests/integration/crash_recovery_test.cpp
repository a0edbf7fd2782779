// Never lose a reading: `hortillon serve` as a real process, its broker away, killed with
// SIGKILL while events wait in the outbox, then restarted: every event arrives, in order, and
// the frame counters it had accepted stay accepted (a replay is still refused).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <array>
#include <fstream>
#include <random>
#include <thread>

#include <mqtt/async_client.h>
#include <nlohmann/json.hpp>

#include "app-server/outbox.hpp"
#include "gateway_simulator.hpp"
#include "mosquitto.hpp"
#include "provisioning.hpp"
#include "simulated_device.hpp"
#include "uplink_steps.hpp"

using namespace hortillon;
using namespace hortillon::lorawan;
using namespace hortillon::test_support;
using namespace std::chrono_literals;

namespace {
auto free_udp_port() -> std::uint16_t {
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    REQUIRE(fd >= 0);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    ::close(fd);
    return ntohs(address.sin_port);
}

// `hortillon serve --config FILE` as a child process; its log goes to `log_file`. Terminated
// (SIGTERM, then SIGKILL) and reaped by the destructor unless killed before.
class ServeProcess {
  public:
    ServeProcess(const std::filesystem::path& config, const std::filesystem::path& log_file) {
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            const int log = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
            ::dup2(log, STDOUT_FILENO);
            ::dup2(log, STDERR_FILENO);
            ::execl(HORTILLON_EXECUTABLE, HORTILLON_EXECUTABLE, "serve", "--config", config.c_str(),
                    static_cast<char*>(nullptr));
            ::_exit(127);
        }
    }
    ServeProcess(const ServeProcess&) = delete;
    auto operator=(const ServeProcess&) -> ServeProcess& = delete;
    ~ServeProcess() {
        if (pid_ <= 0)
            return;
        ::kill(pid_, SIGTERM);
        const auto deadline = within(10s);
        while (::waitpid(pid_, nullptr, WNOHANG) != pid_) {
            if (Clock::now() > deadline) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, nullptr, 0);
                break;
            }
            std::this_thread::sleep_for(10ms);
        }
    }

    // SIGTERM, as a service manager stops it; its exit status. A server that has not exited
    // after 10 s is killed, and the test fails.
    auto terminate() -> int {
        ::kill(pid_, SIGTERM);
        int status = 0;
        const auto deadline = within(10s);
        while (::waitpid(pid_, &status, WNOHANG) != pid_) {
            if (Clock::now() > deadline) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, &status, 0);
                pid_ = -1;
                FAIL("hortillon serve did not stop within 10 s of SIGTERM");
            }
            std::this_thread::sleep_for(10ms);
        }
        pid_ = -1;
        return status;
    }

    // SIGKILL: no shutdown code runs, as in a power cut of the process.
    void kill_hard() {
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        CHECK(WIFSIGNALED(status));
        pid_ = -1;
    }

  private:
    pid_t pid_ = -1;
};

// PULL_DATA until the server answers: it is listening.
void wait_until_serving(GatewaySimulator& gateway) {
    const auto deadline = within(15s);
    while (true) {
        try {
            gateway.pull_data(within(200ms));
            return;
        } catch (const std::runtime_error&) {
            if (Clock::now() > deadline)
                throw;
        }
    }
}

auto pending_events(storage::SqliteStore& store) -> std::size_t {
    auto events = app_server::read_outbox(store.database(), 0, 1000);
    REQUIRE(events);
    return events->size();
}

auto fresh_folder(const std::string& prefix) -> std::filesystem::path {
    auto folder =
        std::filesystem::temp_directory_path() / (prefix + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(folder);
    return folder;
}

// A store with one gateway and one ABP device (identifiers ending in `n`), a broker that is
// away, and the config file of `hortillon serve` on a free UDP port (plus `network_config`
// lines), in a temporary folder removed at the end.
struct OneDeviceSetup {
    OneDeviceSetup(const std::string& name, std::uint8_t n, const std::string& network_config)
        : folder(fresh_folder("hortillon-" + name + "-")),
          gateway_eui(0xaa555a0000000000 | n),
          dev_eui(0x70b3d5499a000000 | n),
          dev_addr(0x26010000 | n),
          keys(abp_keys(n & 0x7f)),
          provisioning(folder / "hortillon.db", folder / "hortillon.key") {
        broker.stop();
        provisioning.add_gateway(gateway_eui);
        const auto profile = provisioning.add_profile("meters", MacVersion::v1_0_3);
        provisioning.add_abp_device(dev_eui, dev_addr, keys, profile);
        std::ofstream file(config);
        file << "[server]\ndb = \"" << (folder / "hortillon.db").string() << "\"\nkey_file = \""
             << (folder / "hortillon.key").string() << "\"\nudp = \"127.0.0.1:" << udp_port
             << "\"\nlog_level = \"info\"\n[network]\n"
             << network_config << "[mqtt]\nuri = \"" << broker.uri() << "\"\n";
    }
    OneDeviceSetup(const OneDeviceSetup&) = delete;
    auto operator=(const OneDeviceSetup&) -> OneDeviceSetup& = delete;
    ~OneDeviceSetup() {
        std::error_code ignored;
        std::filesystem::remove_all(folder, ignored);
    }

    std::filesystem::path folder;
    Mosquitto broker;
    Eui64 gateway_eui;
    Eui64 dev_eui;
    DevAddr dev_addr;
    SessionKeys keys;
    Provisioning provisioning;
    std::uint16_t udp_port = free_udp_port();
    std::filesystem::path config = folder / "hortillon.toml";
    std::filesystem::path log_file = folder / "serve.log";
};
}  // namespace

TEST_CASE("events pending when the server is killed with SIGKILL are delivered after restart") {
    OneDeviceSetup setup("crash", 0xc1, "");  // the broker is away while the uplinks arrive
    auto& broker = setup.broker;
    auto& provisioning = setup.provisioning;
    const Eui64 dev_eui = setup.dev_eui;
    SimulatedDevice device(dev_eui, setup.dev_addr, setup.keys, MacVersion::v1_0_3);
    GatewaySimulator gateway(setup.gateway_eui, "127.0.0.1", setup.udp_port);

    constexpr std::uint32_t sent = 5;
    {
        ServeProcess server(setup.config, setup.log_file);
        wait_until_serving(gateway);
        for (std::uint32_t i = 0; i < sent; ++i)
            gateway.push_rxpk(
                heard(device.uplink(2, {0x10, static_cast<std::uint8_t>(i)}), 1'000'000 * (i + 1)));
        // Committed rows are what another connection sees: wait until all five are stored.
        REQUIRE(eventually([&] { return pending_events(provisioning.store()) == sent; }, 10s));
        server.kill_hard();
    }

    broker.start();
    mqtt::async_client application(broker.uri(), "commune-dashboard",
                                   static_cast<mqtt::iclient_persistence*>(nullptr));
    application.start_consuming();
    application.connect()->wait();
    application.subscribe("application/#", 1)->wait();

    ServeProcess server(setup.config, setup.log_file);
    for (std::uint32_t i = 0; i < sent; ++i) {
        auto message = application.try_consume_message_for(15s);
        REQUIRE(message);
        CHECK(message->get_topic() == "application/" + provisioning.application_id() + "/device/" +
                                          dev_eui.to_string() + "/event/up");
        const auto up = nlohmann::json::parse(message->to_string());
        CHECK(up["fCnt"] == i);  // in order
        CHECK(up["fPort"] == 2);
        CHECK(up["data"] == std::array{"EAA=", "EAE=", "EAI=", "EAM=", "EAQ="}[i]);  // 10 0i
    }
    // The restarted server knows the counters it had accepted: a replay is no new reading, the
    // next frame is.
    wait_until_serving(gateway);
    gateway.push_rxpk(heard(device.uplink(2, {0x10, 0x04}, false, sent - 1), 9'000'000));
    gateway.push_rxpk(heard(device.uplink(2, {0x10, 0x05}), 10'000'000));
    auto next = application.try_consume_message_for(15s);
    REQUIRE(next);
    CHECK(nlohmann::json::parse(next->to_string())["fCnt"] == sent);
    CHECK_FALSE(application.try_consume_message_for(300ms));
    // Every PUBACK received: the rows are gone.
    CHECK(eventually([&] { return pending_events(provisioning.store()) == 0; }, 10s));

    application.disconnect()->wait();
}

TEST_CASE("uplinks still in their deduplication window when the server is stopped are kept") {
    // A window far longer than the test: only the shutdown can close it. The broker is away, so
    // the events stay in the outbox, where the test can count them.
    OneDeviceSetup setup("stop", 0xc2, "deduplication_window_ms = 600000\n");
    auto& provisioning = setup.provisioning;
    SimulatedDevice device(setup.dev_eui, setup.dev_addr, setup.keys, MacVersion::v1_0_3);
    GatewaySimulator gateway(setup.gateway_eui, "127.0.0.1", setup.udp_port);
    ServeProcess server(setup.config, setup.log_file);
    wait_until_serving(gateway);
    for (std::uint8_t i = 0; i < 3; ++i)
        gateway.push_rxpk(heard(device.uplink(2, {0x20, i}), 1'000'000 * (i + 1u)));
    // Acknowledged, so no gateway sends them again; not handled yet.
    CHECK(pending_events(provisioning.store()) == 0);

    const int status = server.terminate();
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(pending_events(provisioning.store()) == 3);
    const auto session = provisioning.store().get_device_session(setup.dev_eui);
    REQUIRE(session);
    CHECK(session->counters.last_f_cnt_up == 2u);
}
