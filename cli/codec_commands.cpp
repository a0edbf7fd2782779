#include "cli/codec_commands.hpp"

#include <charconv>
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/codec_registry.hpp"
#include "cli/table.hpp"
#include "codecs/builtin.hpp"
#include "lorawan/bytes.hpp"

namespace hortillon::cli {

namespace {
using nlohmann::json;

// One line, and never a throw on a string a codec built from device bytes.
auto dump_line(const json& value) -> std::string {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

auto quoted(std::string_view text) -> std::string {
    std::string result;  // piece by piece: g++ 12 warns wrongly (-Wrestrict) about "'" + string
    result += '\'';
    result += text;
    result += '\'';
    return result;
}

auto kind_name(codecs::CodecKind kind) -> std::string {
    return kind == codecs::CodecKind::native ? "native" : "js";
}

auto find_codec(const codecs::CodecRegistry& registry, std::string_view id)
    -> CommandResult<const codecs::Codec*> {
    if (const codecs::Codec* codec = registry.find(id))
        return codec;
    std::string message = "CODEC_ID: unknown codec " + quoted(id) + "; known codecs:";
    for (const codecs::CodecInfo& info : registry.list())
        message += "\n  " + info.id + "  (" + info.vendor + " " + info.device + ")";
    return usage_failure(std::move(message));
}

auto parse_f_port(std::string_view text) -> CommandResult<std::uint8_t> {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < 1 ||
        value > 255)
        return usage_failure("--fport: expected a number from 1 to 255, got " + quoted(text));
    return static_cast<std::uint8_t>(value);
}

auto parse_payload(std::string_view text) -> CommandResult<lorawan::Bytes> {
    auto bytes = lorawan::from_hex(text);
    if (!bytes)
        return usage_failure("HEX: expected pairs of hex digits, got " + quoted(text));
    return std::move(*bytes);
}

// The encodeDownlink input: an object, wrapped into {"data": ...} when it has no "data" key.
auto parse_encode_input(const std::string& text) -> CommandResult<json> {
    json input;
    try {  // nlohmann reports where the text stops parsing only through its exception
        input = json::parse(text);
    } catch (const json::parse_error& error) {
        // what() starts with "[json.exception.parse_error.101] ", which tells an operator nothing.
        const std::string_view what = error.what();
        const auto tag_end = what.find("] ");
        return usage_failure("JSON: not valid JSON: " +
                             std::string(tag_end == what.npos ? what : what.substr(tag_end + 2)));
    }
    if (!input.is_object())
        return usage_failure("JSON: expected an object such as {\"data\": {...}}, got " +
                             std::string(input.type_name()));
    if (!input.contains("data"))
        return json{{"data", std::move(input)}};
    return input;
}

// {"data"} with "warnings" and "errors" only when there are some.
auto decode_output(const codecs::CodecResult& result) -> json {
    json out = json::object();
    if (!result.data.is_null())
        out["data"] = result.data;
    if (!result.warnings.empty())
        out["warnings"] = result.warnings;
    if (!result.errors.empty())
        out["errors"] = result.errors;
    return out;
}

auto encode_output(const codecs::EncodeResult& result) -> json {
    json out = {{"bytes", lorawan::to_hex(result.bytes)}, {"fPort", result.f_port}};
    if (!result.warnings.empty())
        out["warnings"] = result.warnings;
    return out;
}

// One "error: <codec>: <message>" line per codec error; the exit status of a failed run.
auto report_codec_errors(std::ostream& err, const std::string& codec_id,
                         const std::vector<std::string>& errors) -> int {
    for (const std::string& error : errors)
        err << "error: " << codec_id << ": " << error << '\n';
    return exit_failure;
}

// The codecs a command can use. The store (when there is one) is declared first, so that it
// outlives the registry that looks codecs up in it.
struct CodecSet {
    std::unique_ptr<storage::Store> store;
    codecs::CodecRegistry registry = codecs::make_builtin_registry();
};

// Built-in codecs, plus the database's JavaScript codecs when the file exists and `wanted_id`
// is not a built-in one (empty: every codec is wanted, for list).
auto open_codec_set(const GlobalOptions* global, std::string_view wanted_id)
    -> CommandResult<CodecSet> {
    CodecSet set;
    if (global == nullptr || (!wanted_id.empty() && set.registry.find(wanted_id) != nullptr))
        return set;
    std::error_code ignored;
    if (!std::filesystem::exists(global->database_path(), ignored))
        return set;
    auto store = open_store(*global);
    if (!store)
        return Unexpected{store.error()};
    set.store = std::move(*store);
    set.registry = make_codec_registry(*set.store, std::make_shared<codecs::js::CodecWorkerPool>(
                                                       javascript_runtime_options(CodecsConfig{})));
    return set;
}

auto list_codecs(const CodecSet& set, std::ostream& out, std::ostream& err) -> int {
    Table table({"ID", "VENDOR", "DEVICE", "FAMILY", "KIND"});
    for (const codecs::CodecInfo& info : set.registry.list())
        table.add_row({info.id, info.vendor, info.device,
                       std::string(codecs::to_string(info.family)), kind_name(info.kind)});
    if (set.store) {
        auto stored = set.store->list_codecs();
        if (!stored)
            return report(err, CommandFailure{exit_failure, stored.error().message});
        for (const storage::StoredCodec& codec : *stored)
            table.add_row({codec.id, codec.vendor.value_or("-"), codec.device.value_or("-"),
                           codec.family.value_or("-"), "js"});
    }
    table.print(out);
    return exit_success;
}

auto decode_with(const CodecSet& set, const CodecDecodeOptions& options, std::ostream& out,
                 std::ostream& err) -> int;
auto encode_with(const CodecSet& set, const CodecEncodeOptions& options, std::ostream& out,
                 std::ostream& err) -> int;

// The codec names the port of each command; --fport may confirm it or fill in a missing one.
auto choose_f_port(codecs::EncodeResult& result, const std::optional<std::uint8_t>& requested)
    -> CommandResult<void> {
    if (!requested) {
        if (result.f_port == 0)
            return Unexpected{CommandFailure{exit_failure,
                                             "the codec names no fPort for this command; give "
                                             "--fport"}};
        return {};
    }
    if (result.f_port != 0 && result.f_port != *requested)
        return Unexpected{
            CommandFailure{exit_failure, "--fport: the codec sends this command on fPort " +
                                             std::to_string(result.f_port) + ", not " +
                                             std::to_string(*requested)}};
    result.f_port = *requested;
    return {};
}
}  // namespace

auto run_codec_list(std::ostream& out, std::ostream& err) -> int {
    return list_codecs(CodecSet{}, out, err);
}

auto run_codec_list(const GlobalOptions& global, std::ostream& out, std::ostream& err) -> int {
    auto set = open_codec_set(&global, "");
    if (!set)
        return report(err, set.error());
    return list_codecs(*set, out, err);
}

auto run_codec_decode(const CodecDecodeOptions& options, std::ostream& out, std::ostream& err)
    -> int {
    return decode_with(CodecSet{}, options, out, err);
}

auto run_codec_decode(const GlobalOptions& global, const CodecDecodeOptions& options,
                      std::ostream& out, std::ostream& err) -> int {
    auto set = open_codec_set(&global, options.codec_id);
    if (!set)
        return report(err, set.error());
    return decode_with(*set, options, out, err);
}

auto run_codec_encode(const CodecEncodeOptions& options, std::ostream& out, std::ostream& err)
    -> int {
    return encode_with(CodecSet{}, options, out, err);
}

auto run_codec_encode(const GlobalOptions& global, const CodecEncodeOptions& options,
                      std::ostream& out, std::ostream& err) -> int {
    auto set = open_codec_set(&global, options.codec_id);
    if (!set)
        return report(err, set.error());
    return encode_with(*set, options, out, err);
}

namespace {
auto decode_with(const CodecSet& set, const CodecDecodeOptions& options, std::ostream& out,
                 std::ostream& err) -> int {
    const codecs::CodecRegistry& registry = set.registry;
    auto codec = find_codec(registry, options.codec_id);
    if (!codec)
        return report(err, codec.error());
    auto f_port = parse_f_port(options.f_port);
    if (!f_port)
        return report(err, f_port.error());
    auto bytes = parse_payload(options.hex);
    if (!bytes)
        return report(err, bytes.error());
    const codecs::CodecResult result =
        (*codec)->decode_uplink(codecs::UplinkInput{.bytes = *bytes, .f_port = *f_port});
    out << dump_line(decode_output(result)) << '\n';
    if (!result.ok())
        return report_codec_errors(err, options.codec_id, result.errors);
    return exit_success;
}

auto encode_with(const CodecSet& set, const CodecEncodeOptions& options, std::ostream& out,
                 std::ostream& err) -> int {
    const codecs::CodecRegistry& registry = set.registry;
    auto codec = find_codec(registry, options.codec_id);
    if (!codec)
        return report(err, codec.error());
    std::optional<std::uint8_t> requested_f_port;
    if (options.f_port) {
        auto f_port = parse_f_port(*options.f_port);
        if (!f_port)
            return report(err, f_port.error());
        requested_f_port = *f_port;
    }
    auto input = parse_encode_input(options.json);
    if (!input)
        return report(err, input.error());
    if (!(*codec)->info().encodes_downlink)
        return report(err, CommandFailure{exit_failure, "codec '" + options.codec_id +
                                                            "' has no downlink encoder"});
    codecs::EncodeResult result = (*codec)->encode_downlink(*input);
    if (!result.ok())
        return report_codec_errors(err, options.codec_id, result.errors);
    if (auto chosen = choose_f_port(result, requested_f_port); !chosen)
        return report(err, chosen.error());
    out << dump_line(encode_output(result)) << '\n';
    return exit_success;
}
}  // namespace

}  // namespace hortillon::cli
