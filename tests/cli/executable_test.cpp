// The real `hortillon` executable as a process: global options before and after the command
// (and from the environment), exit statuses 0, 1 and 2, and stdout kept for results only; the
// codec commands print pure JSON and never touch the database.
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "command_fixture.hpp"

using hortillon::cli::testing::CommandOutput;
using hortillon::cli::testing::single_line;
using hortillon::cli::testing::Workspace;

namespace {
constexpr std::size_t output_limit = 1 << 20;  // a runaway child must not fill memory

// Runs the executable with `arguments` and extra environment `NAME=value` entries.
auto run_hortillon(const std::vector<std::string>& arguments,
                   const std::vector<std::string>& environment = {}) -> CommandOutput {
    std::array<int, 2> out_pipe{};
    std::array<int, 2> err_pipe{};
    if (pipe(out_pipe.data()) != 0 || pipe(err_pipe.data()) != 0)
        throw std::runtime_error("pipe failed");
    const pid_t child = fork();
    if (child < 0)
        throw std::runtime_error("fork failed");
    if (child == 0) {
        dup2(out_pipe[1], STDOUT_FILENO);
        dup2(err_pipe[1], STDERR_FILENO);
        for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
            close(fd);
        for (const std::string& entry : environment)
            putenv(const_cast<char*>(entry.c_str()));  // the child execs at once
        std::vector<char*> argv{const_cast<char*>(HORTILLON_EXECUTABLE)};
        for (const std::string& argument : arguments)
            argv.push_back(const_cast<char*>(argument.c_str()));
        argv.push_back(nullptr);
        execv(HORTILLON_EXECUTABLE, argv.data());
        _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    CommandOutput output;
    std::array<pollfd, 2> fds{pollfd{out_pipe[0], POLLIN, 0}, pollfd{err_pipe[0], POLLIN, 0}};
    std::array<std::string*, 2> sinks{&output.out, &output.err};
    int open_count = 2;
    while (open_count > 0 && poll(fds.data(), fds.size(), 10'000) > 0) {
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0)
                continue;
            char buffer[4096];
            const ssize_t got = read(fds[i].fd, buffer, sizeof buffer);
            if (got <= 0) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open_count;
            } else if (sinks[i]->size() < output_limit) {
                sinks[i]->append(buffer, static_cast<std::size_t>(got));
            }
        }
    }
    for (const pollfd& fd : fds)
        if (fd.fd >= 0)
            close(fd.fd);
    int status = 0;
    waitpid(child, &status, 0);
    output.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return output;
}

auto has(const std::string& text, const std::string& part) -> bool {
    return text.find(part) != std::string::npos;
}
}  // namespace

TEST_CASE("the hortillon executable: global options anywhere, exit statuses, stdout vs stderr") {
    Workspace workspace;
    const std::string db = (workspace.folder() / "a.db").string();
    const std::string key = (workspace.folder() / "a.key").string();

    // Global options before the command.
    auto created =
        run_hortillon({"--db", db, "--key-file", key, "tenant", "create", "--name", "Namur"});
    INFO(created.err);
    REQUIRE(created.status == 0);
    const std::string tenant_id = single_line(created.out);
    CHECK(tenant_id.size() == 36);
    CHECK(created.err.empty());

    // After the command: the same database.
    auto listed = run_hortillon({"tenant", "list", "--db", db, "--key-file", key});
    REQUIRE(listed.status == 0);
    CHECK(has(listed.out, tenant_id));

    // From the environment, and the option beats the environment.
    auto from_environment =
        run_hortillon({"tenant", "list"}, {"HORTILLON_DB=" + db, "HORTILLON_KEY_FILE=" + key});
    CHECK(from_environment.status == 0);
    CHECK(has(from_environment.out, tenant_id));
    const std::string other = (workspace.folder() / "b.db").string();
    auto option_wins = run_hortillon(
        {"tenant", "list", "--db", other, "--key-file", (workspace.folder() / "b.key").string()},
        {"HORTILLON_DB=" + db, "HORTILLON_KEY_FILE=" + key});
    CHECK(option_wins.status == 0);
    CHECK(!has(option_wins.out, tenant_id));

    // Failure (1): a duplicate. Nothing on stdout, the reason on stderr.
    auto duplicate =
        run_hortillon({"--db", db, "--key-file", key, "tenant", "create", "--name", "Namur"});
    CHECK(duplicate.status == 1);
    CHECK(duplicate.out.empty());
    CHECK(has(duplicate.err, "error: a tenant named 'Namur' already exists"));

    // Bad arguments (2): a bad value, a missing required option, an unknown command.
    auto bad_value = run_hortillon({"--db", db, "--key-file", key, "gateway", "create",
                                    "--gateway-id", "xyz", "--tenant", "Namur", "--name", "gw"});
    CHECK(bad_value.status == 2);
    CHECK(bad_value.out.empty());
    CHECK(has(bad_value.err, "--gateway-id: expected 16 hex digits, got 'xyz'"));
    auto missing = run_hortillon({"tenant", "create", "--db", db});
    CHECK(missing.status == 2);
    CHECK(has(missing.err, "--name"));
    auto unknown = run_hortillon({"--db", db, "tenant", "rename"});
    CHECK(unknown.status == 2);
    CHECK(unknown.out.empty());
    CHECK(has(unknown.err,
              "unknown command 'rename' for 'hortillon tenant'; expected one of: "
              "create, list"));
    auto nothing = run_hortillon({});
    CHECK(nothing.status == 2);
    CHECK(has(nothing.err, "'hortillon' needs a command"));

    // Help and version succeed.
    CHECK(run_hortillon({"device", "import", "--help"}).status == 0);
    CHECK(has(run_hortillon({"device", "import", "--help"}).out, "dev_eui,name,join_eui,app_key"));
    CHECK(run_hortillon({"--version"}).status == 0);
}

