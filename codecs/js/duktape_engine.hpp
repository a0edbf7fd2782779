#pragma once
// One device codec compiled in its own duktape heap (worker process side only). The heap runs
// the ES5 compatibility layer, then the codec's source as program code, so that function
// declarations of strict-mode codecs land on the global object as they do in node.
//
// Every heap of a worker draws on one MemoryBudget through a custom allocator: an allocation
// beyond the budget is refused, which duktape turns into a RangeError inside the codec (after a
// garbage collection and a retry), so a greedy codec fails cleanly instead of taking the host
// down. The watchdog for runaway loops is the parent process, which kills the worker.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "lorawan/result.hpp"

struct duk_hthread;

namespace hortillon::codecs::js {

// Bytes the JavaScript heaps of one process may hold together.
struct MemoryBudget {
    std::size_t limit = 0;
    std::size_t used = 0;
};

// A JSON result larger than this is refused: no device payload decodes to a megabyte.
inline constexpr std::size_t max_result_size = 1024 * 1024;

class DuktapeCodec {
  public:
    // Compiles and runs the compatibility layer and `source`. The error is duktape's message
    // ("SyntaxError: parse error (line 3)").
    static auto compile(std::string_view name, std::string_view source, MemoryBudget& budget)
        -> Result<std::unique_ptr<DuktapeCodec>, std::string>;

    // Owns `context` (a heap from duk_create_heap) from here on.
    explicit DuktapeCodec(duk_hthread* context) : context_(context) {}
    DuktapeCodec(const DuktapeCodec&) = delete;
    auto operator=(const DuktapeCodec&) -> DuktapeCodec& = delete;
    ~DuktapeCodec();

    // Whether the program defined a global function of that name.
    [[nodiscard]] auto defines(const char* function) const -> bool;

    // Calls `function` with the object `input_json` (its numeric recvTime, if any, becomes a
    // Date) and returns JSON.stringify of what the function returned ("null" for undefined).
    // The error is the thrown value as text ("TypeError: ...").
    auto call(const char* function, std::string_view input_json)
        -> Result<std::string, std::string>;

  private:
    duk_hthread* context_;
};

}  // namespace hortillon::codecs::js
