// `serve` settings: command line over environment over configuration file over defaults. (The
// environment arrives through the same GlobalOptions fields as the options; the executable test
// checks that part.)
#include <catch2/catch.hpp>

#include <fstream>

#include "cli/serve_command.hpp"
#include "command_fixture.hpp"

using namespace hortillon::cli;
using hortillon::cli::testing::Workspace;

TEST_CASE("serve takes the defaults when nothing is given") {
    auto config = resolve_serve_config(GlobalOptions{}, ServeOptions{});
    REQUIRE(config);
    CHECK(config->db == "var/hortillon.db");
    CHECK(config->key_file == "var/hortillon.key");
    CHECK(config->udp == "0.0.0.0:1700");
}

TEST_CASE("serve: options override the configuration file, which overrides the defaults") {
    Workspace workspace;
    const auto file = workspace.folder() / "hortillon.toml";
    std::ofstream(file) << "[server]\nudp = \"127.0.0.1:1800\"\ndb = \"from-file.db\"\n"
                           "key_file = \"from-file.key\"\n";
    ServeOptions options{.config_file = file.string()};

    auto from_file = resolve_serve_config(GlobalOptions{}, options);
    REQUIRE(from_file);
    CHECK(from_file->udp == "127.0.0.1:1800");
    CHECK(from_file->db == "from-file.db");
    CHECK(from_file->key_file == "from-file.key");

    options.udp = "127.0.0.1:1900";
    options.mqtt = "tcp://broker:1883";
    options.log_level = "debug";
    auto overridden =
        resolve_serve_config(GlobalOptions{.db = "option.db", .key_file = "option.key"}, options);
    REQUIRE(overridden);
    CHECK(overridden->udp == "127.0.0.1:1900");
    CHECK(overridden->db == "option.db");
    CHECK(overridden->key_file == "option.key");
    CHECK(overridden->mqtt.uri == "tcp://broker:1883");
    CHECK(overridden->log_level == "debug");
}

TEST_CASE("serve refuses a bad log level (usage) and a missing config file (failure)") {
    auto level = resolve_serve_config(GlobalOptions{}, ServeOptions{.log_level = "loud"});
    REQUIRE_FALSE(level);
    CHECK(level.error().exit_status == exit_usage);
    CHECK(level.error().message.find("--log-level") != std::string::npos);

    auto missing =
        resolve_serve_config(GlobalOptions{}, ServeOptions{.config_file = "/nonexistent.toml"});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().exit_status == exit_failure);
}
