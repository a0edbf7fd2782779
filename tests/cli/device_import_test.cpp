// device import: good files, files with bad rows (every bad line reported, nothing imported),
// header errors, and a 10,000-row import whose rate is reported (no timing assertion).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>

#include "cli/device_commands.hpp"
#include "cli/device_import.hpp"
#include "device_fixture.hpp"

using namespace hortillon::cli;
using namespace hortillon::cli::testing;

namespace {
auto write_file(const Workspace& workspace, const std::string& text) -> std::string {
    const auto path = workspace.folder() / "devices.csv";
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
}

auto import_file(const Workspace& workspace, const std::string& text, std::string profile = "v103",
                 bool progress_bar = false) {
    const DeviceImportOptions options{.application = "bins",
                                      .device_profile = std::move(profile),
                                      .file = write_file(workspace, text),
                                      .progress_bar = progress_bar};
    return capture([&](auto& out, auto& err) {
        return run_device_import(workspace.global(), options, out, err);
    });
}

auto device_count(const Workspace& workspace) -> long {
    auto listed = capture(
        [&](auto& out, auto& err) { return run_device_list(workspace.global(), {}, out, err); });
    REQUIRE(listed.status == exit_success);
    return std::count(listed.out.begin(), listed.out.end(), '\n') - 1;
}

auto eui(unsigned number) -> std::string {
    char text[17];
    std::snprintf(text, sizeof text, "%016X", number);
    return text;
}
}  // namespace

TEST_CASE("import of a good OTAA file: comments, blank lines, quotes, CRLF, any case") {
    DeviceWorkspace workspace;
    const std::string text = std::string("\xef\xbb\xbf") +
                             "# bins of the old town\r\n"
                             "Dev_EUI, name, join_eui, app_key\r\n"
                             "\r\n"
                             "0004A30B001C0001,\"bin, market square\",70B3D57ED0000000," +
                             key_a + "\r\n" + "0004a30b001c0002,bin 2,70b3d57ed0000000," + key_b +
                             "\n" + "  # a comment\n" +
                             "\"0004a30b001c0003\",bin 3,70b3d57ed0000000," + key_a;
    auto imported = import_file(workspace, text);
    INFO(imported.err);
    REQUIRE(imported.status == exit_success);
    CHECK(imported.out == "3\n");
    CHECK(contains(imported.err, "importing: 3/3"));
    CHECK(device_count(workspace) == 3);
    auto shown = capture([&](auto& out, auto& err) {
        return run_device_show(workspace.global(), "0004a30b001c0001", out, err);
    });
    CHECK(contains(shown.out, "bin, market square"));
}

TEST_CASE("import of ABP files, 1.0.x and 1.1, with an optional column order") {
    DeviceWorkspace workspace;
    auto v103 = import_file(workspace, "name,dev_eui,dev_addr,app_s_key,nwk_s_key\nb1," + eui(1) +
                                           ",26011001," + key_a + "," + key_b + "\n");
    INFO(v103.err);
    CHECK(v103.status == exit_success);
    CHECK(v103.out == "1\n");
    auto v11 = import_file(
        workspace,
        "dev_eui,name,dev_addr,f_nwk_s_int_key,s_nwk_s_int_key,nwk_s_enc_key,app_s_key\n" + eui(2) +
            ",b2,26011002," + key_a + "," + key_b + "," + key_a + "," + key_b + "\n",
        "v11");
    INFO(v11.err);
    CHECK(v11.status == exit_success);
    auto shown = capture([&](auto& out, auto& err) {
        return run_device_show(workspace.global(), eui(1), out, err);
    });
    CHECK(shown_field(shown.out, "nwk_s_key") == "f0e0d0c0b0a090807060504030201000  [SECRET]");
}

