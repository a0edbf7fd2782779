// device create, list, show and delete: round trips and every refusal.
#include <catch2/catch.hpp>

#include "cli/device_commands.hpp"
#include "device_fixture.hpp"

using namespace hortillon::cli;
using namespace hortillon::cli::testing;

namespace {
auto create_device(const Workspace& workspace, const DeviceCreateOptions& options) {
    return capture([&](auto& out, auto& err) {
        return run_device_create(workspace.global(), options, out, err);
    });
}

auto otaa(std::string dev_eui) -> DeviceCreateOptions {
    return DeviceCreateOptions{.application = "bins",
                               .device_profile = "v103",
                               .dev_eui = std::move(dev_eui),
                               .name = "bin 1",
                               .join_eui = "70B3D57ED0000000",
                               .app_key = key_a};
}

auto abp(std::string dev_eui) -> DeviceCreateOptions {
    return DeviceCreateOptions{.application = "bins",
                               .device_profile = "v103",
                               .dev_eui = std::move(dev_eui),
                               .name = "bin 2",
                               .dev_addr = "26011001",
                               .nwk_s_key = key_a,
                               .app_s_key = key_b};
}

auto show(const Workspace& workspace, const std::string& dev_eui) {
    return capture([&](auto& out, auto& err) {
        return run_device_show(workspace.global(), dev_eui, out, err);
    });
}
}  // namespace

TEST_CASE("device create (OTAA) prints the DevEUI alone, lowercase; show has every field") {
    DeviceWorkspace workspace;
    auto created = create_device(workspace, otaa("0004A30B001C0530"));
    INFO(created.err);
    REQUIRE(created.status == exit_success);
    CHECK(created.out == "0004a30b001c0530\n");
    CHECK(created.err.empty());

    auto shown = show(workspace, "0004a30b001c0530");
    REQUIRE(shown.status == exit_success);
    CHECK(shown.out.starts_with("FIELD"));
    CHECK(shown_field(shown.out, "dev_eui") == "0004a30b001c0530");
    CHECK(shown_field(shown.out, "name") == "bin 1");
    CHECK(shown_field(shown.out, "application").starts_with("bins ("));
    CHECK(shown_field(shown.out, "device_profile").starts_with("v103 ("));
    CHECK(shown_field(shown.out, "activation") == "OTAA");
    CHECK(shown_field(shown.out, "join_eui") == "70b3d57ed0000000");
    CHECK(shown_field(shown.out, "app_key") == "000102030405060708090a0b0c0d0e0f  [SECRET]");
    CHECK(shown_field(shown.out, "nwk_key") == "-");
    CHECK(shown_field(shown.out, "session") == "none (not joined yet)");
}

TEST_CASE("device create (ABP 1.0.x) makes a session that show prints") {
    DeviceWorkspace workspace;
    REQUIRE(create_device(workspace, abp("0004a30b001c0531")).status == exit_success);
    auto shown = show(workspace, "0004A30B001C0531");
    REQUIRE(shown.status == exit_success);
    CHECK(shown_field(shown.out, "activation") == "ABP");
    CHECK(shown_field(shown.out, "dev_addr") == "26011001");
    CHECK(shown_field(shown.out, "f_cnt_up") == "none yet");
    CHECK(shown_field(shown.out, "nwk_s_key") == "000102030405060708090a0b0c0d0e0f  [SECRET]");
    CHECK(shown_field(shown.out, "app_s_key") == "f0e0d0c0b0a090807060504030201000  [SECRET]");
}

