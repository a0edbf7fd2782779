#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "cli/config.hpp"

using namespace hortillon::cli;

namespace {
// A configuration file in a fresh temporary folder, removed with the object.
struct ConfigFile {
    std::filesystem::path folder;
    std::filesystem::path path;
    explicit ConfigFile(std::string_view text) {
        folder = std::filesystem::temp_directory_path() /
                 ("hortillon-config-" + std::to_string(std::random_device{}()));
        std::filesystem::create_directories(folder);
        path = folder / "hortillon.toml";
        std::ofstream(path) << text;
    }
    ~ConfigFile() { std::filesystem::remove_all(folder); }
};
}  // namespace

TEST_CASE("the example configuration parses to exactly the embedded defaults") {
    ConfigFile file(example_config());
    auto config = load_config(file.path.string());
    REQUIRE(config);
    const ServerConfig defaults;
    CHECK(config->db == defaults.db);
    CHECK(config->key_file == defaults.key_file);
    CHECK(config->udp == defaults.udp);
    CHECK(config->net_id == defaults.net_id);
    CHECK(config->regions == defaults.regions);
    CHECK(config->extra_channels_hz == defaults.extra_channels_hz);
    CHECK(config->deduplication_window == defaults.deduplication_window);
    CHECK(config->late_copy_memory == defaults.late_copy_memory);
    CHECK(config->mqtt.uri == defaults.mqtt.uri);
    CHECK(config->mqtt.outbox_capacity == defaults.mqtt.outbox_capacity);
}

TEST_CASE("a configuration file overrides the defaults it names") {
    ConfigFile file(
        "[server]\nudp = \"127.0.0.1:1800\"\n[network]\nnet_id = \"00001A\"\n"
        "deduplication_window_ms = 350\nregions = [\"EU868\", \"US915\"]\n");
    auto config = load_config(file.path.string());
    REQUIRE(config);
    CHECK(config->udp == "127.0.0.1:1800");
    CHECK(config->net_id.value == 0x1a);
    CHECK(config->deduplication_window.count() == 350);
    CHECK(config->regions == std::vector<std::string>{"EU868", "US915"});
    CHECK(config->db == ServerConfig{}.db);
}

TEST_CASE("configuration errors name the file and the problem") {
    ConfigFile syntax("[server\nudp = 1");
    auto broken = load_config(syntax.path.string());
    REQUIRE_FALSE(broken);
    CHECK(broken.error().find("hortillon.toml") != std::string::npos);

    ConfigFile wrong_type("[server]\nudp = 1700\n");
    auto typed = load_config(wrong_type.path.string());
    REQUIRE_FALSE(typed);
    CHECK(typed.error().find("'udp'") != std::string::npos);

    ConfigFile bad_net_id("[network]\nnet_id = \"xyz\"\n");
    CHECK_FALSE(load_config(bad_net_id.path.string()));
    ConfigFile zero_window("[network]\ndeduplication_window_ms = 0\n");
    CHECK_FALSE(load_config(zero_window.path.string()));
    CHECK_FALSE(load_config("/nonexistent/hortillon.toml"));
}