TEST_CASE("the hortillon executable: codec commands print pure JSON and need no database") {
    Workspace workspace;
    const std::string db = (workspace.folder() / "never.db").string();
    const std::string key = (workspace.folder() / "never.key").string();
    const std::vector<std::string> environment{"HORTILLON_DB=" + db, "HORTILLON_KEY_FILE=" + key};

    auto decoded = run_hortillon(
        {"codec", "decode", "milesight-iot-em310-udl", "--fport", "85", "01755c03824408040001"},
        environment);
    INFO(decoded.err);
    CHECK(decoded.status == 0);
    CHECK(decoded.err.empty());
    // The whole of stdout parses as one JSON value: no banner, no log line.
    const auto result = nlohmann::json::parse(decoded.out, nullptr, false);
    REQUIRE(!result.is_discarded());
    CHECK(result ==
          nlohmann::json::parse(R"({"data": {"battery": 92, "distance": 2116, "tilt": "tilt"}})"));

    auto truncated = run_hortillon(
        {"--db", db, "codec", "decode", "dingtek-df703", "--fport", "3", "8000010111"});
    CHECK(truncated.status == 1);
    CHECK(!nlohmann::json::parse(truncated.out, nullptr, false).is_discarded());
    CHECK(has(truncated.err, "error: dingtek-df703: "));

    auto encoded = run_hortillon(
        {"codec", "encode", "dingtek-df703", "{\"uploadInterval\": 4}", "--db", db}, environment);
    CHECK(encoded.status == 0);
    CHECK(nlohmann::json::parse(encoded.out, nullptr, false) ==
          nlohmann::json::parse(R"({"bytes": "3830303239393939303130343831", "fPort": 3})"));

    auto listed = run_hortillon({"codec", "list"}, environment);
    CHECK(listed.status == 0);
    CHECK(has(listed.out, "decentlab-dl-pr26"));

    // Bad arguments: status 2, nothing on stdout. A non-numeric --fport and a missing one.
    for (const std::vector<std::string>& arguments :
         {std::vector<std::string>{"codec", "decode", "acme", "--fport", "1", "00"},
          {"codec", "decode", "dingtek-df703", "--fport", "256", "80"},
          {"codec", "decode", "dingtek-df703", "--fport", "x", "80"},
          {"codec", "decode", "dingtek-df703", "80"},
          {"codec", "encode", "dingtek-df703", "{oops"},
          {"codec", "frobnicate"}}) {
        auto refused = run_hortillon(arguments, environment);
        INFO(arguments.at(1) << " " << arguments.back());
        CHECK(refused.status == 2);
        CHECK(refused.out.empty());
    }

    CHECK(!std::filesystem::exists(db));
    CHECK(!std::filesystem::exists(key));
    CHECK(std::filesystem::is_empty(workspace.folder()));
}
