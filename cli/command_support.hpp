#pragma once
// What every operator command shares: the global options, the exit statuses, the failure value
// that carries one, opening the store, and resolving TENANT / APP / PROFILE arguments.

#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cli/argument_parsing.hpp"
#include "lorawan/result.hpp"
#include "storage/records.hpp"
#include "storage/store.hpp"
#include "storage/store_error.hpp"

namespace hortillon::cli {

inline constexpr int exit_success = 0;
inline constexpr int exit_failure = 1;  // store errors, not found, duplicates, ...
inline constexpr int exit_usage = 2;    // bad arguments

inline constexpr std::string_view default_database_path = "var/hortillon.db";
inline constexpr std::string_view default_key_file = "var/hortillon.key";

// --db and --key-file, accepted before and after the command. nullopt: neither the option nor
// its environment variable (HORTILLON_DB, HORTILLON_KEY_FILE) was given, so `serve` may take the
// configuration file's value and every other command takes the default.
struct GlobalOptions {
    std::optional<std::string> db{};
    std::optional<std::string> key_file{};

    [[nodiscard]] auto database_path() const -> std::string {
        return db.value_or(std::string(default_database_path));
    }
    [[nodiscard]] auto key_file_path() const -> std::string {
        return key_file.value_or(std::string(default_key_file));
    }
};

// Why a command stopped, and with which exit status.
struct CommandFailure {
    int exit_status = exit_failure;
    std::string message;
};

template <class T>
using CommandResult = Result<T, CommandFailure>;

auto usage_failure(ArgumentError error) -> Unexpected<CommandFailure>;
auto usage_failure(std::string message) -> Unexpected<CommandFailure>;
auto store_failure(const storage::StoreFailure& failure) -> Unexpected<CommandFailure>;
// `what` prefixes the store's message: "--tenant: tenant 'x' not found".
auto store_failure(std::string_view what, const storage::StoreFailure& failure)
    -> Unexpected<CommandFailure>;

// Prints "error: <message>" on `err` and returns the failure's exit status.
auto report(std::ostream& err, const CommandFailure& failure) -> int;

// Opens (and on first use creates) the database and key file the global options name.
auto open_store(const GlobalOptions& global) -> CommandResult<std::unique_ptr<storage::Store>>;

// An id or a unique name; the failure names `option`.
auto resolve_tenant(storage::Store& store, std::string_view option, std::string_view id_or_name)
    -> CommandResult<storage::Tenant>;
// The tenant id a `--tenant` filter names, or nullopt (every tenant) when it is absent.
auto resolve_tenant_scope(storage::Store& store, const std::optional<std::string>& tenant)
    -> CommandResult<std::optional<std::string>>;
// Tenant names by id, for the TENANT column of the list commands.
auto tenant_names(storage::Store& store) -> CommandResult<std::map<std::string, std::string>>;
auto resolve_application(storage::Store& store, std::string_view option,
                         std::string_view id_or_name) -> CommandResult<storage::Application>;
// Within the tenant that owns the device's application.
auto resolve_device_profile(storage::Store& store, std::string_view option,
                            std::string_view id_or_name, const storage::Tenant& tenant)
    -> CommandResult<storage::DeviceProfile>;

}  // namespace hortillon::cli
