#include "codecs/js/worker_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>

#include <array>
#include <vector>

extern char** environ;  // NOLINT: POSIX declares it nowhere else

namespace hortillon::codecs::js {

namespace {
constexpr int worker_fd = 3;

// posix_spawn's file actions, released on every path.
class SpawnActions {
  public:
    SpawnActions() { posix_spawn_file_actions_init(&actions_); }
    SpawnActions(const SpawnActions&) = delete;
    auto operator=(const SpawnActions&) -> SpawnActions& = delete;
    ~SpawnActions() { posix_spawn_file_actions_destroy(&actions_); }
    auto get() -> posix_spawn_file_actions_t* { return &actions_; }

  private:
    posix_spawn_file_actions_t actions_{};
};

auto describe_status(int status) -> std::string {
    if (WIFSIGNALED(status))
        return "killed by signal " + std::to_string(WTERMSIG(status));
    if (WIFEXITED(status))
        return "exited with status " + std::to_string(WEXITSTATUS(status));
    return "stopped";
}
}  // namespace

auto UniqueFd::operator=(UniqueFd&& other) noexcept -> UniqueFd& {
    if (this != &other) {
        if (fd_ >= 0)
            close(fd_);
        fd_ = other.release();
    }
    return *this;
}

UniqueFd::~UniqueFd() {
    if (fd_ >= 0)
        close(fd_);
}

auto UniqueFd::release() -> int {
    const int fd = fd_;
    fd_ = -1;
    return fd;
}

auto WorkerProcess::spawn(const std::filesystem::path& executable, std::size_t memory_limit_mb)
    -> Result<std::unique_ptr<WorkerProcess>, std::string> {
    if (access(executable.c_str(), X_OK) != 0)
        return Unexpected{"codec worker " + executable.string() + " not found or not executable"};
    std::array<int, 2> ends{};
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends.data()) != 0)
        return Unexpected{std::string("socketpair: ") + std::strerror(errno)};
    UniqueFd parent_end(ends[0]);
    UniqueFd child_end(ends[1]);
    // Moved above the worker's fd number first: dup2 onto the same number would keep the
    // close-on-exec flag.
    UniqueFd child_high(fcntl(child_end.get(), F_DUPFD_CLOEXEC, 10));
    if (child_high.get() < 0)
        return Unexpected{std::string("fcntl: ") + std::strerror(errno)};
    SpawnActions actions;
    posix_spawn_file_actions_adddup2(actions.get(), child_high.get(), worker_fd);
    const std::string fd_text = std::to_string(worker_fd);
    const std::string limit_text = std::to_string(memory_limit_mb);
    std::string program = executable.string();
    std::vector<char*> argv{program.data(),
                            const_cast<char*>("--fd"),
                            const_cast<char*>(fd_text.c_str()),
                            const_cast<char*>("--memory-limit-mb"),
                            const_cast<char*>(limit_text.c_str()),
                            nullptr};
    pid_t pid = 0;
    const int spawned =
        posix_spawn(&pid, program.c_str(), actions.get(), nullptr, argv.data(), environ);
    if (spawned != 0)
        return Unexpected{"cannot start " + program + ": " + std::strerror(spawned)};
    return std::make_unique<WorkerProcess>(pid, std::move(parent_end));
}

WorkerProcess::~WorkerProcess() {
    stop();
}

auto WorkerProcess::send(std::string_view request) -> Result<void, FrameError> {
    return write_frame(socket_.get(), request);
}

auto WorkerProcess::receive(Deadline deadline) -> Result<std::string, FrameError> {
    return read_frame(socket_.get(), deadline);
}

auto WorkerProcess::stop() -> std::string {
    if (pid_ <= 0)
        return ending_;
    kill(pid_, SIGKILL);  // harmless when it already exited: it stays a zombie until reaped
    socket_ = UniqueFd();
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    ending_ = describe_status(status);
    pid_ = -1;
    return ending_;
}

auto default_worker_path() -> std::filesystem::path {
    std::error_code error;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error)
        return "hortillon-codec-worker";
    return self.parent_path() / "hortillon-codec-worker";
}

}  // namespace hortillon::codecs::js
