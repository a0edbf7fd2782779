#include "codecs/js/worker_pool.hpp"

#include <algorithm>

namespace hortillon::codecs::js {

namespace {
using nlohmann::json;

constexpr auto worker_start_timeout = std::chrono::seconds{10};

auto request_text(const WorkerCall& call, bool with_source) -> std::string {
    json request = {{"op", call.op}, {"key", call.key}, {"name", call.name}};
    if (with_source && call.source != nullptr)
        request["source"] = *call.source;
    if (call.op == "call") {
        request["function"] = call.function;
        request["input"] = call.input;
    }
    return request.dump(-1, ' ', false, json::error_handler_t::replace);
}

auto what_of(const WorkerCall& call) -> std::string {
    return call.op == "check" ? std::string("loading the codec") : call.function;
}
}  // namespace

CodecWorkerPool::CodecWorkerPool(JavaScriptRuntimeOptions options)
    : options_(std::move(options)), slots_(std::max<std::size_t>(options_.workers, 1)) {
    if (options_.worker_path.empty())
        options_.worker_path = default_worker_path();
}

CodecWorkerPool::~CodecWorkerPool() = default;

auto CodecWorkerPool::workers_started() const -> std::size_t {
    const std::lock_guard lock(mutex_);
    return started_;
}

auto CodecWorkerPool::worker_pids() const -> std::vector<pid_t> {
    const std::lock_guard lock(mutex_);
    std::vector<pid_t> pids;
    for (const Slot& slot : slots_)
        if (slot.process)
            pids.push_back(slot.process->pid());
    return pids;
}

auto CodecWorkerPool::acquire() -> Slot& {
    std::unique_lock lock(mutex_);
    while (true) {
        for (Slot& slot : slots_) {
            if (!slot.busy) {
                slot.busy = true;
                return slot;
            }
        }
        idle_.wait(lock);
    }
}

void CodecWorkerPool::release(Slot& slot) {
    {
        const std::lock_guard lock(mutex_);
        slot.busy = false;
    }
    idle_.notify_one();
}

auto CodecWorkerPool::call(const WorkerCall& call) -> Result<json, std::string> {
    Slot& slot = acquire();
    auto result = call_on(slot, call);
    release(slot);
    return result;
}

auto CodecWorkerPool::start_worker(Slot& slot) -> Result<void, std::string> {
    auto spawned = WorkerProcess::spawn(options_.worker_path, options_.memory_limit_mb);
    if (!spawned)
        return Unexpected{spawned.error()};
    // Process start is not the codec's time: on a loaded machine it alone can take longer than
    // a call's budget.
    if (auto ready = (*spawned)->receive(std::chrono::steady_clock::now() + worker_start_timeout);
        !ready)
        return Unexpected{"the codec worker " + options_.worker_path.string() + " did not start (" +
                          (*spawned)->stop() + ")"};
    const std::lock_guard lock(mutex_);
    slot.process = std::move(*spawned);
    slot.loaded.clear();
    ++started_;
    return {};
}

// A worker that died while idle (killed from outside, say) is replaced once, before it was
// given the request: the call itself is not at fault.
auto CodecWorkerPool::send(Slot& slot, const std::string& request) -> Result<void, std::string> {
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!slot.process) {
            if (auto started = start_worker(slot); !started)
                return started;
        }
        if (slot.process->send(request))
            return {};
        slot.process->stop();
        const std::lock_guard lock(mutex_);
        slot.process.reset();
    }
    return Unexpected{std::string("cannot send the request to a new codec worker")};
}

auto CodecWorkerPool::call_on(Slot& slot, const WorkerCall& call) -> Result<json, std::string> {
    const bool known = slot.loaded.contains(call.key);
    auto reply = exchange(slot, call, !known);
    if (reply && !*reply && known)  // the worker evicted it: send the source this time
        reply = exchange(slot, call, true);
    if (!reply)
        return Unexpected{reply.error()};
    if (!*reply)
        return Unexpected{std::string("the codec worker has no source for ") + call.name};
    return std::move(**reply);
}

// nullopt when the worker asks for the source.
auto CodecWorkerPool::exchange(Slot& slot, const WorkerCall& call, bool with_source)
    -> Result<std::optional<json>, std::string> {
    if (auto sent = send(slot, request_text(call, with_source)); !sent)
        return Unexpected{sent.error()};
    auto frame = slot.process->receive(std::chrono::steady_clock::now() + options_.timeout);
    if (!frame) {
        const std::string ending = slot.process->stop();
        const std::lock_guard lock(mutex_);
        slot.process.reset();
        if (frame.error() == FrameError::timed_out)
            return Unexpected{what_of(call) + " timed out after " +
                              std::to_string(options_.timeout.count()) +
                              " ms (the codec worker was stopped)"};
        return Unexpected{"the codec worker stopped during " + what_of(call) + " (" + ending + ")"};
    }
    if (with_source)
        slot.loaded.insert(call.key);
    json reply = json::parse(*frame, nullptr, false);
    if (reply.is_discarded() || !reply.is_object())
        return Unexpected{what_of(call) + " returned text that is not valid JSON (UTF-8)"};
    if (reply.contains("missing"))
        return std::optional<json>{};
    if (auto error = reply.find("error"); error != reply.end())
        return Unexpected{error->is_string() ? error->get<std::string>() : error->dump()};
    return std::optional<json>{reply.value("result", json())};
}

}  // namespace hortillon::codecs::js
