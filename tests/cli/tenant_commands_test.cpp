// tenant, application and device-profile commands: round trips and every refusal.
#include <catch2/catch.hpp>

#include <algorithm>

#include "cli/device_profile_commands.hpp"
#include "cli/tenant_commands.hpp"
#include "command_fixture.hpp"
#include "storage/sqlite_store.hpp"

using namespace hortillon::cli;
using hortillon::cli::testing::capture;
using hortillon::cli::testing::single_line;
using hortillon::cli::testing::Workspace;

namespace {
auto create_tenant(const Workspace& workspace, TenantCreateOptions options) {
    return capture([&](auto& out, auto& err) {
        return run_tenant_create(workspace.global(), options, out, err);
    });
}

auto create_profile(const Workspace& workspace, DeviceProfileCreateOptions options) {
    return capture([&](auto& out, auto& err) {
        return run_device_profile_create(workspace.global(), options, out, err);
    });
}

auto contains(const std::string& text, const std::string& part) -> bool {
    return text.find(part) != std::string::npos;
}
}  // namespace

TEST_CASE("tenant create prints the new id alone, and tenant list shows it") {
    Workspace workspace;
    auto created = create_tenant(workspace, {.name = "Namur", .dev_addr_prefix = "26011000/20"});
    REQUIRE(created.status == exit_success);
    const std::string id = single_line(created.out);
    CHECK(id.size() == 36);  // a UUID
    CHECK(created.err.empty());

    auto listed = capture(
        [&](auto& out, auto& err) { return run_tenant_list(workspace.global(), out, err); });
    REQUIRE(listed.status == exit_success);
    CHECK(listed.out.starts_with("ID"));
    CHECK(contains(listed.out, id));
    CHECK(contains(listed.out, "Namur"));
    CHECK(contains(listed.out, "26011000/20"));
}

TEST_CASE("tenant list of an empty store prints the header only") {
    Workspace workspace;
    auto listed = capture(
        [&](auto& out, auto& err) { return run_tenant_list(workspace.global(), out, err); });
    CHECK(listed.status == exit_success);
    CHECK(listed.out == "ID  NAME  DEV_ADDR_PREFIX  CREATED\n");
}

TEST_CASE("tenant create refuses a bad prefix and a duplicate name") {
    Workspace workspace;
    SECTION("bad prefix: usage error naming the option and the form") {
        for (const char* prefix : {"26011001/20", "2601100/20", "26011000", "26011000/33", "xyz"}) {
            auto refused = create_tenant(workspace, {.name = "Namur", .dev_addr_prefix = prefix});
            CHECK(refused.status == exit_usage);
            CHECK(refused.out.empty());
            CHECK(contains(refused.err, "--dev-addr-prefix: expected HEX/BITS"));
            CHECK(contains(refused.err, std::string("got '") + prefix + "'"));
        }
    }
    SECTION("duplicate name: failure") {
        REQUIRE(create_tenant(workspace, {.name = "Namur"}).status == exit_success);
        auto refused = create_tenant(workspace, {.name = "Namur"});
        CHECK(refused.status == exit_failure);
        CHECK(contains(refused.err, "already exists"));
    }
}

TEST_CASE("application create resolves the tenant by name or id and lists by tenant") {
    Workspace workspace;
    const std::string namur = single_line(create_tenant(workspace, {.name = "Namur"}).out);
    REQUIRE(create_tenant(workspace, {.name = "Liège"}).status == exit_success);
    const auto create = [&](std::string tenant, std::string name) {
        return capture([&](auto& out, auto& err) {
            return run_application_create(workspace.global(), {tenant, name}, out, err);
        });
    };
    auto by_name = create("Namur", "bins");
    REQUIRE(by_name.status == exit_success);
    CHECK(single_line(by_name.out).size() == 36);
    REQUIRE(create(namur, "meters").status == exit_success);
    REQUIRE(create("Liège", "bins").status == exit_success);

    auto duplicate = create("Namur", "bins");
    CHECK(duplicate.status == exit_failure);
    CHECK(contains(duplicate.err, "already has an application named 'bins'"));

    auto unknown = create("Nowhere", "bins");
    CHECK(unknown.status == exit_failure);
    CHECK(contains(unknown.err, "--tenant: tenant 'Nowhere' not found"));
    CHECK(unknown.out.empty());

    auto listed = capture([&](auto& out, auto& err) {
        return run_application_list(workspace.global(), {.tenant = "Namur"}, out, err);
    });
    REQUIRE(listed.status == exit_success);
    CHECK(contains(listed.out, "meters"));
    CHECK(!contains(listed.out, "Liège"));
    auto all = capture([&](auto& out, auto& err) {
        return run_application_list(workspace.global(), {}, out, err);
    });
    CHECK(std::count(all.out.begin(), all.out.end(), '\n') == 4);  // header + 3
}

