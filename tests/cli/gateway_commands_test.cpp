// gateway create and list.
#include <catch2/catch.hpp>

#include "cli/gateway_commands.hpp"
#include "cli/tenant_commands.hpp"
#include "command_fixture.hpp"

using namespace hortillon::cli;
using namespace hortillon::cli::testing;

namespace {
auto create_gateway(const Workspace& workspace, const GatewayCreateOptions& options) {
    return capture([&](auto& out, auto& err) {
        return run_gateway_create(workspace.global(), options, out, err);
    });
}

auto has(const std::string& text, const std::string& part) -> bool {
    return text.find(part) != std::string::npos;
}

struct GatewayWorkspace : Workspace {
    GatewayWorkspace() {
        auto tenant = capture([&](auto& out, auto& err) {
            return run_tenant_create(global(), {.name = "Namur"}, out, err);
        });
        REQUIRE(tenant.status == exit_success);
    }
};
}  // namespace

TEST_CASE("gateway create prints the id alone; list shows location and 'never'") {
    GatewayWorkspace workspace;
    auto created = create_gateway(workspace, {.gateway_id = "AA555A0000000000",
                                              .tenant = "Namur",
                                              .name = "town hall",
                                              .location = "50.4669,4.8675"});
    INFO(created.err);
    REQUIRE(created.status == exit_success);
    CHECK(created.out == "aa555a0000000000\n");
    REQUIRE(create_gateway(workspace,
                           {.gateway_id = "aa555a0000000001", .tenant = "Namur", .name = "depot"})
                .status == exit_success);

    auto listed = capture(
        [&](auto& out, auto& err) { return run_gateway_list(workspace.global(), {}, out, err); });
    REQUIRE(listed.status == exit_success);
    CHECK(listed.out ==
          "GATEWAY_ID        TENANT  NAME       LOCATION            LAST_SEEN\n"
          "aa555a0000000000  Namur   town hall  50.466900,4.867500  never\n"
          "aa555a0000000001  Namur   depot      -                   never\n");
}

TEST_CASE("gateway create refusals") {
    GatewayWorkspace workspace;
    GatewayCreateOptions options{.gateway_id = "aa555a0000000000", .tenant = "Namur", .name = "gw"};
    int status = exit_usage;
    std::string expected;
    SECTION("bad EUI") {
        options.gateway_id = "aa555a00000000";
        expected = "--gateway-id: expected 16 hex digits, got 'aa555a00000000'";
    }
    SECTION("location without a comma") {
        options.location = "50.4669";
        expected = "--location: expected LAT,LON in decimal degrees";
    }
    SECTION("latitude out of range") {
        options.location = "91,4.8";
        expected =
            "--location: expected LAT,LON in decimal degrees such as 50.8503,4.3517 "
            "(latitude -90 to 90, longitude -180 to 180), got '91,4.8'";
    }
    SECTION("longitude not a number") {
        options.location = "50.4,east";
        expected = "got '50.4,east'";
    }
    SECTION("unknown tenant") {
        options.tenant = "Nowhere";
        status = exit_failure;
        expected = "--tenant: tenant 'Nowhere' not found";
    }
    SECTION("duplicate") {
        REQUIRE(create_gateway(workspace, options).status == exit_success);
        status = exit_failure;
        expected = "gateway aa555a0000000000 already exists";
    }
    auto refused = create_gateway(workspace, options);
    CHECK(refused.status == status);
    CHECK(refused.out.empty());
    CHECK(has(refused.err, expected));
}
