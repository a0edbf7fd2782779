// The key file and keys at rest: created private, reused, refused when wrong; stored keys are
// ciphertext in the file.
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>

#include "storage/key_encryption.hpp"
#include "store_fixture.hpp"

using namespace hortillon;
using namespace hortillon::storage;
using namespace hortillon::storage::test;

namespace {
auto file_mode(const std::filesystem::path& path) -> unsigned {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 0777;
}

auto read_bytes(const std::filesystem::path& path) -> lorawan::Bytes {
    std::ifstream in(path, std::ios::binary);
    return lorawan::Bytes(std::istreambuf_iterator<char>(in), {});
}

void write_bytes(const std::filesystem::path& path, std::size_t size) {
    std::ofstream out(path, std::ios::binary);
    out << std::string(size, 'k');
    std::filesystem::permissions(
        path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

auto contains(const lorawan::Bytes& haystack, const lorawan::AesKey& key) -> bool {
    return std::search(haystack.begin(), haystack.end(), key.bytes.begin(), key.bytes.end()) !=
           haystack.end();
}
}  // namespace

TEST_CASE("the key file is created with its folder - 32 bytes - mode 0600 and reused") {
    StoreFixture fixture;
    REQUIRE(std::filesystem::file_size(fixture.options.key_file) == KeyEncryptionKey::size);
    CHECK(file_mode(fixture.options.key_file) == 0600);
    const auto first = read_bytes(fixture.options.key_file);
    fixture.reopen();
    CHECK(read_bytes(fixture.options.key_file) == first);
    CHECK(file_mode(fixture.options.key_file) == 0600);
}

TEST_CASE("a key file of the wrong size is refused without naming its contents") {
    TemporaryFolder folder;
    const auto path = folder.path() / "short.key";
    write_bytes(path, 31);
    auto key = KeyEncryptionKey::load_or_create(path);
    REQUIRE_FALSE(key);
    CHECK(key.error().code == StoreError::key_file_invalid);
    CHECK_THAT(key.error().message, Catch::Contains("32 bytes"));
    CHECK(std::filesystem::file_size(path) == 31);  // never overwritten
}

TEST_CASE("a key file readable by group or others is refused and not re-permissioned") {
    TemporaryFolder folder;
    const auto path = folder.path() / "open.key";
    write_bytes(path, 32);
    std::filesystem::permissions(path, std::filesystem::perms::others_read,
                                 std::filesystem::perm_options::add);
    auto key = KeyEncryptionKey::load(path);
    REQUIRE_FALSE(key);
    CHECK(key.error().code == StoreError::key_file_invalid);
    CHECK_THAT(key.error().message, Catch::Contains("chmod 600"));
    CHECK(file_mode(path) == 0604);
}

TEST_CASE("another database's key file is refused as not belonging to this database") {
    StoreFixture fixture;
    TemporaryFolder other;
    REQUIRE(KeyEncryptionKey::load_or_create(other.path() / "other.key"));
    fixture.store.reset();
    StoreOptions wrong = fixture.options;
    wrong.key_file = other.path() / "other.key";
    auto opened = SqliteStore::open(wrong);
    REQUIRE_FALSE(opened);
    CHECK(opened.error().code == StoreError::wrong_key_file);
    CHECK_THAT(opened.error().message, Catch::Contains("does not belong"));
}

TEST_CASE("an existing database whose key file is lost gets no fresh key file") {
    StoreFixture fixture;
    fixture.store.reset();
    std::filesystem::remove(fixture.options.key_file);
    auto opened = SqliteStore::open(fixture.options);
    REQUIRE_FALSE(opened);
    CHECK(opened.error().code == StoreError::key_file_invalid);
    CHECK_THAT(opened.error().message, Catch::Contains("restore it from backup"));
    CHECK_FALSE(std::filesystem::exists(fixture.options.key_file));
}

TEST_CASE("sealing uses a fresh nonce per value and detects tampering") {
    TemporaryFolder folder;
    auto key = KeyEncryptionKey::load_or_create(folder.path() / "k");
    REQUIRE(key);
    const auto root = test_key(0x42);
    const auto a = key->seal_key(root);
    const auto b = key->seal_key(root);
    CHECK(a != b);
    CHECK(key->open_key(a) == root);
    auto altered = a;
    altered.back() ^= 1;
    CHECK_FALSE(key->open_key(altered));
    CHECK_FALSE(key->open_key(lorawan::Bytes(10)));
}

TEST_CASE("root and session keys are ciphertext in the database file") {
    TenantFixture fixture;
    NewDevice device = fixture.otaa_device(1);
    device.device.otaa->app_key = test_key(0xa1);
    device.device.otaa->nwk_key = test_key(0xa2);
    REQUIRE(fixture.store->create_device(device));
    const lorawan::SessionKeys keys{test_key(0xb1), test_key(0xb2), test_key(0xb3), test_key(0xb4)};
    REQUIRE(fixture.store->save_device_session(
        DeviceSession{.dev_eui = device.device.dev_eui, .dev_addr = {0x26011000}, .keys = keys}));

    auto raw = fixture.store->database().prepare(
        "SELECT d.app_key, d.nwk_key, s.session_keys FROM devices d "
        "JOIN device_sessions s ON s.dev_eui = d.dev_eui");
    REQUIRE(*raw->step());
    const auto app_key = raw->column_blob(0);
    const auto nwk_key = raw->column_blob(1);
    const auto session_keys = raw->column_blob(2);
    CHECK(app_key.size() == 24 + 16 + 16);  // nonce | MAC | ciphertext
    for (const auto* key :
         {&keys.f_nwk_s_int_key, &keys.s_nwk_s_int_key, &keys.nwk_s_enc_key, &keys.app_s_key})
        CHECK_FALSE(contains(session_keys, *key));
    CHECK_FALSE(contains(app_key, test_key(0xa1)));
    CHECK_FALSE(contains(nwk_key, test_key(0xa2)));

    // And they come back intact.
    CHECK(fixture.store->get_device(device.device.dev_eui)->otaa->nwk_key == test_key(0xa2));
    CHECK(fixture.store->get_device_session(device.device.dev_eui)->keys == keys);
}
