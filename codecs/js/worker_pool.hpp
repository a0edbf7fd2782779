#pragma once
// The codec worker processes of one Hortillon process, and the watchdog around each call.
//
// A call takes an idle worker (waiting when all are busy), starting one if needed, sends the
// request and waits at most `timeout` for the reply. On timeout the worker is killed (SIGKILL,
// reaped); a worker that died on its own (EOF) is reaped. Either way the call fails with a
// clear error and the slot starts a new worker at its next call.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "codecs/js/worker_process.hpp"
#include "lorawan/result.hpp"

namespace hortillon::codecs::js {

struct JavaScriptRuntimeOptions {
    std::filesystem::path worker_path{};     // empty: default_worker_path()
    std::chrono::milliseconds timeout{100};  // per call, compile included
    std::size_t memory_limit_mb = 64;        // JavaScript heap of one worker
    std::size_t workers = 1;                 // processes, so calls in parallel
};

// One request: run `function` ("decodeUplink", ...) of the codec version `key`, or "check" it.
struct WorkerCall {
    std::string op = "call";  // "call" or "check"
    std::string key;          // id and source hash
    std::string name;         // the codec id, for error messages
    const std::string* source = nullptr;
    std::string function;
    nlohmann::json input = nlohmann::json::object();
};

class CodecWorkerPool {
  public:
    explicit CodecWorkerPool(JavaScriptRuntimeOptions options);
    CodecWorkerPool(const CodecWorkerPool&) = delete;
    auto operator=(const CodecWorkerPool&) -> CodecWorkerPool& = delete;
    ~CodecWorkerPool();

    // The worker's "result" value, or the error text (the codec's exception, a timeout, a crash).
    auto call(const WorkerCall& call) -> Result<nlohmann::json, std::string>;

    [[nodiscard]] auto options() const -> const JavaScriptRuntimeOptions& { return options_; }
    // Workers started so far (restarts included), for tests and diagnostics.
    [[nodiscard]] auto workers_started() const -> std::size_t;
    // The process ids of the running workers, for tests and diagnostics.
    [[nodiscard]] auto worker_pids() const -> std::vector<pid_t>;

  private:
    struct Slot {
        std::unique_ptr<WorkerProcess> process;
        std::set<std::string> loaded;  // keys whose source this process was sent
        bool busy = false;
    };

    auto acquire() -> Slot&;
    auto start_worker(Slot& slot) -> Result<void, std::string>;
    auto send(Slot& slot, const std::string& request) -> Result<void, std::string>;
    void release(Slot& slot);
    auto call_on(Slot& slot, const WorkerCall& call) -> Result<nlohmann::json, std::string>;
    auto exchange(Slot& slot, const WorkerCall& call, bool with_source)
        -> Result<std::optional<nlohmann::json>, std::string>;

    JavaScriptRuntimeOptions options_;
    mutable std::mutex mutex_;
    std::condition_variable idle_;
    std::vector<Slot> slots_;
    std::size_t started_ = 0;
};

}  // namespace hortillon::codecs::js
