#pragma once
// A fresh temporary folder per test holding the database and key file, the global options that
// name them, and a way to run a command with captured stdout and stderr.

#include <atomic>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>

#include "cli/command_support.hpp"

namespace hortillon::cli::testing {

struct CommandOutput {
    int status = -1;
    std::string out;
    std::string err;
};

// `run(out, err)` is a command function with its options bound.
template <class Run>
auto capture(Run&& run) -> CommandOutput {
    std::ostringstream out;
    std::ostringstream err;
    const int status = run(out, err);
    return CommandOutput{status, out.str(), err.str()};
}

class Workspace {
  public:
    Workspace() {
        static std::atomic<unsigned> counter{0};
        folder_ = std::filesystem::temp_directory_path() /
                  ("hortillon-cli-" + std::to_string(std::random_device{}()) + "-" +
                   std::to_string(counter++));
        std::filesystem::create_directories(folder_);
        global_.db = (folder_ / "hortillon.db").string();
        global_.key_file = (folder_ / "hortillon.key").string();
    }
    Workspace(const Workspace&) = delete;
    auto operator=(const Workspace&) -> Workspace& = delete;
    ~Workspace() {
        std::error_code ignored;
        std::filesystem::remove_all(folder_, ignored);
    }

    [[nodiscard]] auto folder() const -> const std::filesystem::path& { return folder_; }
    [[nodiscard]] auto global() const -> const GlobalOptions& { return global_; }

  private:
    std::filesystem::path folder_;
    GlobalOptions global_;
};

// The only line of `text` without its newline; empty when there is not exactly one line.
inline auto single_line(const std::string& text) -> std::string {
    if (text.empty() || text.back() != '\n' || text.find('\n') != text.size() - 1)
        return {};
    return text.substr(0, text.size() - 1);
}

}  // namespace hortillon::cli::testing
