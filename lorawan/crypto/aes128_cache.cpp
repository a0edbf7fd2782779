#include "lorawan/crypto/aes128_cache.hpp"

#include <string_view>

namespace hortillon::lorawan {

auto Aes128Cache::KeyHash::operator()(const AesKey& key) const -> std::size_t {
    return std::hash<std::string_view>{}(
        std::string_view(reinterpret_cast<const char*>(key.bytes.data()), key.bytes.size()));
}

auto Aes128Cache::for_key(const AesKey& key) -> const Aes128& {
    if (auto found = by_key_.find(key); found != by_key_.end())
        return found->second;
    if (by_key_.size() >= capacity_)
        by_key_.clear();
    return by_key_.try_emplace(key, key, AesUse::encrypt_only).first->second;
}

}  // namespace hortillon::lorawan
