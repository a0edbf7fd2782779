// `hortillon codec import`: check a JavaScript codec in a worker, then store it.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "cli/codec_commands.hpp"
#include "cli/codec_registry.hpp"
#include "codecs/builtin.hpp"
#include "codecs/js/javascript_codec.hpp"

namespace hortillon::cli {

namespace {
constexpr std::size_t max_id_length = 64;
// Larger files are refused: the biggest device-repository codecs are a few hundred kilobytes.
constexpr std::uintmax_t max_source_size = 4 * 1024 * 1024;

auto check_id(std::string_view id) -> CommandResult<void> {
    const bool valid_characters = std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
    });
    if (id.empty() || id.size() > max_id_length || !valid_characters)
        return usage_failure("--id: expected 1 to 64 letters, digits, '-', '_' or '.', got '" +
                             std::string(id) + "'");
    if (codecs::make_builtin_registry().find(id) != nullptr)
        return usage_failure("--id: '" + std::string(id) +
                             "' is a built-in codec; choose another id");
    return {};
}

auto read_source(const std::string& path) -> CommandResult<std::string> {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error)
        return usage_failure("FILE: cannot read '" + path + "': " + error.message());
    if (size > max_source_size)
        return usage_failure("FILE: '" + path + "' is larger than 4 MB");
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    if (!file)
        return usage_failure("FILE: cannot read '" + path + "'");
    return text.str();
}

auto stored_codec(const CodecImportOptions& options, std::string source,
                  const codecs::js::CodecFunctions& functions) -> storage::StoredCodec {
    return storage::StoredCodec{.id = options.id,
                                .source = std::move(source),
                                .vendor = options.vendor,
                                .device = options.device,
                                .family = options.family,
                                .encodes_downlink = functions.encode_downlink,
                                .decodes_downlink = functions.decode_downlink,
                                .imported_at = {}};
}

auto import_codec(const GlobalOptions& global, const CodecImportOptions& options, std::ostream& err)
    -> CommandResult<void> {
    if (auto id = check_id(options.id); !id)
        return id;
    if (options.family && !parse_family(*options.family))
        return usage_failure("--family: expected bin, water-meter or water-level, got '" +
                             *options.family + "'");
    auto source = read_source(options.file);
    if (!source)
        return Unexpected{source.error()};
    codecs::js::CodecWorkerPool pool(javascript_runtime_options(CodecsConfig{}));
    auto functions = codecs::js::check_javascript_codec(pool, options.id, *source);
    if (!functions)
        return Unexpected{CommandFailure{
            exit_failure, options.file + ": the codec does not load: " + functions.error()}};
    if (!functions->decode_uplink)
        return Unexpected{CommandFailure{
            exit_failure, options.file + ": the codec defines no decodeUplink function"}};
    auto store = open_store(global);
    if (!store)
        return Unexpected{store.error()};
    auto replaced = (*store)->save_codec(stored_codec(options, std::move(*source), *functions));
    if (!replaced)
        return store_failure(replaced.error());
    if (*replaced)
        err << "replaced the codec '" << options.id << "' imported before\n";
    return {};
}
}  // namespace

auto run_codec_import(const GlobalOptions& global, const CodecImportOptions& options,
                      std::ostream& out, std::ostream& err) -> int {
    auto imported = import_codec(global, options, err);
    if (!imported)
        return report(err, imported.error());
    out << options.id << '\n';
    return exit_success;
}

}  // namespace hortillon::cli
