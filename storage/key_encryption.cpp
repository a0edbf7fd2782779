#include "storage/key_encryption.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

namespace hortillon::storage {

namespace {
auto errno_text() -> std::string {
    return std::generic_category().message(errno);
}

auto init_sodium() -> StoreResult<void> {
    if (sodium_init() < 0)
        return fail(StoreError::io, "libsodium could not be initialised");
    return {};
}

// Closes a file descriptor on every path out of a function.
class FileDescriptor {
  public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    auto operator=(const FileDescriptor&) -> FileDescriptor& = delete;
    ~FileDescriptor() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    [[nodiscard]] auto get() const -> int { return fd_; }

  private:
    int fd_;
};

auto write_all(int fd, const std::uint8_t* data, std::size_t size) -> bool {
    while (size > 0) {
        const ssize_t written = ::write(fd, data, size);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        data += written;
        size -= static_cast<std::size_t>(written);
    }
    return true;
}

// Writes a complete key into a private temporary file, then links it into place. link() fails
// if the name exists, so a CLI and a server starting together never see a half-written key and
// never overwrite each other's: the loser just reads the winner's file.
auto create_key_file(const std::filesystem::path& path) -> StoreResult<void> {
    std::string temporary = path.string() + ".new-XXXXXX";
    const FileDescriptor fd(::mkstemp(temporary.data()));  // O_CREAT|O_EXCL, mode 0600
    if (fd.get() < 0)
        return fail(StoreError::io,
                    "cannot create the key file " + path.string() + ": " + errno_text());
    std::array<std::uint8_t, KeyEncryptionKey::size> key{};
    randombytes_buf(key.data(), key.size());
    const bool written = write_all(fd.get(), key.data(), key.size()) && ::fsync(fd.get()) == 0;
    sodium_memzero(key.data(), key.size());
    const bool linked = written && ::link(temporary.c_str(), path.c_str()) == 0;
    const int link_errno = errno;
    ::unlink(temporary.c_str());
    if (!written)
        return fail(StoreError::io, "cannot write the key file " + path.string());
    if (!linked && link_errno != EEXIST)
        return fail(StoreError::io, "cannot create the key file " + path.string() + ": " +
                                        std::generic_category().message(link_errno));
    return {};
}

auto read_key_file(const std::filesystem::path& path)
    -> StoreResult<std::array<std::uint8_t, KeyEncryptionKey::size>> {
    const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0)
        return fail(StoreError::key_file_invalid,
                    "cannot open the key file " + path.string() + ": " + errno_text() +
                        " (it holds the key of the stored device keys; restore it from backup)");
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0)
        return fail(StoreError::io, "cannot stat the key file " + path.string());
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return fail(StoreError::key_file_invalid,
                    "the key file " + path.string() +
                        " is accessible to group or others; run: chmod 600 " + path.string());
    if (!S_ISREG(info.st_mode) || info.st_size != static_cast<off_t>(KeyEncryptionKey::size))
        return fail(StoreError::key_file_invalid,
                    "the key file " + path.string() + " must be a file of exactly " +
                        std::to_string(KeyEncryptionKey::size) + " bytes");
    std::array<std::uint8_t, KeyEncryptionKey::size> key{};
    std::size_t got = 0;
    while (got < key.size()) {
        const ssize_t n = ::read(fd.get(), key.data() + got, key.size() - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return fail(StoreError::io, "cannot read the key file " + path.string());
        got += static_cast<std::size_t>(n);
    }
    return key;
}
}  // namespace

KeyEncryptionKey::KeyEncryptionKey(const std::array<std::uint8_t, size>& bytes) : key_(bytes) {}

KeyEncryptionKey::KeyEncryptionKey(KeyEncryptionKey&& other) noexcept : key_(other.key_) {
    sodium_memzero(other.key_.data(), other.key_.size());
}

KeyEncryptionKey::~KeyEncryptionKey() {
    sodium_memzero(key_.data(), key_.size());
}

auto KeyEncryptionKey::load(const std::filesystem::path& key_file)
    -> StoreResult<KeyEncryptionKey> {
    if (auto ready = init_sodium(); !ready)
        return Unexpected{ready.error()};
    auto bytes = read_key_file(key_file);
    if (!bytes)
        return Unexpected{bytes.error()};
    KeyEncryptionKey key(*bytes);
    sodium_memzero(bytes->data(), bytes->size());
    return key;
}

auto KeyEncryptionKey::load_or_create(const std::filesystem::path& key_file)
    -> StoreResult<KeyEncryptionKey> {
    if (auto ready = init_sodium(); !ready)
        return Unexpected{ready.error()};
    std::error_code error;
    if (!std::filesystem::exists(key_file, error)) {
        if (key_file.has_parent_path())
            std::filesystem::create_directories(key_file.parent_path(), error);
        if (error)
            return fail(StoreError::io, "cannot create the folder of the key file " +
                                            key_file.string() + ": " + error.message());
        if (auto created = create_key_file(key_file); !created)
            return Unexpected{created.error()};
    }
    return load(key_file);
}

auto KeyEncryptionKey::seal(lorawan::ByteView plaintext) const -> lorawan::Bytes {
    lorawan::Bytes sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                          plaintext.size());
    randombytes_buf(sealed.data(), crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(sealed.data() + crypto_secretbox_NONCEBYTES, plaintext.data(),
                          plaintext.size(), sealed.data(), key_.data());
    return sealed;
}

auto KeyEncryptionKey::open(lorawan::ByteView sealed) const -> std::optional<lorawan::Bytes> {
    if (sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
        return std::nullopt;
    const auto* ciphertext = sealed.data() + crypto_secretbox_NONCEBYTES;
    const std::size_t ciphertext_size = sealed.size() - crypto_secretbox_NONCEBYTES;
    lorawan::Bytes plaintext(ciphertext_size - crypto_secretbox_MACBYTES);
    if (crypto_secretbox_open_easy(plaintext.data(), ciphertext, ciphertext_size, sealed.data(),
                                   key_.data()) != 0)
        return std::nullopt;
    return plaintext;
}

auto KeyEncryptionKey::seal_key(const lorawan::AesKey& key) const -> lorawan::Bytes {
    return seal(key.bytes);
}

auto KeyEncryptionKey::open_key(lorawan::ByteView sealed) const -> std::optional<lorawan::AesKey> {
    auto plaintext = open(sealed);
    if (!plaintext || plaintext->size() != 16)
        return std::nullopt;
    auto key = lorawan::AesKey::from_bytes(*plaintext);
    sodium_memzero(plaintext->data(), plaintext->size());
    return key;
}

}  // namespace hortillon::storage