TEST_CASE("device create (ABP 1.1) takes the three network session keys") {
    DeviceWorkspace workspace;
    DeviceCreateOptions options = abp("0004a30b001c0532");
    options.device_profile = "v11";
    options.nwk_s_key.reset();
    options.f_nwk_s_int_key = key_a;
    options.s_nwk_s_int_key = key_b;
    options.nwk_s_enc_key = key_a;
    auto created = create_device(workspace, options);
    INFO(created.err);
    REQUIRE(created.status == exit_success);
    auto shown = show(workspace, "0004a30b001c0532");
    CHECK(shown_field(shown.out, "s_nwk_s_int_key") ==
          "f0e0d0c0b0a090807060504030201000  [SECRET]");
    CHECK(shown_field(shown.out, "a_f_cnt_down") == "0");
    CHECK(shown_field(shown.out, "session_mac_version") == "1.1.0");
}

TEST_CASE("device list shows every device, or one application's, in a table") {
    DeviceWorkspace workspace;
    REQUIRE(create_device(workspace, otaa("0000000000000002")).status == exit_success);
    REQUIRE(create_device(workspace, abp("0000000000000001")).status == exit_success);
    auto listed = capture([&](auto& out, auto& err) {
        return run_device_list(workspace.global(), {.application = "bins"}, out, err);
    });
    REQUIRE(listed.status == exit_success);
    CHECK(listed.out ==
          "DEV_EUI           NAME   APPLICATION  DEVICE_PROFILE  ACTIVATION  JOIN_EUI\n"
          "0000000000000001  bin 2  bins         v103            ABP         -\n"
          "0000000000000002  bin 1  bins         v103            OTAA        70b3d57ed0000000\n");
    auto unknown = capture([&](auto& out, auto& err) {
        return run_device_list(workspace.global(), {.application = "nope"}, out, err);
    });
    CHECK(unknown.status == exit_failure);
    CHECK(contains(unknown.err, "--application: application 'nope' not found"));
}

TEST_CASE("device delete removes the device; a second delete and show fail") {
    DeviceWorkspace workspace;
    REQUIRE(create_device(workspace, otaa("0000000000000003")).status == exit_success);
    const auto remove = [&] {
        return capture([&](auto& out, auto& err) {
            return run_device_delete(workspace.global(), "0000000000000003", out, err);
        });
    };
    CHECK(remove().status == exit_success);
    auto again = remove();
    CHECK(again.status == exit_failure);
    CHECK(contains(again.err, "not found"));
    auto shown = show(workspace, "0000000000000003");
    CHECK(shown.status == exit_failure);
    CHECK(shown.out.empty());
    auto bad = show(workspace, "00000003");
    CHECK(bad.status == exit_usage);
    CHECK(contains(bad.err, "expected 16 hex digits, got '00000003'"));
}

TEST_CASE("device create refuses bad hex and wrong lengths, naming the option") {
    DeviceWorkspace workspace;
    DeviceCreateOptions options = otaa("0000000000000004");
    std::string expected;
    SECTION("dev eui, bad hex") {
        options.dev_eui = "xyz";
        expected = "--dev-eui: expected 16 hex digits, got 'xyz'";
    }
    SECTION("dev eui, too long") {
        options.dev_eui = "000000000000000400";
        expected = "--dev-eui: expected 16 hex digits, got '000000000000000400'";
    }
    SECTION("join eui") {
        options.join_eui = "70B3D57ED000000G";
        expected = "--join-eui: expected 16 hex digits, got '70B3D57ED000000G'";
    }
    SECTION("app key, short: its length only, never the key") {
        options.app_key = "000102030405060708090A0B0C0D0E";
        expected = "--app-key: expected 32 hex digits, got 30 characters";
    }
    SECTION("app key, not hex: the position only") {
        options.app_key = "00010203040506070809QA0B0C0D0E0F";
        expected =
            "--app-key: expected 32 hex digits, got a character that is not hex at position 21";
    }
    SECTION("dev addr") {
        options = abp("0000000000000004");
        options.dev_addr = "2601100";
        expected = "--dev-addr: expected 8 hex digits, got '2601100'";
    }
    SECTION("session key") {
        options = abp("0000000000000004");
        options.app_s_key = "00";
        expected = "--app-s-key: expected 32 hex digits, got 2 characters";
    }
    auto refused = create_device(workspace, options);
    CHECK(refused.status == exit_usage);
    CHECK(refused.out.empty());
    CHECK(contains(refused.err, expected));
    CHECK(!contains(refused.err, "0A0B0C0D0E"));  // no key text echoed
}

