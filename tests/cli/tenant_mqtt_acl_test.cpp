// `tenant mqtt-acl`: the exact ACL text, the user-name rule, --tenant, --server-user and refusals.
#include <catch2/catch.hpp>

#include "cli/tenant_commands.hpp"
#include "command_fixture.hpp"

using namespace hortillon::cli;
using hortillon::cli::testing::capture;
using hortillon::cli::testing::CommandOutput;
using hortillon::cli::testing::single_line;
using hortillon::cli::testing::Workspace;

namespace {
auto create_tenant(const Workspace& workspace, const std::string& name) -> std::string {
    auto created = capture([&](auto& out, auto& err) {
        return run_tenant_create(workspace.global(), {.name = name}, out, err);
    });
    REQUIRE(created.status == exit_success);
    return single_line(created.out);
}

auto create_application(const Workspace& workspace, const std::string& tenant,
                        const std::string& name) -> std::string {
    auto created = capture([&](auto& out, auto& err) {
        return run_application_create(workspace.global(), {tenant, name}, out, err);
    });
    REQUIRE(created.status == exit_success);
    return single_line(created.out);
}

auto mqtt_acl(const Workspace& workspace, const TenantMqttAclOptions& options) -> CommandOutput {
    return capture([&](auto& out, auto& err) {
        return run_tenant_mqtt_acl(workspace.global(), options, out, err);
    });
}

constexpr std::string_view header =
    "# mosquitto ACL for Hortillon, printed by `hortillon tenant mqtt-acl`. Print it again\n"
    "# after creating tenants or applications, then reload mosquitto.\n";

auto server_block(const std::string& user) -> std::string {
    return "\n# the server: publishes every event, receives every downlink command\nuser " + user +
           "\ntopic readwrite application/#\n";
}

auto application_rules(const std::string& application_id) -> std::string {
    return "topic read application/" + application_id + "/device/+/event/#\n" +
           "topic write application/" + application_id + "/device/+/command/down\n";
}
}  // namespace

TEST_CASE("mqtt-acl of an empty store gives the server's block only") {
    Workspace workspace;
    auto acl = mqtt_acl(workspace, {});
    CHECK(acl.status == exit_success);
    CHECK(acl.err.empty());
    CHECK(acl.out == std::string(header) + server_block("hortillon"));
}

TEST_CASE("mqtt-acl confines each tenant's user to its own applications' topics") {
    Workspace workspace;
    const std::string namur = create_tenant(workspace, "Namur");
    const std::string liege = create_tenant(workspace, "Liège");
    const std::string taken = create_tenant(workspace, "hortillon");
    const std::string empty = create_tenant(workspace, "ciney");
    const std::string namur_meters = create_application(workspace, "Namur", "meters");
    const std::string namur_bins = create_application(workspace, "Namur", "bins");
    const std::string liege_bins = create_application(workspace, "Liège", "bins");
    const std::string taken_lights = create_application(workspace, "hortillon", "lights");

    auto acl = mqtt_acl(workspace, {});
    REQUIRE(acl.status == exit_success);
    // Tenants by name (byte order), applications by name. "Liège" is not ASCII and "hortillon"
    // is the server's user: both go by id.
    CHECK(acl.out == std::string(header) + server_block("hortillon") +  //
                         "\n# tenant Liège (" + liege + ")\nuser " + liege + "\n" +
                         application_rules(liege_bins) +  //
                         "\n# tenant Namur (" + namur + ")\nuser Namur\n" +
                         application_rules(namur_bins) + application_rules(namur_meters) +
                         "\n# tenant ciney (" + empty + ")\nuser ciney\n" +
                         "# no applications yet: this user can neither read nor write\n" +
                         "\n# tenant hortillon (" + taken + ")\nuser " + taken + "\n" +
                         application_rules(taken_lights));
}

TEST_CASE("mqtt-acl --tenant prints that tenant's block alone") {
    Workspace workspace;
    const std::string namur = create_tenant(workspace, "Namur");
    create_tenant(workspace, "Dinant");
    const std::string bins = create_application(workspace, "Namur", "bins");
    create_application(workspace, "Dinant", "bins");
    const std::string expected = std::string(header) + "\n# tenant Namur (" + namur +
                                 ")\nuser Namur\n" + application_rules(bins);
    SECTION("by name") {
        auto acl = mqtt_acl(workspace, {.tenant = "Namur"});
        CHECK(acl.status == exit_success);
        CHECK(acl.out == expected);
    }
    SECTION("by id") {
        auto acl = mqtt_acl(workspace, {.tenant = namur});
        CHECK(acl.status == exit_success);
        CHECK(acl.out == expected);
    }
    SECTION("unknown tenant: failure, nothing printed") {
        auto acl = mqtt_acl(workspace, {.tenant = "Nowhere"});
        CHECK(acl.status == exit_failure);
        CHECK(acl.out.empty());
        CHECK(acl.err == "error: --tenant: tenant 'Nowhere' not found\n");
    }
}

TEST_CASE("mqtt-acl --server-user names the server's block and takes precedence over a name") {
    Workspace workspace;
    const std::string broker = create_tenant(workspace, "broker");
    const std::string hortillon = create_tenant(workspace, "hortillon");
    auto acl = mqtt_acl(workspace, {.tenant = {}, .server_user = "broker"});
    REQUIRE(acl.status == exit_success);
    CHECK(acl.out == std::string(header) + server_block("broker") + "\n# tenant broker (" + broker +
                         ")\nuser " + broker + "\n" +
                         "# no applications yet: this user can neither read nor write\n" +
                         "\n# tenant hortillon (" + hortillon + ")\nuser hortillon\n" +
                         "# no applications yet: this user can neither read nor write\n");
}

TEST_CASE("mqtt-acl refuses an unsafe --server-user") {
    Workspace workspace;
    for (const char* user : {"", "-hortillon", "two words", "a#", "x\nuser y"}) {
        auto acl = mqtt_acl(workspace, {.tenant = {}, .server_user = user});
        CHECK(acl.status == exit_usage);
        CHECK(acl.out.empty());
        CHECK(acl.err.starts_with("error: --server-user: expected 1 to 64 letters"));
    }
    CHECK(mqtt_acl(workspace, {.tenant = {}, .server_user = std::string(65, 'a')}).status ==
          exit_usage);
    CHECK(mqtt_acl(workspace, {.tenant = {}, .server_user = std::string(64, 'a')}).status ==
          exit_success);
}

TEST_CASE("mqtt-acl: a tenant name cannot write rules or take another tenant's user") {
    Workspace workspace;
    const std::string evil = create_tenant(workspace, "evil\ntopic readwrite #");
    // A tenant named after another tenant's id would share that tenant's user.
    const std::string copycat = create_tenant(workspace, evil);
    auto acl = mqtt_acl(workspace, {});
    REQUIRE(acl.status == exit_success);
    const std::string none = "# no applications yet: this user can neither read nor write\n";
    const std::string copycat_block =
        "\n# tenant " + evil + " (" + copycat + ")\nuser " + copycat + "\n" + none;
    const std::string evil_block =
        "\n# tenant evil?topic readwrite # (" + evil + ")\nuser " + evil + "\n" + none;
    // Tenants sort by name as bytes; a random UUID may come before or after "evil".
    const bool copycat_first = evil < std::string("evil\ntopic readwrite #");
    CHECK(acl.out == std::string(header) + server_block("hortillon") +
                         (copycat_first ? copycat_block + evil_block : evil_block + copycat_block));
}
