#include "network-server/session_crypto_cache.hpp"

#include <algorithm>
#include <string_view>

namespace hortillon::network_server {

auto SessionCryptoCache::NetworkKeysHash::operator()(const NetworkKeys& keys) const -> std::size_t {
    return std::hash<std::string_view>{}(
        std::string_view(reinterpret_cast<const char*>(keys.data()), keys.size()));
}

auto SessionCryptoCache::for_session(const DeviceSession& session)
    -> const lorawan::NetworkSessionCrypto& {
    NetworkKeys keys{};
    auto out = std::copy(session.keys.f_nwk_s_int_key.bytes.begin(),
                         session.keys.f_nwk_s_int_key.bytes.end(), keys.begin());
    // A 1.0 session keys no SNwkSIntKey context: its (unused) value must not split entries.
    if (session.lorawan_1_1) {
        out = std::copy(session.keys.s_nwk_s_int_key.bytes.begin(),
                        session.keys.s_nwk_s_int_key.bytes.end(), out);
    } else {
        out += 16;
    }
    out = std::copy(session.keys.nwk_s_enc_key.bytes.begin(),
                    session.keys.nwk_s_enc_key.bytes.end(), out);
    *out = session.lorawan_1_1 ? 1 : 0;

    if (auto found = by_keys_.find(keys); found != by_keys_.end())
        return found->second;
    if (by_keys_.size() >= capacity_)
        by_keys_.clear();
    return by_keys_.try_emplace(keys, session.keys, session.lorawan_1_1).first->second;
}

}  // namespace hortillon::network_server