TEST_CASE("device create refuses mixed or incomplete activation options") {
    DeviceWorkspace workspace;
    DeviceCreateOptions options = otaa("0000000000000005");
    std::string expected;
    SECTION("OTAA with ABP") {
        options.dev_addr = "26011001";
        expected = "cannot mix OTAA options (--join-eui, --app-key) with ABP options (--dev-addr)";
    }
    SECTION("neither") {
        options.join_eui.reset();
        options.app_key.reset();
        expected = "no activation given";
    }
    SECTION("OTAA without the AppKey") {
        options.app_key.reset();
        expected = "OTAA needs --join-eui and --app-key: missing --app-key";
    }
    SECTION("ABP without session keys") {
        options = abp("0000000000000005");
        options.nwk_s_key.reset();
        options.app_s_key.reset();
        expected = "ABP needs --dev-addr, --nwk-s-key and --app-s-key";
        CHECK(contains(create_device(workspace, options).err, "missing --nwk-s-key, --app-s-key"));
    }
    SECTION("ABP 1.1 with a key missing") {
        options = abp("0000000000000005");
        options.nwk_s_key.reset();
        options.f_nwk_s_int_key = key_a;
        options.s_nwk_s_int_key = key_a;
        expected = "ABP (LoRaWAN 1.1) needs";
        CHECK(contains(create_device(workspace, options).err, "missing --nwk-s-enc-key"));
    }
    SECTION("ABP 1.0 and 1.1 keys together") {
        options = abp("0000000000000005");
        options.f_nwk_s_int_key = key_a;
        expected = "--nwk-s-key (LoRaWAN 1.0.x) cannot be combined with --f-nwk-s-int-key";
    }
    SECTION("1.1 keys for a 1.0.3 profile") {
        options = abp("0000000000000005");
        options.nwk_s_key.reset();
        options.f_nwk_s_int_key = options.s_nwk_s_int_key = options.nwk_s_enc_key = key_a;
        expected = "device profile 'v103' is LoRaWAN 1.0.3: give --nwk-s-key with --app-s-key";
    }
    SECTION("NwkKey for a 1.0.3 profile") {
        options.nwk_key = key_b;
        expected =
            "--nwk-key is a LoRaWAN 1.1 root key, but device profile 'v103' is LoRaWAN 1.0.3";
    }
    auto refused = create_device(workspace, options);
    CHECK(refused.status == exit_usage);
    CHECK(refused.out.empty());
    CHECK(contains(refused.err, expected));
}

TEST_CASE("device create refuses duplicates and unknown references") {
    DeviceWorkspace workspace;
    REQUIRE(create_device(workspace, otaa("0000000000000006")).status == exit_success);
    DeviceCreateOptions options = otaa("0000000000000006");
    std::string expected;
    SECTION("duplicate DevEUI") {
        expected = "device 0000000000000006 already exists";
    }
    SECTION("unknown application") {
        options.dev_eui = "0000000000000007";
        options.application = "nope";
        expected = "--application: application 'nope' not found";
    }
    SECTION("unknown profile") {
        options.dev_eui = "0000000000000007";
        options.device_profile = "nope";
        expected = "--device-profile: device profile 'nope' not found in tenant 'Namur'";
    }
    SECTION("another tenant's profile") {
        options.dev_eui = "0000000000000007";
        options.device_profile = "other";
        expected = "--device-profile: device profile 'other' not found in tenant 'Namur'";
    }
    auto refused = create_device(workspace, options);
    CHECK(refused.status == exit_failure);
    CHECK(refused.out.empty());
    CHECK(contains(refused.err, expected));
}
