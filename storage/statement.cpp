#include "storage/statement.hpp"

#include <sqlite3.h>

namespace hortillon::storage {

Statement::Statement(sqlite3_stmt* statement, bool* in_use) noexcept
    : statement_(statement), in_use_(in_use) {}

Statement::Statement(Statement&& other) noexcept
    : statement_(other.statement_), in_use_(other.in_use_), bind_error_(other.bind_error_) {
    other.statement_ = nullptr;
    other.in_use_ = nullptr;
}

Statement::~Statement() {
    if (statement_ == nullptr)
        return;
    if (in_use_ == nullptr) {
        sqlite3_finalize(statement_);
        return;
    }
    // Resetting ends the statement's implicit read transaction; leaving it open would pin an
    // old snapshot and hide rows another process (the CLI) committed since.
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
    *in_use_ = false;
}

void Statement::note_bind_result(int result_code) {
    if (result_code != SQLITE_OK && bind_error_ == 0)
        bind_error_ = result_code;
}

void Statement::bind_int64(int index, std::int64_t value) {
    note_bind_result(sqlite3_bind_int64(statement_, index, value));
}

void Statement::bind(int index, double value) {
    note_bind_result(sqlite3_bind_double(statement_, index, value));
}

void Statement::bind(int index, std::string_view text) {
    note_bind_result(sqlite3_bind_text64(statement_, index, text.data(), text.size(),
                                         SQLITE_TRANSIENT, SQLITE_UTF8));
}

void Statement::bind(int index, lorawan::ByteView blob) {
    // A zero-length blob is bound as an empty blob, not NULL: a zero pointer would mean NULL.
    static const std::uint8_t empty = 0;
    const void* data = blob.empty() ? &empty : blob.data();
    note_bind_result(sqlite3_bind_blob64(statement_, index, data, blob.size(), SQLITE_TRANSIENT));
}

void Statement::bind(int index, std::nullopt_t) {
    note_bind_result(sqlite3_bind_null(statement_, index));
}

auto Statement::step() -> StoreResult<bool> {
    sqlite3* db = sqlite3_db_handle(statement_);
    if (bind_error_ != 0)
        return Unexpected{sqlite_failure(bind_error_, sqlite3_errstr(bind_error_), "binding")};
    const int result = sqlite3_step(statement_);
    if (result == SQLITE_ROW)
        return true;
    if (result == SQLITE_DONE)
        return false;
    return Unexpected{sqlite_failure(result, sqlite3_errmsg(db), "")};
}

auto Statement::run() -> StoreResult<void> {
    while (true) {
        auto row = step();
        if (!row)
            return Unexpected{row.error()};
        if (!*row)
            return {};
    }
}

auto Statement::is_null(int column) const -> bool {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

auto Statement::column_int64(int column) const -> std::int64_t {
    return sqlite3_column_int64(statement_, column);
}

auto Statement::column_double(int column) const -> double {
    return sqlite3_column_double(statement_, column);
}

auto Statement::column_text(int column) const -> std::string {
    const auto* text = sqlite3_column_text(statement_, column);
    const int size = sqlite3_column_bytes(statement_, column);
    if (text == nullptr)
        return {};
    return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

auto Statement::column_blob(int column) const -> lorawan::Bytes {
    const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement_, column));
    const int size = sqlite3_column_bytes(statement_, column);
    if (data == nullptr)
        return {};
    return lorawan::Bytes(data, data + size);
}

auto sqlite_failure(int result_code, std::string_view sqlite_message, std::string_view context)
    -> StoreFailure {
    StoreError code = StoreError::io;
    switch (result_code) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            code = StoreError::already_exists;
            break;
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            code = StoreError::invalid_reference;
            break;
        default:
            if ((result_code & 0xff) == SQLITE_CONSTRAINT)
                code = StoreError::constraint;
            else if ((result_code & 0xff) == SQLITE_BUSY || (result_code & 0xff) == SQLITE_LOCKED)
                code = StoreError::busy;
            else if ((result_code & 0xff) == SQLITE_CORRUPT ||
                     (result_code & 0xff) == SQLITE_NOTADB)
                code = StoreError::corrupt;
    }
    std::string message(context);
    if (!message.empty())
        message += ": ";
    message += sqlite_message;
    return StoreFailure{code, std::move(message)};
}

}  // namespace hortillon::storage
