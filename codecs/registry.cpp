#include "codecs/registry.hpp"

#include <utility>

namespace hortillon::codecs {

CodecSource::~CodecSource() = default;

auto CodecRegistry::add(std::unique_ptr<Codec> codec) -> bool {
    if (!codec)
        return false;
    std::string id = codec->info().id;
    return codecs_.try_emplace(std::move(id), std::move(codec)).second;
}

auto CodecRegistry::find(std::string_view id) const -> const Codec* {
    if (const auto it = codecs_.find(id); it != codecs_.end())
        return it->second.get();
    return source_ ? source_->find(id) : nullptr;
}

auto CodecRegistry::list() const -> std::vector<CodecInfo> {
    std::vector<CodecInfo> infos;
    infos.reserve(codecs_.size());
    for (const auto& [id, codec] : codecs_)
        infos.push_back(codec->info());
    return infos;
}

auto CodecRegistry::list(Family family) const -> std::vector<CodecInfo> {
    std::vector<CodecInfo> infos;
    for (const auto& [id, codec] : codecs_) {
        if (codec->info().family == family)
            infos.push_back(codec->info());
    }
    return infos;
}

}  // namespace hortillon::codecs
