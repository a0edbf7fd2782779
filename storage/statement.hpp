#pragma once
// A prepared SQLite statement: bind by 1-based index, step, read columns by 0-based index.
//
// A Statement from Database::prepare is usually borrowed from the connection's cache; its
// destructor resets it (so no read transaction is left open and a second connection's writes
// become visible) and hands it back. Owned statements are finalised instead.

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lorawan/bytes.hpp"
#include "storage/store_error.hpp"

struct sqlite3_stmt;

namespace hortillon::storage {

class Statement {
  public:
    // `in_use` is the cache slot's flag, cleared when this statement is released; null: owned.
    Statement(sqlite3_stmt* statement, bool* in_use) noexcept;
    Statement(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    auto operator=(const Statement&) -> Statement& = delete;
    auto operator=(Statement&&) -> Statement& = delete;
    ~Statement();

    template <std::integral T>
    void bind(int index, T value) {
        bind_int64(index, static_cast<std::int64_t>(value));
    }
    void bind(int index, double value);
    void bind(int index, std::string_view text);
    void bind(int index, lorawan::ByteView blob);
    void bind(int index, std::nullopt_t);
    template <class T>
    void bind(int index, const std::optional<T>& value) {
        if (value)
            bind(index, *value);
        else
            bind(index, std::nullopt);
    }
    // Binds the arguments to parameters 1, 2, 3, ...
    template <class... Values>
    void bind_all(const Values&... values) {
        int index = 0;
        (bind(++index, values), ...);
    }

    // true: a row is ready to read; false: done.
    auto step() -> StoreResult<bool>;
    // Runs a statement that returns no rows (or whose rows do not matter) to completion.
    auto run() -> StoreResult<void>;

    [[nodiscard]] auto is_null(int column) const -> bool;
    [[nodiscard]] auto column_int64(int column) const -> std::int64_t;
    [[nodiscard]] auto column_double(int column) const -> double;
    [[nodiscard]] auto column_text(int column) const -> std::string;
    [[nodiscard]] auto column_blob(int column) const -> lorawan::Bytes;
    template <class T>
    [[nodiscard]] auto column_optional_int(int column) const -> std::optional<T> {
        if (is_null(column))
            return std::nullopt;
        return static_cast<T>(column_int64(column));
    }

  private:
    void bind_int64(int index, std::int64_t value);
    void note_bind_result(int result_code);

    sqlite3_stmt* statement_;
    bool* in_use_;
    int bind_error_ = 0;  // the first failed bind, reported by step()
};

// Maps an SQLite result code to a failure; `context` says what was being done.
auto sqlite_failure(int result_code, std::string_view sqlite_message, std::string_view context)
    -> StoreFailure;

}  // namespace hortillon::storage
