#pragma once
// The codec registry the commands and the server use: the built-in native codecs, then the
// JavaScript codecs imported into the store, looked up on a miss (so a codec imported while the
// server runs is found at its first use, and a re-imported one replaces the old at its next).

#include <memory>
#include <optional>
#include <string_view>

#include "cli/config.hpp"
#include "codecs/js/javascript_codec.hpp"
#include "codecs/js/worker_pool.hpp"
#include "codecs/registry.hpp"
#include "storage/store.hpp"

namespace hortillon::cli {

auto javascript_runtime_options(const CodecsConfig& config) -> codecs::js::JavaScriptRuntimeOptions;

// Built-in codecs, then `store`'s JavaScript codecs run by `pool`. The store must outlive the
// registry and be used from the registry's thread only (lookups query it).
auto make_codec_registry(storage::Store& store, std::shared_ptr<codecs::js::CodecWorkerPool> pool)
    -> codecs::CodecRegistry;

auto javascript_definition(const storage::StoredCodec& stored)
    -> codecs::js::JavaScriptCodecDefinition;

// "bin", "water-meter", "water-level".
auto parse_family(std::string_view text) -> std::optional<codecs::Family>;

}  // namespace hortillon::cli
