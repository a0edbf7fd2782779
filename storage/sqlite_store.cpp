#include "storage/sqlite_store.hpp"

#include <algorithm>

#include "storage/migrations.hpp"
#include "storage/sqlite_rows.hpp"

namespace hortillon::storage {

namespace {
// Sealed under the key-encryption key when the database is created. Opening it proves the key
// file belongs to this database before any device key is read with it.
constexpr std::string_view key_check_name = "key_check";
constexpr std::string_view key_check_plaintext = "hortillon key-encryption key check v1";

auto read_key_check(Database& database) -> StoreResult<std::optional<lorawan::Bytes>> {
    auto statement = rows::prepare_bound(database, "SELECT value FROM store_meta WHERE name = ?",
                                         key_check_name);
    if (!statement)
        return Unexpected{statement.error()};
    auto row = statement->step();
    if (!row)
        return Unexpected{row.error()};
    if (!*row)
        return std::optional<lorawan::Bytes>{};
    return std::optional<lorawan::Bytes>{statement->column_blob(0)};
}

auto verify_key_check(const KeyEncryptionKey& key, lorawan::ByteView sealed,
                      const StoreOptions& options) -> StoreResult<void> {
    const auto opened = key.open(sealed);
    const auto expected = std::string_view(key_check_plaintext);
    if (opened && std::equal(opened->begin(), opened->end(), expected.begin(), expected.end()))
        return {};
    return fail(StoreError::wrong_key_file,
                "the key file " + options.key_file.string() + " does not belong to the database " +
                    options.database_path.string() +
                    "; use the key file that was created with this database");
}

// A new database: the key file may be created now, and the check value is recorded. INSERT OR
// IGNORE, then verify: when two processes create the database together, the first check wins
// and the second process verifies against it.
auto initialise_key(Database& database, const StoreOptions& options)
    -> StoreResult<KeyEncryptionKey> {
    auto key = KeyEncryptionKey::load_or_create(options.key_file);
    if (!key)
        return key;
    const std::string_view text = key_check_plaintext;
    const lorawan::Bytes sealed = key->seal(
        lorawan::ByteView(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
    auto insert = rows::prepare_bound(
        database, "INSERT OR IGNORE INTO store_meta (name, value) VALUES (?, ?)", key_check_name,
        lorawan::ByteView(sealed));
    if (!insert)
        return Unexpected{insert.error()};
    if (auto done = insert->run(); !done)
        return Unexpected{done.error()};
    auto stored = read_key_check(database);
    if (!stored)
        return Unexpected{stored.error()};
    if (auto verified = verify_key_check(*key, **stored, options); !verified)
        return Unexpected{verified.error()};
    return key;
}

auto load_key(Database& database, const StoreOptions& options) -> StoreResult<KeyEncryptionKey> {
    auto check = read_key_check(database);
    if (!check)
        return Unexpected{check.error()};
    if (!*check)
        return initialise_key(database, options);
    // An existing database never gets a fresh key file: its stored keys could not be read.
    auto key = KeyEncryptionKey::load(options.key_file);
    if (!key)
        return key;
    if (auto verified = verify_key_check(*key, **check, options); !verified)
        return Unexpected{verified.error()};
    return key;
}

class SqliteTransaction final : public StoreTransaction::Backend {
  public:
    explicit SqliteTransaction(Transaction transaction) : transaction_(std::move(transaction)) {}
    auto commit() -> StoreResult<void> override { return transaction_.commit(); }
    void rollback() noexcept override { transaction_.rollback(); }

  private:
    Transaction transaction_;
};
}  // namespace

SqliteStore::SqliteStore(std::unique_ptr<Database> database, KeyEncryptionKey key,
                         std::size_t capacity)
    : database_(std::move(database)), key_(std::move(key)), downlink_queue_capacity_(capacity) {
    database_->watch_table("change_stamp");
}

auto SqliteStore::open(const StoreOptions& options) -> StoreResult<std::unique_ptr<SqliteStore>> {
    auto database = Database::open(options.database_path, options.database);
    if (!database)
        return Unexpected{database.error()};
    if (auto migrated = migrate(**database); !migrated)
        return Unexpected{migrated.error()};
    auto key = load_key(**database, options);
    if (!key)
        return Unexpected{key.error()};
    return std::unique_ptr<SqliteStore>(
        new SqliteStore(std::move(*database), std::move(*key), options.downlink_queue_capacity));
}

auto SqliteStore::begin_transaction() -> StoreResult<StoreTransaction> {
    auto transaction = Transaction::begin(*database_);
    if (!transaction)
        return Unexpected{transaction.error()};
    return StoreTransaction(std::make_unique<SqliteTransaction>(std::move(*transaction)));
}

}  // namespace hortillon::storage