TEST_CASE("device-profile create stores its settings and lists them") {
    Workspace workspace;
    REQUIRE(create_tenant(workspace, {.name = "Namur"}).status == exit_success);
    auto created = create_profile(workspace, {.tenant = "Namur",
                                              .name = "bins-c",
                                              .region = "eu868",
                                              .mac_version = "1.1",
                                              .device_class = "c",
                                              .rx1_delay = "5",
                                              .codec = "milesight-iot-em310-udl"});
    REQUIRE(created.status == exit_success);
    CHECK(single_line(created.out).size() == 36);
    auto listed = capture([&](auto& out, auto& err) {
        return run_device_profile_list(workspace.global(), {}, out, err);
    });
    REQUIRE(listed.status == exit_success);
    CHECK(contains(listed.out, "bins-c"));
    CHECK(contains(listed.out, "EU868"));
    CHECK(contains(listed.out, "1.1.0"));
    CHECK(contains(listed.out, "  C  "));
    CHECK(contains(listed.out, "5s"));
    CHECK(contains(listed.out, "milesight-iot-em310-udl"));
}

TEST_CASE("device-profile create stores receive-window, ADR and device-status settings") {
    Workspace workspace;
    REQUIRE(create_tenant(workspace, {.name = "Namur"}).status == exit_success);
    DeviceProfileCreateOptions options{.tenant = "Namur", .name = "river-gauges"};
    options.rx1_dr_offset = "1";
    options.rx2_dr = "3";
    options.rx2_frequency = "869525000";
    options.adr = false;
    options.adr_margin = "7.5";
    options.adr_min_dr = "1";
    options.adr_max_dr = "4";
    options.max_nb_trans = "2";
    options.device_status_interval = "86400";
    auto created = create_profile(workspace, options);
    REQUIRE(created.status == exit_success);
    auto store =
        hortillon::storage::SqliteStore::open({.database_path = workspace.global().database_path(),
                                               .key_file = workspace.global().key_file_path(),
                                               .database = {}});
    REQUIRE(store);
    auto profile = (*store)->find_device_profile(single_line(created.out), std::nullopt);
    REQUIRE(profile);
    CHECK(profile->rx1_dr_offset == 1);
    CHECK(profile->rx2_dr == std::optional<std::uint8_t>{3});
    CHECK(profile->rx2_frequency_hz == 869'525'000);
    CHECK_FALSE(profile->adr_enabled);
    CHECK(profile->adr_margin_db == 7.5);
    CHECK(profile->adr_min_dr == 1);
    CHECK(profile->adr_max_dr == 4);
    CHECK(profile->adr_max_nb_trans == 2);
    CHECK(profile->device_status_interval == std::chrono::hours{24});
}

TEST_CASE("device-profile create refuses bad values with the option and the expected form") {
    Workspace workspace;
    REQUIRE(create_tenant(workspace, {.name = "Namur"}).status == exit_success);
    DeviceProfileCreateOptions options{.tenant = "Namur", .name = "p"};
    std::string expected;
    SECTION("region") {
        options.region = "CN779";  // a RP002 plan Hortillon does not implement
        expected = "--region: expected one of EU868, US915";
    }
    SECTION("mac version") {
        options.mac_version = "1.2";
        expected = "--mac-version: expected a LoRaWAN version";
    }
    SECTION("class") {
        options.device_class = "B";
        expected = "--class: expected A or C";
    }
    SECTION("rx1 delay too long") {
        options.rx1_delay = "16";
        expected = "--rx1-delay: expected whole seconds from 1 to 15, got '16'";
    }
    SECTION("rx1 delay zero") {
        options.rx1_delay = "0";
        expected = "--rx1-delay: expected whole seconds from 1 to 15, got '0'";
    }
    SECTION("rx1 delay not a number") {
        options.rx1_delay = "1s";
        expected = "--rx1-delay: expected whole seconds from 1 to 15, got '1s'";
    }
    SECTION("RX2 data rate the region does not have") {
        options.rx2_dr = "14";
        expected = "--rx2-dr: EU868 has no downlink DR14";
    }
    SECTION("ADR data-rate range upside down") {
        options.adr_min_dr = "5";
        options.adr_max_dr = "3";
        expected = "--adr-min-dr: DR5 is above --adr-max-dr DR3";
    }
    SECTION("ADR margin out of range") {
        options.adr_margin = "40";
        expected = "--adr-margin: expected dB from 0 to 30, got '40'";
    }
    SECTION("NbTrans limit zero") {
        options.max_nb_trans = "0";
        expected = "--max-nb-trans: expected a whole number from 1 to 15, got '0'";
    }
    SECTION("RX2 frequency outside the band") {
        options.rx2_frequency = "915000000";
        expected = "--rx2-frequency: expected a whole number from 863000000 to 870000000";
    }
    SECTION("unknown codec: the known ids are listed") {
        options.codec = "acme-widget";
        expected = "--codec: unknown codec 'acme-widget'; known codecs:\n  adeunis-pulse";
    }
    auto refused = create_profile(workspace, options);
    CHECK(refused.status == exit_usage);
    CHECK(refused.out.empty());
    CHECK(contains(refused.err, expected));
}

TEST_CASE("device-profile create refuses an unknown tenant and a duplicate name") {
    Workspace workspace;
    auto unknown = create_profile(workspace, {.tenant = "Nowhere", .name = "p"});
    CHECK(unknown.status == exit_failure);
    CHECK(contains(unknown.err, "--tenant: tenant 'Nowhere' not found"));
    REQUIRE(create_tenant(workspace, {.name = "Namur"}).status == exit_success);
    REQUIRE(create_profile(workspace, {.tenant = "Namur", .name = "p"}).status == exit_success);
    auto duplicate = create_profile(workspace, {.tenant = "Namur", .name = "p"});
    CHECK(duplicate.status == exit_failure);
    CHECK(contains(duplicate.err, "already"));
}
