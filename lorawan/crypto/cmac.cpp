#include "lorawan/crypto/cmac.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <sodium.h>

#include <stdexcept>

namespace hortillon::lorawan {

namespace {
struct MacDeleter {
    void operator()(EVP_MAC* mac) const noexcept { EVP_MAC_free(mac); }
};

// The algorithm handle is fetched once per process: fetching is a provider lookup, and the
// handle is immutable and safe to share between threads.
auto cmac_algorithm() -> EVP_MAC* {
    static const std::unique_ptr<EVP_MAC, MacDeleter> algorithm{
        EVP_MAC_fetch(nullptr, "CMAC", nullptr)};
    if (!algorithm)
        throw std::runtime_error("OpenSSL: the CMAC algorithm is not available");
    return algorithm.get();
}
}  // namespace

void CmacContext::ContextDeleter::operator()(evp_mac_ctx_st* ctx) const noexcept {
    EVP_MAC_CTX_free(ctx);
}

CmacContext::CmacContext(const AesKey& key) : ctx_(EVP_MAC_CTX_new(cmac_algorithm())) {
    if (!ctx_)
        throw std::runtime_error("OpenSSL: EVP_MAC_CTX_new failed");
    char cipher[] = "AES-128-CBC";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, cipher, 0),
        OSSL_PARAM_construct_end(),
    };
    if (EVP_MAC_init(ctx_.get(), key.bytes.data(), key.bytes.size(), params) != 1) {
        throw std::runtime_error("OpenSSL: CMAC initialisation failed");
    }
}

auto CmacContext::compute(std::initializer_list<ByteView> parts) const -> CmacTag {
    // A null key re-initialises the context and keeps the key schedule.
    if (EVP_MAC_init(ctx_.get(), nullptr, 0, nullptr) != 1) {
        throw std::runtime_error("OpenSSL: CMAC re-initialisation failed");
    }
    for (ByteView part : parts) {
        if (!part.empty() && EVP_MAC_update(ctx_.get(), part.data(), part.size()) != 1) {
            throw std::runtime_error("OpenSSL: CMAC update failed");
        }
    }
    CmacTag tag{};
    std::size_t written = 0;
    if (EVP_MAC_final(ctx_.get(), tag.data(), &written, tag.size()) != 1 || written != tag.size()) {
        throw std::runtime_error("OpenSSL: CMAC final failed");
    }
    return tag;
}

auto mic_equal(const Mic& a, const Mic& b) -> bool {
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace hortillon::lorawan
