#pragma once
// One hortillon-codec-worker child process seen from the parent: spawned with posix_spawn (safe
// in a multi-threaded server: nothing runs between fork and exec), talked to over a socketpair,
// killed with SIGKILL and reaped when it overruns or is dropped.

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include "codecs/js/frame_io.hpp"
#include "lorawan/result.hpp"

namespace hortillon::codecs::js {

// A file descriptor closed on destruction.
class UniqueFd {
  public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : fd_(fd) {}
    UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
    auto operator=(UniqueFd&& other) noexcept -> UniqueFd&;
    UniqueFd(const UniqueFd&) = delete;
    auto operator=(const UniqueFd&) -> UniqueFd& = delete;
    ~UniqueFd();

    [[nodiscard]] auto get() const -> int { return fd_; }
    auto release() -> int;

  private:
    int fd_ = -1;
};

class WorkerProcess {
  public:
    // Starts `executable` with its end of the socketpair as fd 3.
    static auto spawn(const std::filesystem::path& executable, std::size_t memory_limit_mb)
        -> Result<std::unique_ptr<WorkerProcess>, std::string>;

    WorkerProcess(pid_t pid, UniqueFd socket) : pid_(pid), socket_(std::move(socket)) {}
    WorkerProcess(const WorkerProcess&) = delete;
    auto operator=(const WorkerProcess&) -> WorkerProcess& = delete;
    ~WorkerProcess();

    // Sends one request; `closed` when the process is gone (it died while idle).
    auto send(std::string_view request) -> Result<void, FrameError>;
    // Waits for the reply until `deadline`.
    auto receive(Deadline deadline) -> Result<std::string, FrameError>;

    // SIGKILL (unless already gone) and waitpid; says how the process ended ("killed by
    // signal 9", "exited with status 70"). Idempotent.
    auto stop() -> std::string;

    [[nodiscard]] auto pid() const -> pid_t { return pid_; }

  private:
    pid_t pid_;
    UniqueFd socket_;
    std::string ending_;
};

// hortillon-codec-worker in the folder of the running executable (/proc/self/exe).
auto default_worker_path() -> std::filesystem::path;

}  // namespace hortillon::codecs::js
