#include "storage/database.hpp"

#include <sqlite3.h>

#include <system_error>
#include <thread>
#include <utility>

namespace hortillon::storage {

namespace {
auto connection_failure(sqlite3* handle, std::string_view context) -> StoreFailure {
    return sqlite_failure(sqlite3_extended_errcode(handle), sqlite3_errmsg(handle), context);
}

auto create_parent_directory(const std::filesystem::path& path) -> StoreResult<void> {
    const auto parent = path.parent_path();
    if (parent.empty())
        return {};
    std::error_code error;
    std::filesystem::create_directories(parent, error);
    if (error)
        return fail(StoreError::io,
                    "cannot create the folder " + parent.string() + ": " + error.message());
    return {};
}
}  // namespace

Database::Database(sqlite3* handle, std::filesystem::path path)
    : handle_(handle), path_(std::move(path)) {}

Database::~Database() {
    for (auto& [sql, cached] : cache_)
        sqlite3_finalize(cached.statement);
    sqlite3_close_v2(handle_);
}

auto Database::open(const std::filesystem::path& path, const DatabaseOptions& options)
    -> StoreResult<std::unique_ptr<Database>> {
    if (auto made = create_parent_directory(path); !made)
        return Unexpected{made.error()};
    sqlite3* handle = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int result = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
    std::unique_ptr<Database> database(new Database(handle, path));
    if (result != SQLITE_OK)
        return Unexpected{connection_failure(handle, "cannot open " + path.string())};
    sqlite3_extended_result_codes(handle, 1);
    if (auto configured = database->configure(options); !configured)
        return Unexpected{configured.error()};
    return database;
}

auto Database::configure(const DatabaseOptions& options) -> StoreResult<void> {
    busy_timeout_ = options.busy_timeout;
    sqlite3_busy_handler(handle_, &Database::wait_for_lock, this);
    // journal_mode=WAL is persistent in the file and cannot change inside a transaction.
    auto wal = prepare("PRAGMA journal_mode=WAL");
    if (!wal)
        return Unexpected{wal.error()};
    auto row = wal->step();
    if (!row)
        return Unexpected{row.error()};
    if (!*row || wal->column_text(0) != "wal")
        return fail(StoreError::io, "cannot switch " + path_.string() + " to WAL mode");
    const char* synchronous = options.durability == Durability::full ? "PRAGMA synchronous=FULL"
                                                                     : "PRAGMA synchronous=NORMAL";
    if (auto done = execute(synchronous); !done)
        return done;
    sqlite3_wal_autocheckpoint(handle_, options.wal_autocheckpoint_pages);
    if (auto done =
            execute("PRAGMA journal_size_limit=" + std::to_string(options.wal_size_limit_bytes));
        !done)
        return done;
    return execute("PRAGMA foreign_keys=ON");
}

// Instead of sqlite3_busy_timeout, whose sleeps start at 1 ms and grow to 100 ms: the other
// writer (the deletes of published events, a CLI command) mostly holds the lock for well under a
// millisecond, and the server's thread must not sleep much longer than that. Fine polling first,
// then 1 ms steps, until busy_timeout has passed since the first try.
auto Database::wait_for_lock(void* database, int attempts) -> int {
    using namespace std::chrono_literals;
    auto& self = *static_cast<Database*>(database);
    const auto now = std::chrono::steady_clock::now();
    if (attempts == 0)
        self.busy_since_ = now;
    else if (now - self.busy_since_ >= self.busy_timeout_)
        return 0;
    std::this_thread::sleep_for(attempts < 40 ? 50us : 1ms);
    return 1;
}

auto Database::prepare(std::string_view sql) -> StoreResult<Statement> {
    if (auto found = cache_.find(sql); found != cache_.end() && !found->second.in_use) {
        found->second.in_use = true;
        return Statement(found->second.statement, &found->second.in_use);
    }
    auto [slot, inserted] = cache_.try_emplace(std::string(sql));
    CachedStatement& cached = slot->second;
    sqlite3_stmt* statement = nullptr;
    const unsigned flags = inserted ? SQLITE_PREPARE_PERSISTENT : 0;
    const int result = sqlite3_prepare_v3(handle_, sql.data(), static_cast<int>(sql.size()), flags,
                                          &statement, nullptr);
    if (result != SQLITE_OK) {
        if (inserted)
            cache_.erase(slot);
        return Unexpected{connection_failure(handle_, "preparing a statement")};
    }
    if (!inserted)
        return Statement(statement, nullptr);  // the cached one is busy: an owned one
    cached.statement = statement;
    cached.in_use = true;
    return Statement(statement, &cached.in_use);
}

auto Database::execute(std::string_view sql) -> StoreResult<void> {
    ++view_generation_;
    const std::string text(sql);
    char* message = nullptr;
    const int result = sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, &message);
    if (result == SQLITE_OK)
        return {};
    StoreFailure failure =
        sqlite_failure(sqlite3_extended_errcode(handle_), message ? message : "", "");
    sqlite3_free(message);
    return Unexpected{std::move(failure)};
}