TEST_CASE("import with bad rows reports every bad line and imports nothing") {
    DeviceWorkspace workspace;
    REQUIRE(import_file(workspace, "dev_eui,name,join_eui,app_key\n" + eui(99) +
                                       ",existing,70b3d57ed0000000," + key_a + "\n")
                .status == exit_success);
    const std::string join = ",70b3d57ed0000000,";
    const std::string text = "dev_eui,name,join_eui,app_key,nwk_key\n" +        // line 1
                             eui(1) + ",ok" + join + key_a + ",\n" +            // line 2
                             "xyz,bad eui" + join + key_a + ",\n" +             // line 3
                             eui(3) + ",short key" + join + "0011,\n" +         // line 4
                             eui(1) + ",duplicate" + join + key_a + ",\n" +     // line 5
                             "# skipped\n" +                                    // line 6
                             eui(99) + ",exists" + join + key_a + ",\n" +       // line 7
                             eui(7) + ",missing field" + join + key_a + "\n" +  // line 8
                             eui(8) + ",\"unclosed" + join + key_a + ",\n" +    // line 9
                             eui(9) + ",1.0.3 has no nwk key" + join + key_a + "," + key_b +
                             "\n" +                                                      // line 10
                             "0000000000000010,," + "70b3d57ed000000," + key_a + ",\n";  // 11
    auto refused = import_file(workspace, text);
    CHECK(refused.status == exit_failure);
    CHECK(refused.out.empty());
    const std::string file = (workspace.folder() / "devices.csv").string() + ": ";
    CHECK(contains(refused.err, file + "line 3: dev_eui: expected 16 hex digits, got 'xyz'"));
    CHECK(
        contains(refused.err, file + "line 4: app_key: expected 32 hex digits, got 4 characters"));
    CHECK(
        contains(refused.err, file + "line 5: dev_eui 0000000000000001 already appears on line 2"));
    CHECK(contains(refused.err, file + "line 7: device 0000000000000063 already exists"));
    CHECK(contains(refused.err, file + "line 8: expected 5 fields, got 4"));
    CHECK(contains(refused.err, file + "line 9: a quote is not closed"));
    CHECK(contains(refused.err, file + "line 10: nwk_key: a LoRaWAN 1.1 root key"));
    CHECK(contains(refused.err, file + "line 11: name: must not be empty; join_eui: expected 16 "
                                       "hex digits, got '70b3d57ed000000'"));
    CHECK(!contains(refused.err, "line 2:"));
    CHECK(contains(refused.err, "error: 8 of 9 rows rejected"));
    CHECK(contains(refused.err, "nothing was imported"));
    CHECK(device_count(workspace) == 1);  // the existing one only
}

TEST_CASE("import refuses bad headers, a missing file and references as usage or failure") {
    DeviceWorkspace workspace;
    SECTION("unknown column") {
        auto refused = import_file(workspace, "dev_eui,name,join_eui,app_key,colour\n");
        CHECK(refused.status == exit_usage);
        CHECK(contains(refused.err, "line 1 (header): the columns"));
        CHECK(contains(refused.err, "OTAA: dev_eui,name,join_eui,app_key[,nwk_key]"));
    }
    SECTION("OTAA and ABP columns mixed") {
        auto refused =
            import_file(workspace, "dev_eui,name,join_eui,app_key,dev_addr,nwk_s_key,app_s_key\n");
        CHECK(refused.status == exit_usage);
    }
    SECTION("1.0.x ABP columns for a 1.1 profile") {
        auto refused = import_file(workspace, "dev_eui,name,dev_addr,nwk_s_key,app_s_key\n", "v11");
        CHECK(refused.status == exit_usage);
        CHECK(contains(refused.err, "device profile 'v11' is LoRaWAN 1.1.0"));
    }
    SECTION("empty file") {
        auto refused = import_file(workspace, "# nothing\n\n");
        CHECK(refused.status == exit_usage);
        CHECK(contains(refused.err, "no header line"));
    }
    SECTION("missing file") {
        auto refused = capture([&](auto& out, auto& err) {
            return run_device_import(workspace.global(),
                                     {.application = "bins",
                                      .device_profile = "v103",
                                      .file = (workspace.folder() / "absent.csv").string()},
                                     out, err);
        });
        CHECK(refused.status == exit_usage);
        CHECK(contains(refused.err, "absent.csv: cannot be opened"));
    }
    SECTION("unknown profile") {
        auto refused = import_file(workspace, "dev_eui,name,join_eui,app_key\n", "nope");
        CHECK(refused.status == exit_failure);
        CHECK(contains(refused.err, "--device-profile: device profile 'nope' not found"));
    }
}

TEST_CASE("import of 10,000 devices in one transaction, with progress") {
    DeviceWorkspace workspace;
    constexpr unsigned rows = 10'000;
    std::string text = "dev_eui,name,join_eui,app_key\n";
    for (unsigned row = 1; row <= rows; ++row)
        text += eui(0x100000 + row) + ",sensor " + std::to_string(row) + ",70b3d57ed0000000," +
                key_a + "\n";

    SECTION("periodic progress lines when stderr is not a terminal") {
        const auto start = std::chrono::steady_clock::now();
        auto imported = import_file(workspace, text);
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        INFO(imported.err.substr(0, 2000));
        REQUIRE(imported.status == exit_success);
        CHECK(imported.out == "10000\n");
        CHECK(contains(imported.err, "checking: 1000/10000\n"));
        CHECK(contains(imported.err, "importing: 8000/10000\n"));
        CHECK(contains(imported.err, "importing: 10000/10000\n"));
        CHECK(device_count(workspace) == rows);
        WARN("imported " << rows << " devices in " << elapsed.count() << " s ("
                         << static_cast<long>(rows / elapsed.count()) << " devices/s)");
    }
    SECTION("a redrawn bar on a terminal") {
        auto imported = import_file(workspace, text, "v103", true);
        REQUIRE(imported.status == exit_success);
        CHECK(contains(imported.err,
                       "\rimporting [####################################] 100%  "
                       "10000/10000\n"));
    }
}
