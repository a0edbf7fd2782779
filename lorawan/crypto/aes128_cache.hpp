#pragma once
// Keyed AES contexts found by their key, for keys used again and again (a session's AppSKey for
// every uplink): keying an OpenSSL context costs more than the few blocks a frame needs.
// Encrypt-only contexts (all a data frame's keystream needs). Bounded: at `capacity` keys it is
// emptied and fills again.

#include <cstddef>
#include <unordered_map>

#include "lorawan/crypto/aes128.hpp"
#include "lorawan/identifiers.hpp"

namespace hortillon::lorawan {

class Aes128Cache {
  public:
    explicit Aes128Cache(std::size_t capacity = 32'768) : capacity_(capacity) {}

    // Valid until the next call.
    auto for_key(const AesKey& key) -> const Aes128&;

  private:
    struct KeyHash {
        auto operator()(const AesKey& key) const -> std::size_t;
    };

    std::size_t capacity_;
    std::unordered_map<AesKey, Aes128, KeyHash> by_key_;
};

}  // namespace hortillon::lorawan