auto Database::in_transaction() const -> bool {
    return sqlite3_get_autocommit(handle_) == 0;
}

auto Database::checkpoint() -> StoreResult<int> {
    int wal_frames = 0;
    const int result = sqlite3_wal_checkpoint_v2(handle_, nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                                 &wal_frames, nullptr);
    if (result == SQLITE_BUSY)
        return 0;
    if (result != SQLITE_OK)
        return Unexpected{connection_failure(handle_, "checkpointing " + path_.string())};
    return wal_frames;
}

auto Database::changes() const -> std::int64_t {
    return sqlite3_changes64(handle_);
}

auto Database::last_insert_rowid() const -> std::int64_t {
    return sqlite3_last_insert_rowid(handle_);
}

void Database::watch_table(std::string table) {
    watched_table_ = std::move(table);
    sqlite3_update_hook(handle_, &Database::note_write, this);
}

void Database::note_write(void* database, int /*operation*/, const char* /*schema*/,
                          const char* table, long long /*row*/) {
    auto& self = *static_cast<Database*>(database);
    if (self.watched_table_ == table)
        ++self.view_generation_;
}

auto Database::run(std::string_view sql) -> StoreResult<void> {
    const bool was_in_transaction = in_transaction();
    auto statement = prepare(sql);
    if (!statement) {
        ++view_generation_;
        return Unexpected{statement.error()};
    }
    auto result = statement->run();
    // Opening or releasing a savepoint inside a transaction that goes on changes no row; BEGIN,
    // COMMIT, any ROLLBACK, and a savepoint that starts or ends the transaction itself may.
    const bool savepoint = sql.starts_with("SAVEPOINT ") || sql.starts_with("RELEASE ");
    if (!(savepoint && was_in_transaction && in_transaction()))
        ++view_generation_;
    return result;
}

// Named by nesting depth: savepoints end in the order opposite to their start, so a name is
// free again once its savepoint ended, and the few names there are stay prepared.
auto Database::next_savepoint_name() -> std::string {
    return "hortillon_" + std::to_string(++savepoints_);
}

void Database::end_savepoint() {
    --savepoints_;
}

void Database::after_commit(std::function<void()> action) {
    if (!in_transaction()) {
        action();
        return;
    }
    after_commit_.push_back(std::move(action));
}

Transaction::Transaction(Database& database, std::string savepoint)
    : database_(&database),
      savepoint_(std::move(savepoint)),
      actions_before_(database.after_commit_.size()) {}

Transaction::Transaction(Transaction&& other) noexcept
    : database_(other.database_),
      savepoint_(std::move(other.savepoint_)),
      actions_before_(other.actions_before_),
      open_(other.open_) {
    other.open_ = false;
}

Transaction::~Transaction() {
    rollback();
}

auto Transaction::begin(Database& database) -> StoreResult<Transaction> {
    if (!database.in_transaction()) {
        // Left over only when SQLite rolled the outer transaction back by itself while its
        // Transaction is still open (a batch whose next uplink begins anew): they must not run
        // after this one's commit.
        database.after_commit_.clear();
        if (auto begun = database.run("BEGIN IMMEDIATE"); !begun)
            return Unexpected{begun.error()};
        return Transaction(database, "");
    }
    std::string name = database.next_savepoint_name();
    if (auto begun = database.run("SAVEPOINT " + name); !begun) {
        database.end_savepoint();
        return Unexpected{begun.error()};
    }
    return Transaction(database, std::move(name));
}

auto Transaction::commit() -> StoreResult<void> {
    if (!open_)
        return fail(StoreError::io, "commit of a transaction that is no longer open");
    open_ = false;
    auto done =
        savepoint_.empty() ? database_->run("COMMIT") : database_->run("RELEASE " + savepoint_);
    if (!savepoint_.empty())
        database_->end_savepoint();
    if (!done && savepoint_.empty() && database_->in_transaction())
        (void)database_->execute("ROLLBACK");  // a failed COMMIT can leave the transaction open
    if (savepoint_.empty()) {
        auto actions = std::exchange(database_->after_commit_, {});
        if (done) {
            for (auto& action : actions)
                action();
        }
    }
    return done;
}

void Transaction::rollback() noexcept {
    if (!open_)
        return;
    open_ = false;
    // SQLite may already have rolled back by itself (after SQLITE_FULL or an I/O error); a
    // failing ROLLBACK then has nothing left to undo.
    if (savepoint_.empty()) {
        if (database_->in_transaction())
            (void)database_->execute("ROLLBACK");
        database_->after_commit_.clear();
        return;
    }
    (void)database_->run("ROLLBACK TO " + savepoint_);
    (void)database_->run("RELEASE " + savepoint_);
    database_->end_savepoint();
    // What the rolled-back writes would have announced must not run after the outer commit.
    if (database_->after_commit_.size() > actions_before_)
        database_->after_commit_.resize(actions_before_);
}

}  // namespace hortillon::storage
