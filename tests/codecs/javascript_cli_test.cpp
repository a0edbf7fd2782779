// JavaScript codecs from the operator's side: `hortillon codec import` then list, decode and
// encode with the real executable (which finds hortillon-codec-worker next to it), a device
// profile naming an imported id, and the server's registry finding a codec imported after it
// was built and reloading a re-imported one.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <array>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/codec_registry.hpp"
#include "storage/sqlite_store.hpp"

extern char** environ;  // NOLINT: POSIX declares it nowhere else

namespace {
using nlohmann::json;

struct Output {
    int status = -1;
    std::string out;
    std::string err;
};

// A temporary folder with the database, key file and captured output of each run.
class Workspace {
  public:
    Workspace()
        : folder_(std::filesystem::temp_directory_path() /
                  ("hortillon-js-" + std::to_string(std::random_device{}()))) {
        std::filesystem::create_directories(folder_);
    }
    Workspace(const Workspace&) = delete;
    auto operator=(const Workspace&) -> Workspace& = delete;
    ~Workspace() {
        std::error_code ignored;
        std::filesystem::remove_all(folder_, ignored);
    }
    [[nodiscard]] auto db() const -> std::string { return (folder_ / "h.db").string(); }
    [[nodiscard]] auto key() const -> std::string { return (folder_ / "h.key").string(); }

    // Runs hortillon with --db and --key-file of this workspace; stdout and stderr go to files
    // (at most a few kilobytes here), read back after the process exited.
    auto run(std::vector<std::string> arguments) const -> Output {
        arguments.insert(arguments.begin(),
                         {HORTILLON_EXECUTABLE, "--db", db(), "--key-file", key()});
        const std::string out_path = (folder_ / "out").string();
        const std::string err_path = (folder_ / "err").string();
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0600);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0600);
        std::vector<char*> argv;
        for (std::string& argument : arguments)
            argv.push_back(argument.data());
        argv.push_back(nullptr);
        pid_t pid = 0;
        const int spawned =
            posix_spawn(&pid, HORTILLON_EXECUTABLE, &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        REQUIRE(spawned == 0);
        int status = 0;
        waitpid(pid, &status, 0);
        return Output{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out_path),
                      slurp(err_path)};
    }

  private:
    static auto slurp(const std::string& path) -> std::string {
        std::ifstream file(path);
        std::ostringstream text;
        text << file.rdbuf();
        return text.str();
    }

    std::filesystem::path folder_;
};

auto codec_file(const std::string& name) -> std::string {
    return std::string(HORTILLON_TEST_DATA) + "/codecs/javascript/" + name;
}

auto has(const std::string& text, const std::string& part) -> bool {
    return text.find(part) != std::string::npos;
}
}  // namespace

TEST_CASE("codec import, then list, decode and encode run the JavaScript codec") {
    const Workspace workspace;
    const auto imported =
        workspace.run({"codec", "import", "--id", "acme-meter", "--vendor", "Acme", "--device",
                       "Meter 2", "--family", "water-meter", codec_file("es5_meter.js")});
    INFO(imported.err);
    REQUIRE(imported.status == 0);
    CHECK(imported.out == "acme-meter\n");
    CHECK(imported.err.empty());

    const auto listed = workspace.run({"codec", "list"});
    CHECK(listed.status == 0);
    CHECK(has(listed.out, "\nacme-meter "));
    CHECK(has(listed.out, " Acme "));
    CHECK(has(listed.out, " water-meter  js\n"));
    CHECK(has(listed.out, "milesight-iot-em310-udl"));

    const auto decoded =
        workspace.run({"codec", "decode", "acme-meter", "--fport", "2", "0001e24050"});
    CHECK(decoded.status == 0);
    CHECK(decoded.out ==
          R"({"data":{"battery_percent":80,"fPort":2,"index_litres":123456,"is_array":true,)"
          R"("site":null,"volume_m3":123.456}})"
          "\n");
    const auto refused = workspace.run({"codec", "decode", "acme-meter", "--fport", "9", "00"});
    CHECK(refused.status == 1);
    CHECK(refused.out == "{\"errors\":[\"unknown fPort 9\"]}\n");
    CHECK(refused.err == "error: acme-meter: unknown fPort 9\n");

    REQUIRE(
        workspace.run({"codec", "import", "--id", "valve", codec_file("strict_valve.js")}).status ==
        0);
    const auto encoded =
        workspace.run({"codec", "encode", "valve", R"({"state": "open", "minutes": 15})"});
    CHECK(encoded.status == 0);
    CHECK(encoded.out == "{\"bytes\":\"a0010f\",\"fPort\":10}\n");
    CHECK(workspace.run({"codec", "encode", "acme-meter", "{}"}).err ==
          "error: codec 'acme-meter' has no downlink encoder\n");
}

