#pragma once
// The keyed AES and CMAC contexts of the network sessions uplinks came for lately, found by the
// session's keys. Keying OpenSSL contexts costs more than verifying the frame with them, and a
// device's keys stay the same for the whole session; a new session has new keys, so an entry
// never goes stale. Bounded: at `capacity` sessions it is emptied and fills again.

#include <array>
#include <cstddef>
#include <cstdint>
#include <unordered_map>

#include "lorawan/crypto/data_frame_crypto.hpp"
#include "network-server/device_session.hpp"

namespace hortillon::network_server {

class SessionCryptoCache {
  public:
    explicit SessionCryptoCache(std::size_t capacity = 32'768) : capacity_(capacity) {}

    // Valid until the next call.
    auto for_session(const DeviceSession& session) -> const lorawan::NetworkSessionCrypto&;

  private:
    // FNwkSIntKey | SNwkSIntKey | NwkSEncKey | 1.1 flag: what NetworkSessionCrypto is keyed by.
    using NetworkKeys = std::array<std::uint8_t, 3 * 16 + 1>;
    struct NetworkKeysHash {
        auto operator()(const NetworkKeys& keys) const -> std::size_t;
    };

    std::size_t capacity_;
    std::unordered_map<NetworkKeys, lorawan::NetworkSessionCrypto, NetworkKeysHash> by_keys_;
};

}  // namespace hortillon::network_server
