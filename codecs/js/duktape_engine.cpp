#include "codecs/js/duktape_engine.hpp"

#include <duktape.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "codecs/js/compat_layer.hpp"
#include "codecs/js/syntax_lowering.hpp"

namespace hortillon::codecs::js {

namespace {
// Each block carries its size in front, so that frees and reallocs can be accounted.
struct alignas(std::max_align_t) BlockHeader {
    std::size_t size;
};

auto header_of(void* block) -> BlockHeader* {
    return static_cast<BlockHeader*>(block) - 1;
}

auto budget_alloc(void* udata, duk_size_t size) -> void* {
    auto& budget = *static_cast<MemoryBudget*>(udata);
    if (size == 0 || size > budget.limit - budget.used)
        return nullptr;
    auto* header = static_cast<BlockHeader*>(std::malloc(sizeof(BlockHeader) + size));
    if (header == nullptr)
        return nullptr;
    header->size = size;
    budget.used += size;
    return header + 1;
}

void budget_free(void* udata, void* block) {
    if (block == nullptr)
        return;
    auto& budget = *static_cast<MemoryBudget*>(udata);
    BlockHeader* header = header_of(block);
    budget.used -= header->size;
    std::free(header);
}

auto budget_realloc(void* udata, void* block, duk_size_t size) -> void* {
    if (block == nullptr)
        return budget_alloc(udata, size);
    if (size == 0) {
        budget_free(udata, block);
        return nullptr;
    }
    auto& budget = *static_cast<MemoryBudget*>(udata);
    const std::size_t old_size = header_of(block)->size;
    if (size > old_size && size - old_size > budget.limit - budget.used)
        return nullptr;
    auto* header =
        static_cast<BlockHeader*>(std::realloc(header_of(block), sizeof(BlockHeader) + size));
    if (header == nullptr)
        return nullptr;
    header->size = size;
    budget.used = budget.used - old_size + size;
    return header + 1;
}

// Duktape calls this only when it cannot go on (an error outside any protected call, or an
// allocation failure in its own bookkeeping). The parent sees the worker exit and restarts it.
[[noreturn]] void fatal(void* /*udata*/, const char* message) {
    constexpr std::string_view prefix = "hortillon-codec-worker: duktape fatal error: ";
    (void)!write(STDERR_FILENO, prefix.data(), prefix.size());
    (void)!write(STDERR_FILENO, message, std::strlen(message));
    (void)!write(STDERR_FILENO, "\n", 1);
    _exit(70);
}

// Compiles `source` as program code; leaves the function, or the error, on the stack.
auto compile_program(duk_context* context, std::string_view source, std::string_view filename)
    -> bool {
    duk_push_lstring(context, source.data(), source.size());
    duk_push_lstring(context, filename.data(), filename.size());
    return duk_pcompile(context, 0) == 0;
}

// Runs the compiled program on the stack. Leaves the error on the stack.
auto run_compiled(duk_context* context) -> bool {
    if (duk_pcall(context, 0) != 0)
        return false;
    duk_pop(context);
    return true;
}

auto run_program(duk_context* context, std::string_view source, std::string_view filename) -> bool {
    return compile_program(context, source, filename) && run_compiled(context);
}

// The codec as written, or (when duktape cannot parse it) with its ES2015 syntax lowered.
// A codec that fails both ways reports the error of the text its author wrote.
auto compile_codec(duk_context* context, std::string_view source, std::string_view filename)
    -> bool {
    if (compile_program(context, source, filename))
        return true;
    const std::string lowered = lower_es2015_syntax(source);
    if (!compile_program(context, lowered, filename)) {
        duk_pop(context);  // keep the first error
        return false;
    }
    duk_remove(context, -2);  // the first error
    return true;
}

struct CallArguments {
    const char* function;
    std::string_view input_json;
};

// Runs inside duk_safe_call: errors unwind with longjmp, so no C++ object lives here.
auto call_protected(duk_context* context, void* udata) -> duk_ret_t {
    const auto& arguments = *static_cast<const CallArguments*>(udata);
    duk_get_global_string(context, arguments.function);
    if (!duk_is_function(context, -1))
        return duk_error(context, DUK_ERR_REFERENCE_ERROR, "%s is not defined", arguments.function);
    duk_push_lstring(context, arguments.input_json.data(), arguments.input_json.size());
    duk_json_decode(context, -1);
    if (duk_get_prop_string(context, -1, "recvTime") && duk_is_number(context, -1)) {
        const double millis = duk_get_number(context, -1);
        duk_pop(context);
        duk_get_global_string(context, "Date");
        duk_push_number(context, millis);
        duk_new(context, 1);
        duk_put_prop_string(context, -2, "recvTime");
    } else {
        duk_pop(context);
    }
    duk_call(context, 1);
    if (duk_is_undefined(context, -1)) {
        duk_pop(context);
        duk_push_null(context);
    }
    duk_json_encode(context, -1);
    return 1;
}

auto error_text(duk_context* context) -> std::string {
    std::string text = duk_safe_to_string(context, -1);
    duk_pop(context);
    if (text.find("alloc failed") != std::string::npos)
        text += " (the codec exceeded its memory limit)";
    return text;
}
}  // namespace

auto DuktapeCodec::compile(std::string_view name, std::string_view source, MemoryBudget& budget)
    -> Result<std::unique_ptr<DuktapeCodec>, std::string> {
    duk_context* context =
        duk_create_heap(budget_alloc, budget_realloc, budget_free, &budget, fatal);
    if (context == nullptr)
        return Unexpected{std::string("cannot create a JavaScript heap (memory limit too low?)")};
    auto codec = std::make_unique<DuktapeCodec>(context);
    if (!run_program(context, compat_layer_source(), "compat.js"))
        return Unexpected{"compatibility layer: " + error_text(context)};
    if (!compile_codec(context, source, std::string(name) + ".js") || !run_compiled(context))
        return Unexpected{error_text(context)};
    return codec;
}

DuktapeCodec::~DuktapeCodec() {
    duk_destroy_heap(context_);
}

auto DuktapeCodec::defines(const char* function) const -> bool {
    duk_get_global_string(context_, function);
    const bool found = duk_is_function(context_, -1) != 0;
    duk_pop(context_);
    return found;
}

auto DuktapeCodec::call(const char* function, std::string_view input_json)
    -> Result<std::string, std::string> {
    CallArguments arguments{function, input_json};
    if (duk_safe_call(context_, call_protected, &arguments, 0, 1) != 0)
        return Unexpected{error_text(context_)};
    duk_size_t length = 0;
    const char* text = duk_get_lstring(context_, -1, &length);
    if (text == nullptr) {
        duk_pop(context_);
        return Unexpected{std::string(function) + " returned a value JSON cannot represent"};
    }
    if (length > max_result_size) {
        duk_pop(context_);
        return Unexpected{std::string(function) + " returned more than 1 MB of JSON"};
    }
    std::string result(text, length);
    duk_pop(context_);
    return result;
}

}  // namespace hortillon::codecs::js
