// hortillon-codec-worker: runs JavaScript device codecs for a parent Hortillon process, which
// spawns it with one end of a socketpair as fd 3 and kills it when a call overruns its time.
//
// Protocol (frames of frame_io.hpp, JSON in both directions): {"ready": true} once started, then
// one reply per request:
//   {"op": "call", "key": K, "name": ID, "source"?: JS, "function": F, "input": {...}}
//     -> {"result": <what F returned, JSON>} | {"error": "..."} | {"missing": true}
//   {"op": "check", "key": K, "name": ID, "source": JS}
//     -> {"result": {"decodeUplink": bool, "encodeDownlink": bool, "decodeDownlink": bool}}
// `key` names one version of one codec (id and source hash). Compiled codecs are kept by key;
// "missing" asks the parent to send the call again with the source.
//
// Usage: hortillon-codec-worker --fd N --memory-limit-mb N
#include <sys/resource.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "codecs/js/duktape_engine.hpp"
#include "codecs/js/frame_io.hpp"

namespace {
using hortillon::codecs::js::DuktapeCodec;
using hortillon::codecs::js::MemoryBudget;
using nlohmann::json;

constexpr std::size_t cache_capacity = 32;  // compiled codecs kept per worker
// Address space beyond the JavaScript budget: code, stacks, malloc overhead. The setrlimit cap
// is a backstop for memory the budget does not see (duktape internals, our own buffers).
constexpr std::size_t address_space_margin = std::size_t{512} * 1024 * 1024;

struct WorkerArguments {
    int fd = -1;
    std::size_t memory_limit = std::size_t{64} * 1024 * 1024;
};

auto parse_arguments(int argc, char** argv) -> std::optional<WorkerArguments> {
    WorkerArguments arguments;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        char* end = nullptr;
        const unsigned long value = std::strtoul(argv[i + 1], &end, 10);
        if (end == argv[i + 1] || *end != '\0')
            return std::nullopt;
        if (name == "--fd")
            arguments.fd = static_cast<int>(value);
        else if (name == "--memory-limit-mb")
            arguments.memory_limit = static_cast<std::size_t>(value) * 1024 * 1024;
        else
            return std::nullopt;
    }
    if (arguments.fd < 0 || arguments.memory_limit == 0)
        return std::nullopt;
    return arguments;
}

void limit_address_space(std::size_t memory_limit) {
    const rlim_t cap = memory_limit + address_space_margin;
    const rlimit limit{cap, cap};
    setrlimit(RLIMIT_AS, &limit);
    const rlimit no_core{0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
}

auto error_reply(const std::string& message) -> std::string {
    return json{{"error", message}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

class CodecCache {
  public:
    explicit CodecCache(std::size_t memory_limit) : budget_{memory_limit, 0} {}

    // The compiled codec for `key`, compiling `source` when given; nullptr with an empty error
    // when the key is unknown and no source came.
    auto get(const std::string& key, const std::string& name, const json& source,
             std::string& error) -> DuktapeCodec* {
        if (auto found = entries_.find(key); found != entries_.end()) {
            found->second.last_use = ++clock_;
            return found->second.codec.get();
        }
        if (!source.is_string())
            return nullptr;
        if (entries_.size() >= cache_capacity)
            evict_oldest();
        auto compiled = DuktapeCodec::compile(name, source.get<std::string>(), budget_);
        if (!compiled) {
            error = compiled.error();
            return nullptr;
        }
        auto& entry = entries_[key];
        entry.codec = std::move(*compiled);
        entry.last_use = ++clock_;
        return entry.codec.get();
    }

  private:
    struct Entry {
        std::unique_ptr<DuktapeCodec> codec;
        unsigned long long last_use = 0;
    };

    void evict_oldest() {
        auto oldest = entries_.begin();
        for (auto it = entries_.begin(); it != entries_.end(); ++it)
            if (it->second.last_use < oldest->second.last_use)
                oldest = it;
        entries_.erase(oldest);
    }

    MemoryBudget budget_;
    std::map<std::string, Entry> entries_;
    unsigned long long clock_ = 0;
};

auto handle(CodecCache& cache, const json& request) -> std::string {
    const std::string op = request.value("op", "");
    const std::string key = request.value("key", "");
    const std::string name = request.value("name", "codec");
    const json source = request.contains("source") ? request["source"] : json();
    std::string error;
    DuktapeCodec* codec = cache.get(key, name, source, error);
    if (codec == nullptr)
        return error.empty() ? std::string(R"({"missing":true})") : error_reply(error);
    if (op == "check")
        return json{{"result",
                     {{"decodeUplink", codec->defines("decodeUplink")},
                      {"encodeDownlink", codec->defines("encodeDownlink")},
                      {"decodeDownlink", codec->defines("decodeDownlink")}}}}
            .dump();
    if (op != "call")
        return error_reply("unknown op '" + op + "'");
    const std::string function = request.value("function", "");
    if (function != "decodeUplink" && function != "encodeDownlink" && function != "decodeDownlink")
        return error_reply("unknown function '" + function + "'");
    const std::string input = request.contains("input") ? request["input"].dump() : "{}";
    auto result = codec->call(function.c_str(), input);
    if (!result)
        return error_reply(result.error());
    return R"({"result":)" + *result + "}";
}
}  // namespace

int main(int argc, char** argv) {
    const auto arguments = parse_arguments(argc, argv);
    if (!arguments) {
        std::cerr << "usage: hortillon-codec-worker --fd N --memory-limit-mb N\n"
                     "Runs JavaScript device codecs for Hortillon; not meant to be run by hand.\n";
        return 2;
    }
    limit_address_space(arguments->memory_limit);
    CodecCache cache(arguments->memory_limit);
    // Tells the parent the process is up, so that its watchdog times calls, not process start.
    if (!hortillon::codecs::js::write_frame(arguments->fd, R"({"ready":true})"))
        return 1;
    while (true) {
        auto frame = hortillon::codecs::js::read_frame(arguments->fd, std::nullopt);
        if (!frame)
            return frame.error() == hortillon::codecs::js::FrameError::closed ? 0 : 1;
        std::string reply;
        try {  // nlohmann reports malformed text and wrong types only by exceptions
            reply = handle(cache, json::parse(*frame));
        } catch (const json::exception& failure) {
            reply = error_reply(std::string("bad request: ") + failure.what());
        }
        if (!hortillon::codecs::js::write_frame(arguments->fd, reply))
            return 1;
    }
}
