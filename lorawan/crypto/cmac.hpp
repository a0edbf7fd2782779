#pragma once
// AES-CMAC (RFC 4493) through OpenSSL's EVP_MAC "CMAC". A keyed context is kept per key and
// re-initialised without a key for each message: re-keying per frame is about six times slower.

#include <array>
#include <cstdint>
#include <initializer_list>
#include <memory>

#include "lorawan/bytes.hpp"
#include "lorawan/identifiers.hpp"

struct evp_mac_ctx_st;  // OpenSSL EVP_MAC_CTX

namespace hortillon::lorawan {

using CmacTag = std::array<std::uint8_t, 16>;

// A CMAC context keyed once. Move-only.
class CmacContext {
  public:
    explicit CmacContext(const AesKey& key);

    // CMAC over the concatenation of `parts`, without copying them together.
    [[nodiscard]] auto compute(std::initializer_list<ByteView> parts) const -> CmacTag;

  private:
    struct ContextDeleter {
        void operator()(evp_mac_ctx_st* ctx) const noexcept;
    };
    std::unique_ptr<evp_mac_ctx_st, ContextDeleter> ctx_;
};

// The first four bytes of a CMAC tag: every LoRaWAN MIC.
constexpr auto mic_from_tag(const CmacTag& tag) -> Mic {
    return {tag[0], tag[1], tag[2], tag[3]};
}

// Constant-time MIC comparison (libsodium), so that a forger learns nothing from timing.
auto mic_equal(const Mic& a, const Mic& b) -> bool;

}  // namespace hortillon::lorawan
