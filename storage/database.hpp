#pragma once
// One SQLite connection, set up so that the CLI and a running server can share the file: WAL
// (readers never block the writer), a busy timeout (writers queue instead of failing), foreign
// keys on. Not thread-safe: open one connection per thread.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/statement.hpp"
#include "storage/store_error.hpp"

struct sqlite3;

namespace hortillon::storage {

// How hard a commit tries to survive a power cut. With `normal` (WAL, synchronous=NORMAL) a
// crash of the process loses nothing, but a power cut may lose the last commits; `full` syncs
// every commit, about ten times slower.
enum class Durability : std::uint8_t { normal, full };

struct DatabaseOptions {
    std::chrono::milliseconds busy_timeout{5000};
    Durability durability = Durability::normal;
    // The WAL size (pages of 4 KiB) at which a commit on this connection checkpoints it.
    // SQLite's default is 1000. The server's connections leave the copying to a
    // WalCheckpointer and only finish its work (wal_checkpointer.hpp).
    int wal_autocheckpoint_pages = 8000;
    // The size the WAL file is cut back to when it starts over (journal_size_limit). Without it
    // the file keeps the largest size it ever had (144 MB after an import of 300,000 devices,
    // measured with the server running); under load it stays below the finishers' thresholds (32
    // MiB), so it is not cut and grown again all the time.
    std::int64_t wal_size_limit_bytes = 64 * 1024 * 1024;
};

class Database {
  public:
    // Opens or creates the file (and its folder). The address stays fixed: statements and
    // transactions refer to it.
    static auto open(const std::filesystem::path& path, const DatabaseOptions& options)
        -> StoreResult<std::unique_ptr<Database>>;

    Database(const Database&) = delete;
    auto operator=(const Database&) -> Database& = delete;
    ~Database();

    // A statement from the connection's cache (prepared once, reused). When the cached one is
    // still in use (a query inside a query), a separate one is prepared.
    auto prepare(std::string_view sql) -> StoreResult<Statement>;
    // Runs statements without parameters (migrations, pragmas).
    auto execute(std::string_view sql) -> StoreResult<void>;

    [[nodiscard]] auto in_transaction() const -> bool;
    // Has SQLite count writes to `table` (one table per connection) in view_generation.
    void watch_table(std::string table);
    // Moves on every write to the watched table (triggers' writes included), every transaction
    // control statement that may change what is visible (all but SAVEPOINT and RELEASE) and
    // every execute(). Inside a transaction no other connection's commit
    // becomes visible, so while it stays the same, so do the watched table's rows.
    [[nodiscard]] auto view_generation() const -> std::uint64_t { return view_generation_; }
    // Rows changed by the last INSERT, UPDATE or DELETE on this connection.
    [[nodiscard]] auto changes() const -> std::int64_t;
    // The rowid of the last successful INSERT on this connection. Cheaper than RETURNING, which
    // builds a temporary table for every execution.
    [[nodiscard]] auto last_insert_rowid() const -> std::int64_t;
    [[nodiscard]] auto path() const -> const std::filesystem::path& { return path_; }
    // Runs `sql` (no parameters, no rows) as a prepared statement kept for the next time: for
    // the transaction control that runs for every uplink.
    auto run(std::string_view sql) -> StoreResult<void>;
    // The name for a savepoint opened now, unique among the open ones; end_savepoint when it
    // is released or rolled back.
    auto next_savepoint_name() -> std::string;
    void end_savepoint();

    // Copies what the WAL holds back into the database file, as far as the readers allow,
    // without waiting for anyone (SQLite's PASSIVE checkpoint); the frames the WAL holds.
    // Another checkpoint under way is not a failure: it copies nothing (0).
    auto checkpoint() -> StoreResult<int>;

    // Runs `action` once what was written so far is durable: at once outside a transaction,
    // else after the outermost COMMIT; dropped if that transaction, or the savepoint it was
    // registered in, rolls back. For work that must only see committed rows, such as handing
    // them to a reader on another thread.
    void after_commit(std::function<void()> action);

  private:
    // Finds cached statements by string_view, without building a std::string per lookup.
    struct SqlHash {
        using is_transparent = void;
        auto operator()(std::string_view sql) const -> std::size_t {
            return std::hash<std::string_view>{}(sql);
        }
    };
    struct CachedStatement {
        sqlite3_stmt* statement = nullptr;
        bool in_use = false;
    };

    Database(sqlite3* handle, std::filesystem::path path);
    auto configure(const DatabaseOptions& options) -> StoreResult<void>;
    // SQLite's busy handler: whether to try again for the lock after `attempts` tries.
    static auto wait_for_lock(void* database, int attempts) -> int;
    static void note_write(void* database, int operation, const char* schema, const char* table,
                           long long row);  // sqlite3_int64

    sqlite3* handle_;
    std::filesystem::path path_;
    std::unordered_map<std::string, CachedStatement, SqlHash, std::equal_to<>> cache_;
    std::uint64_t savepoints_ = 0;
    std::string watched_table_;
    std::uint64_t view_generation_ = 0;
    std::vector<std::function<void()>> after_commit_;
    std::chrono::milliseconds busy_timeout_{0};
    std::chrono::steady_clock::time_point busy_since_;  // the first try for the current lock

    friend class Transaction;  // runs or drops the after-commit actions
};

// A write transaction: BEGIN IMMEDIATE at the outermost level (take the write lock at once, so
// a concurrent writer waits in busy_timeout instead of failing half-way), a SAVEPOINT when one is
// already open, so repository calls that need atomicity compose inside a caller's transaction.
// Rolled back by the destructor unless committed.
class Transaction {
  public:
    static auto begin(Database& database) -> StoreResult<Transaction>;

    Transaction(Transaction&& other) noexcept;
    Transaction(const Transaction&) = delete;
    auto operator=(const Transaction&) -> Transaction& = delete;
    auto operator=(Transaction&&) -> Transaction& = delete;
    ~Transaction();

    auto commit() -> StoreResult<void>;
    void rollback() noexcept;

  private:
    Transaction(Database& database, std::string savepoint);

    Database* database_;
    std::string savepoint_;  // empty: the outermost transaction
    // The after-commit actions registered before this savepoint: those after it are dropped
    // when it rolls back.
    std::size_t actions_before_ = 0;
    bool open_ = true;
};

}  // namespace hortillon::storage