TEST_CASE("codec import replaces an earlier import and refuses bad codecs and arguments") {
    const Workspace workspace;
    REQUIRE(workspace.run({"codec", "import", "--id", "meter", codec_file("runaway.js")}).status ==
            0);
    const auto again =
        workspace.run({"codec", "import", "--id", "meter", codec_file("es5_meter.js")});
    CHECK(again.status == 0);
    CHECK(again.err == "replaced the codec 'meter' imported before\n");
    CHECK(workspace.run({"codec", "decode", "meter", "--fport", "4", "00"}).out ==
          "{\"errors\":[\"unknown fPort 4\"]}\n");

    const auto broken =
        workspace.run({"codec", "import", "--id", "b", codec_file("syntax_error.js")});
    CHECK(broken.status == 1);
    CHECK(has(broken.err, "syntax_error.js: the codec does not load: SyntaxError: parse error"));
    const auto no_decoder =
        workspace.run({"codec", "import", "--id", "e", codec_file("encoder_only.js")});
    CHECK(no_decoder.status == 1);
    CHECK(has(no_decoder.err, "encoder_only.js: the codec defines no decodeUplink function"));

    const auto builtin =
        workspace.run({"codec", "import", "--id", "dingtek-df703", codec_file("es5_meter.js")});
    CHECK(builtin.status == 2);
    CHECK(builtin.err == "error: --id: 'dingtek-df703' is a built-in codec; choose another id\n");
    CHECK(workspace.run({"codec", "import", "--id", "a b", codec_file("es5_meter.js")}).status ==
          2);
    CHECK(workspace
              .run({"codec", "import", "--id", "x", "--family", "lamp", codec_file("es5_meter.js")})
              .status == 2);
    CHECK(workspace.run({"codec", "import", "--id", "x", codec_file("missing.js")}).status == 2);
    CHECK(workspace.run({"codec", "import", codec_file("es5_meter.js")}).status == 2);
}

TEST_CASE("a device profile accepts an imported codec id, and still refuses unknown ones") {
    const Workspace workspace;
    REQUIRE(workspace.run({"tenant", "create", "--name", "amiens"}).status == 0);
    REQUIRE(workspace.run({"codec", "import", "--id", "acme-meter", codec_file("es5_meter.js")})
                .status == 0);
    const auto created = workspace.run({"device-profile", "create", "--tenant", "amiens", "--name",
                                        "meters", "--codec", "acme-meter"});
    INFO(created.err);
    CHECK(created.status == 0);
    CHECK(has(workspace.run({"device-profile", "list"}).out, " acme-meter\n"));
    const auto unknown = workspace.run({"device-profile", "create", "--tenant", "amiens", "--name",
                                        "other", "--codec", "acme-other"});
    CHECK(unknown.status == 2);
    CHECK(has(unknown.err, "--codec: unknown codec 'acme-other'; known codecs:"));
    CHECK(has(unknown.err, "\n  acme-meter  (JavaScript, imported)"));
}

TEST_CASE("the server's registry finds codecs imported after it was built, and reloads them") {
    const Workspace workspace;
    auto store = hortillon::storage::SqliteStore::open(hortillon::storage::StoreOptions{
        .database_path = workspace.db(), .key_file = workspace.key()});
    REQUIRE(store);
    auto options = hortillon::cli::javascript_runtime_options(hortillon::cli::CodecsConfig{});
    options.worker_path = HORTILLON_CODEC_WORKER;
    const auto registry = hortillon::cli::make_codec_registry(
        **store, std::make_shared<hortillon::codecs::js::CodecWorkerPool>(options));
    CHECK(registry.find("dragino-ldds75") != nullptr);
    CHECK(registry.find("acme-meter") == nullptr);

    // Imported by another process (the CLI) while the server runs.
    REQUIRE(
        workspace.run({"codec", "import", "--id", "acme-meter", codec_file("runaway.js")}).status ==
        0);
    const auto* codec = registry.find("acme-meter");
    REQUIRE(codec != nullptr);
    CHECK(codec->info().kind == hortillon::codecs::CodecKind::javascript);
    CHECK(codec->decode_uplink({.bytes = {}, .f_port = 4}).data == json{{"port", 4}});

    REQUIRE(workspace.run({"codec", "import", "--id", "acme-meter", codec_file("es5_meter.js")})
                .status == 0);
    const auto* reloaded = registry.find("acme-meter");
    REQUIRE(reloaded != nullptr);
    CHECK(reloaded->decode_uplink({.bytes = {}, .f_port = 4}).errors ==
          std::vector<std::string>{"unknown fPort 4"});
    CHECK(reloaded->decode_uplink({.bytes = {}, .f_port = 4}).errors ==
          std::vector<std::string>{"unknown fPort 4"});
}
