#include "cli/codec_registry.hpp"

#include <array>

#include "codecs/builtin.hpp"
#include "codecs/js/javascript_catalog.hpp"

namespace hortillon::cli {

auto javascript_runtime_options(const CodecsConfig& config)
    -> codecs::js::JavaScriptRuntimeOptions {
    return codecs::js::JavaScriptRuntimeOptions{.worker_path = config.js_worker,
                                                .timeout = config.js_timeout,
                                                .memory_limit_mb = config.js_memory_limit_mb,
                                                .workers = 1};
}

auto parse_family(std::string_view text) -> std::optional<codecs::Family> {
    for (const auto family : std::array{codecs::Family::bin, codecs::Family::water_meter,
                                        codecs::Family::water_level}) {
        if (codecs::to_string(family) == text)
            return family;
    }
    return std::nullopt;
}

auto javascript_definition(const storage::StoredCodec& stored)
    -> codecs::js::JavaScriptCodecDefinition {
    codecs::CodecInfo info;
    info.id = stored.id;
    info.vendor = stored.vendor.value_or("");
    info.device = stored.device.value_or("");
    // A codec imported without a family is listed with none; the enum needs a value.
    info.family = parse_family(stored.family.value_or("")).value_or(codecs::Family::bin);
    info.kind = codecs::CodecKind::javascript;
    info.encodes_downlink = stored.encodes_downlink;
    info.decodes_downlink = stored.decodes_downlink;
    return codecs::js::JavaScriptCodecDefinition{std::move(info), stored.source};
}

auto make_codec_registry(storage::Store& store, std::shared_ptr<codecs::js::CodecWorkerPool> pool)
    -> codecs::CodecRegistry {
    codecs::CodecRegistry registry = codecs::make_builtin_registry();
    auto loader = [&store](std::string_view id)
        -> Result<std::optional<codecs::js::JavaScriptCodecDefinition>, std::string> {
        auto stored = store.find_codec(id);
        if (stored)
            return std::optional{javascript_definition(*stored)};
        if (stored.error().code == storage::StoreError::not_found)
            return std::optional<codecs::js::JavaScriptCodecDefinition>{};
        return Unexpected{stored.error().message};
    };
    registry.set_source(
        std::make_unique<codecs::js::JavaScriptCodecCatalog>(std::move(pool), std::move(loader)));
    return registry;
}

}  // namespace hortillon::cli
