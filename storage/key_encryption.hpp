#pragma once
// The key-encryption key (KEK) that seals root and session keys at rest, and the key file it
// lives in: 32 random bytes, mode 0600, next to the database and backed up with it.
//
// Sealed values are nonce (24 bytes) | crypto_secretbox_easy ciphertext (plaintext + 16-byte MAC),
// with a fresh random nonce per value. Nothing here prints or returns key bytes in a message.

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>

#include "lorawan/bytes.hpp"
#include "lorawan/identifiers.hpp"
#include "storage/store_error.hpp"

namespace hortillon::storage {

class KeyEncryptionKey {
  public:
    static constexpr std::size_t size = 32;

    // Reads an existing key file. Fails with key_file_invalid if it is missing, not 32 bytes,
    // or readable by group or others.
    static auto load(const std::filesystem::path& key_file) -> StoreResult<KeyEncryptionKey>;
    // As load, but first creates the file (and its folder) with 32 random bytes and mode 0600
    // when it does not exist. Never overwrites or re-permissions an existing file.
    static auto load_or_create(const std::filesystem::path& key_file)
        -> StoreResult<KeyEncryptionKey>;

    KeyEncryptionKey(KeyEncryptionKey&& other) noexcept;
    KeyEncryptionKey(const KeyEncryptionKey&) = delete;
    auto operator=(const KeyEncryptionKey&) -> KeyEncryptionKey& = delete;
    auto operator=(KeyEncryptionKey&&) -> KeyEncryptionKey& = delete;
    ~KeyEncryptionKey();  // wipes the key

    [[nodiscard]] auto seal(lorawan::ByteView plaintext) const -> lorawan::Bytes;
    // nullopt when the value was sealed under another key or altered.
    [[nodiscard]] auto open(lorawan::ByteView sealed) const -> std::optional<lorawan::Bytes>;

    [[nodiscard]] auto seal_key(const lorawan::AesKey& key) const -> lorawan::Bytes;
    [[nodiscard]] auto open_key(lorawan::ByteView sealed) const -> std::optional<lorawan::AesKey>;

  private:
    explicit KeyEncryptionKey(const std::array<std::uint8_t, size>& bytes);

    std::array<std::uint8_t, size> key_{};
};

}  // namespace hortillon::storage
