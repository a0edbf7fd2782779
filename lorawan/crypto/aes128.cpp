#include "lorawan/crypto/aes128.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace hortillon::lorawan {

namespace {
// A context that cannot be created or keyed means OpenSSL itself is broken (out of memory or
// a missing default provider); that is not bad input, so it is an exception.
auto make_context(const AesKey& key, bool encrypt) -> evp_cipher_ctx_st* {
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    if (ctx == nullptr)
        throw std::runtime_error("OpenSSL: EVP_CIPHER_CTX_new failed");
    const int ok = EVP_CipherInit_ex(ctx, EVP_aes_128_ecb(), nullptr, key.bytes.data(), nullptr,
                                     encrypt ? 1 : 0);
    if (ok != 1 || EVP_CIPHER_CTX_set_padding(ctx, 0) != 1) {
        EVP_CIPHER_CTX_free(ctx);
        throw std::runtime_error("OpenSSL: AES-128-ECB initialisation failed");
    }
    return ctx;
}

auto run_block(evp_cipher_ctx_st* ctx, const AesBlock& in) -> AesBlock {
    AesBlock out{};
    int written = 0;
    // ECB without padding keeps no state between calls, so the keyed context is reused as is.
    if (EVP_CipherUpdate(ctx, out.data(), &written, in.data(), static_cast<int>(in.size())) != 1 ||
        written != static_cast<int>(out.size())) {
        throw std::runtime_error("OpenSSL: AES-128-ECB block operation failed");
    }
    return out;
}
}  // namespace

void Aes128::ContextDeleter::operator()(evp_cipher_ctx_st* ctx) const noexcept {
    EVP_CIPHER_CTX_free(ctx);
}

Aes128::Aes128(const AesKey& key, AesUse use)
    : encrypt_(make_context(key, true)),
      decrypt_(use == AesUse::encrypt_and_decrypt ? make_context(key, false) : nullptr) {}

auto Aes128::encrypt_block(const AesBlock& block) const -> AesBlock {
    return run_block(encrypt_.get(), block);
}

void Aes128::encrypt_blocks(ByteView in, std::span<std::uint8_t> out) const {
    int written = 0;
    if (in.size() != out.size() || in.size() % 16 != 0 ||
        EVP_CipherUpdate(encrypt_.get(), out.data(), &written, in.data(),
                         static_cast<int>(in.size())) != 1 ||
        written != static_cast<int>(out.size())) {
        throw std::runtime_error("OpenSSL: AES-128-ECB block operation failed");
    }
}

auto Aes128::decrypt_block(const AesBlock& block) const -> AesBlock {
    if (!decrypt_)
        throw std::logic_error("AES-128: decrypt_block on an encrypt-only context");
    return run_block(decrypt_.get(), block);
}

auto aes128_encrypt_block(const AesKey& key, const AesBlock& block) -> AesBlock {
    return Aes128(key).encrypt_block(block);
}

}  // namespace hortillon::lorawan
