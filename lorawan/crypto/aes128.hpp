#pragma once
// AES-128 block operations through OpenSSL's EVP interface. LoRaWAN uses the raw block cipher:
// ECB on single blocks for key derivation and the FRMPayload keystream, and ECB *decryption* to
// build a join-accept (the device then "decrypts" with encryption).

#include <array>
#include <cstdint>
#include <memory>

#include "lorawan/bytes.hpp"
#include "lorawan/identifiers.hpp"

struct evp_cipher_ctx_st;  // OpenSSL EVP_CIPHER_CTX

namespace hortillon::lorawan {

using AesBlock = std::array<std::uint8_t, 16>;

// Whether a keyed context also decrypts: only join-accepts need AES decryption, and a context
// kept per session costs half the memory without it.
enum class AesUse : std::uint8_t { encrypt_only, encrypt_and_decrypt };

// A keyed AES-128-ECB context, kept and reused for every block under the same key.
// Move-only; the key schedule lives inside OpenSSL's context.
class Aes128 {
  public:
    explicit Aes128(const AesKey& key, AesUse use = AesUse::encrypt_and_decrypt);

    // Encrypts one 16-byte block.
    [[nodiscard]] auto encrypt_block(const AesBlock& block) const -> AesBlock;
    // Encrypts whole blocks in one pass (ECB): `in` and `out` have the same size, a multiple of 16.
    void encrypt_blocks(ByteView in, std::span<std::uint8_t> out) const;
    // Decrypts one 16-byte block; throws std::logic_error on an encrypt-only context.
    [[nodiscard]] auto decrypt_block(const AesBlock& block) const -> AesBlock;

  private:
    struct ContextDeleter {
        void operator()(evp_cipher_ctx_st* ctx) const noexcept;
    };
    std::unique_ptr<evp_cipher_ctx_st, ContextDeleter> encrypt_;
    std::unique_ptr<evp_cipher_ctx_st, ContextDeleter> decrypt_;
};

// One-shot helpers for the rare single use (key derivation).
auto aes128_encrypt_block(const AesKey& key, const AesBlock& block) -> AesBlock;

}  // namespace hortillon::lorawan
