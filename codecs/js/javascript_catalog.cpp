#include "codecs/js/javascript_catalog.hpp"

namespace hortillon::codecs::js {

namespace {
auto same_version(const JavaScriptCodec& codec, const JavaScriptCodecDefinition& definition)
    -> bool {
    const CodecInfo& info = codec.info();
    return codec.source() == definition.source && info.vendor == definition.info.vendor &&
           info.device == definition.info.device && info.family == definition.info.family &&
           info.encodes_downlink == definition.info.encodes_downlink &&
           info.decodes_downlink == definition.info.decodes_downlink;
}
}  // namespace

JavaScriptCodecCatalog::JavaScriptCodecCatalog(std::shared_ptr<CodecWorkerPool> pool,
                                               JavaScriptCodecLoader loader)
    : pool_(std::move(pool)), loader_(std::move(loader)) {}

auto JavaScriptCodecCatalog::find(std::string_view id) const -> const Codec* {
    const std::lock_guard lock(mutex_);
    auto current = current_.find(id);
    auto loaded = loader_(id);
    if (!loaded)
        return current == current_.end() ? nullptr : current->second.get();
    if (!*loaded)
        return nullptr;
    if (current != current_.end()) {
        if (same_version(*current->second, **loaded))
            return current->second.get();
        retired_.push_back(std::move(current->second));
        current_.erase(current);
    }
    auto codec = std::make_unique<JavaScriptCodec>(std::move(**loaded), pool_);
    const Codec* found = codec.get();
    current_.emplace(std::string(id), std::move(codec));
    return found;
}

}  // namespace hortillon::codecs::js
