#include "cli/device_import.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "cli/csv_rows.hpp"
#include "cli/progress.hpp"

namespace hortillon::cli {

namespace {
// Rows per create_devices call inside the one import transaction: small enough for a smooth
// progress bar, large enough that the per-call overhead does not show.
constexpr std::size_t insert_chunk = 2000;

enum class Layout : std::uint8_t { otaa, abp_1_0, abp_1_1 };

struct LayoutColumns {
    Layout layout;
    std::string_view name;
    std::vector<std::string_view> required;
    std::vector<std::string_view> optional;
};

auto layouts() -> const std::array<LayoutColumns, 3>& {
    static const std::array<LayoutColumns, 3> all{
        LayoutColumns{
            Layout::otaa, "OTAA", {"dev_eui", "name", "join_eui", "app_key"}, {"nwk_key"}},
        LayoutColumns{Layout::abp_1_0,
                      "ABP (LoRaWAN 1.0.x)",
                      {"dev_eui", "name", "dev_addr", "nwk_s_key", "app_s_key"},
                      {}},
        LayoutColumns{Layout::abp_1_1,
                      "ABP (LoRaWAN 1.1)",
                      {"dev_eui", "name", "dev_addr", "f_nwk_s_int_key", "s_nwk_s_int_key",
                       "nwk_s_enc_key", "app_s_key"},
                      {}}};
    return all;
}

struct Columns {
    Layout layout = Layout::otaa;
    std::map<std::string, std::size_t, std::less<>> index;

    [[nodiscard]] auto field(const std::vector<std::string>& row, std::string_view name) const
        -> const std::string* {
        const auto found = index.find(name);
        return found == index.end() ? nullptr : &row[found->second];
    }
};

struct SourceLine {
    std::size_t number = 0;  // 1-based, as an editor shows it
    std::string_view text;
};

struct Rejection {
    std::size_t line = 0;
    std::string reason;
};

// The rows to insert, with the line each came from.
struct CheckedRows {
    std::vector<storage::NewDevice> devices;
    std::vector<std::size_t> lines;
    std::vector<Rejection> rejections;
};

auto lower_trimmed(std::string_view text) -> std::string {
    std::string result;
    for (const char c : text)
        if (c != ' ' && c != '\t')
            result += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return result;
}

// Every line that is not blank or a comment, without line endings or a UTF-8 byte order mark.
auto content_lines(std::string_view text) -> std::vector<SourceLine> {
    if (text.starts_with("\xef\xbb\xbf"))
        text.remove_prefix(3);
    std::vector<SourceLine> lines;
    std::size_t number = 0;
    while (!text.empty()) {
        ++number;
        const std::size_t end = std::min(text.find('\n'), text.size());
        std::string_view line = text.substr(0, end);
        text.remove_prefix(std::min(end + 1, text.size()));
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        if (!is_skipped_csv_line(line))
            lines.push_back(SourceLine{number, line});
    }
    return lines;
}

auto expected_headers() -> std::string {
    std::string text;
    for (const LayoutColumns& layout : layouts()) {
        text.append("\n  ").append(layout.name).append(": ");
        const char* separator = "";
        for (const std::string_view column : layout.required) {
            text.append(separator).append(column);
            separator = ",";
        }
        for (const std::string_view column : layout.optional)
            text.append("[,").append(column).append("]");
    }
    return text;
}

// The layout whose columns the header names exactly (optional ones allowed).
auto match_layout(const std::map<std::string, std::size_t, std::less<>>& index)
    -> const LayoutColumns* {
    for (const LayoutColumns& layout : layouts()) {
        const bool has_required = std::all_of(layout.required.begin(), layout.required.end(),
                                              [&](auto name) { return index.contains(name); });
        const std::size_t optional = std::count_if(layout.optional.begin(), layout.optional.end(),
                                                   [&](auto name) { return index.contains(name); });
        if (has_required && index.size() == layout.required.size() + optional)
            return &layout;
    }
    return nullptr;
}

auto parse_header(const SourceLine& line, const storage::DeviceProfile& profile)
    -> ArgumentResult<Columns> {
    const std::string where = "line " + std::to_string(line.number) + " (header): ";
    auto names = split_csv_line(line.text);
    if (!names)
        return Unexpected{ArgumentError{where + "a quote is not closed"}};
    Columns columns;
    for (std::size_t position = 0; position < names->size(); ++position) {
        const std::string name = lower_trimmed((*names)[position]);
        if (!columns.index.emplace(name, position).second)
            return Unexpected{ArgumentError{where + "column '" + name + "' appears twice"}};
    }
    const LayoutColumns* layout = match_layout(columns.index);
    if (layout == nullptr)
        return Unexpected{
            ArgumentError{where + "the columns '" + std::string(line.text) +
                          "' are not one of the accepted forms:" + expected_headers()}};
    columns.layout = layout->layout;
    const bool lorawan_1_1 = lorawan::is_lorawan_1_1(profile.mac_version);
    if (columns.layout != Layout::otaa && (columns.layout == Layout::abp_1_1) != lorawan_1_1)
        return Unexpected{ArgumentError{
            where + "device profile '" + profile.name + "' is LoRaWAN " +
            std::string(lorawan::to_string(profile.mac_version)) + ": ABP rows need the " +
            (lorawan_1_1 ? "f_nwk_s_int_key,s_nwk_s_int_key,nwk_s_enc_key" : "nwk_s_key") +
            " columns"}};
    return columns;
}

// Reads the fields of one row by column name, collecting every problem instead of stopping at
// the first, so the operator fixes a row in one go.
class RowReader {
  public:
    RowReader(const Columns& columns, const std::vector<std::string>& row)
        : columns_(columns), row_(row) {}

    [[nodiscard]] auto text(std::string_view column) const -> const std::string* {
        return columns_.field(row_, column);
    }
    void note(const ArgumentError& error) {
        problems_ += (problems_.empty() ? "" : "; ") + error.message;
    }
    template <class T>
    auto take(ArgumentResult<T> parsed, T fallback) -> T {
        if (!parsed) {
            note(parsed.error());
            return fallback;
        }
        return *parsed;
    }
    auto eui(std::string_view column) -> lorawan::Eui64 {
        return take(parse_eui_argument(column, *text(column)), lorawan::Eui64{});
    }
    auto key(std::string_view column) -> lorawan::AesKey {
        return take(parse_key_argument(column, *text(column)), lorawan::AesKey{});
    }
    [[nodiscard]] auto problems() const -> const std::string& { return problems_; }

  private:
    const Columns& columns_;
    const std::vector<std::string>& row_;
    std::string problems_;
};

auto read_otaa_keys(RowReader& reader, const storage::DeviceProfile& profile) -> storage::OtaaKeys {
    storage::OtaaKeys keys{reader.eui("join_eui"), reader.key("app_key"), std::nullopt};
    const std::string* nwk_key = reader.text("nwk_key");
    if (nwk_key == nullptr || nwk_key->empty())
        return keys;
    if (lorawan::is_lorawan_1_1(profile.mac_version))
        keys.nwk_key = reader.key("nwk_key");
    else
        reader.note(ArgumentError{"nwk_key: a LoRaWAN 1.1 root key, but device profile '" +
                                  profile.name + "' is LoRaWAN " +
                                  std::string(lorawan::to_string(profile.mac_version))});
    return keys;
}

auto read_abp_activation(RowReader& reader, Layout layout) -> storage::AbpActivation {
    const lorawan::DevAddr dev_addr = reader.take(
        parse_dev_addr_argument("dev_addr", *reader.text("dev_addr")), lorawan::DevAddr{});
    if (layout == Layout::abp_1_1)
        return {dev_addr,
                {reader.key("f_nwk_s_int_key"), reader.key("s_nwk_s_int_key"),
                 reader.key("nwk_s_enc_key"), reader.key("app_s_key")}};
    // 1.0.x: the NwkSKey stands in all three network roles.
    const lorawan::AesKey nwk_s_key = reader.key("nwk_s_key");
    return {dev_addr, {nwk_s_key, nwk_s_key, nwk_s_key, reader.key("app_s_key")}};
}

// One row's device, or every problem of the row joined by "; ".
auto parse_row(const Columns& columns, const std::vector<std::string>& row,
               const storage::Device& template_device, const storage::DeviceProfile& profile)
    -> ArgumentResult<storage::NewDevice> {
    if (row.size() != columns.index.size())
        return Unexpected{ArgumentError{"expected " + std::to_string(columns.index.size()) +
                                        " fields, got " + std::to_string(row.size())}};
    RowReader reader(columns, row);
    storage::NewDevice result{.device = template_device};
    result.device.dev_eui = reader.eui("dev_eui");
    result.device.name =
        reader.take(require_non_empty("name", *reader.text("name")), std::string());
    if (columns.layout == Layout::otaa)
        result.device.otaa = read_otaa_keys(reader, profile);
    else
        result.abp = read_abp_activation(reader, columns.layout);
    if (!reader.problems().empty())
        return Unexpected{ArgumentError{reader.problems()}};
    return result;
}

// Every row checked; a store failure other than "not found" stops the import.
auto check_rows(storage::Store& store, const std::vector<SourceLine>& lines, const Columns& columns,
                const storage::Device& template_device, const storage::DeviceProfile& profile,
                ProgressReport& progress) -> CommandResult<CheckedRows> {
    CheckedRows checked;
    checked.devices.reserve(lines.size());
    std::unordered_map<std::uint64_t, std::size_t> first_line;  // DevEUI -> line
    for (std::size_t index = 0; index < lines.size(); ++index) {
        const SourceLine& line = lines[index];
        progress.update(index);
        auto fields = split_csv_line(line.text);
        if (!fields) {
            checked.rejections.push_back({line.number, "a quote is not closed"});
            continue;
        }
        auto device = parse_row(columns, *fields, template_device, profile);
        if (!device) {
            checked.rejections.push_back({line.number, device.error().message});
            continue;
        }
        const lorawan::Eui64 dev_eui = device->device.dev_eui;
        const auto [seen, fresh] = first_line.emplace(dev_eui.value, line.number);
        if (!fresh) {
            checked.rejections.push_back({line.number, "dev_eui " + dev_eui.to_string() +
                                                           " already appears on line " +
                                                           std::to_string(seen->second)});
            continue;
        }
        auto existing = store.get_device(dev_eui);
        if (existing) {
            checked.rejections.push_back(
                {line.number, "device " + dev_eui.to_string() + " already exists"});
            continue;
        }
        if (existing.error().code != storage::StoreError::not_found)
            return store_failure(existing.error());
        checked.devices.push_back(std::move(*device));
        checked.lines.push_back(line.number);
    }
    progress.finish();
    return checked;
}

// All rows in one transaction, fed in chunks so that the progress moves.
auto insert_rows(storage::Store& store, const CheckedRows& checked, ProgressReport& progress)
    -> CommandResult<std::size_t> {
    auto transaction = store.begin_transaction();
    if (!transaction)
        return store_failure(transaction.error());
    const std::span<const storage::NewDevice> devices(checked.devices);
    for (std::size_t start = 0; start < devices.size(); start += insert_chunk) {
        progress.update(start);
        const std::size_t count = std::min(insert_chunk, devices.size() - start);
        auto created = store.create_devices(devices.subspan(start, count));
        if (!created)
            return store_failure("nothing was imported; in the rows from line " +
                                     std::to_string(checked.lines[start]),
                                 created.error());
    }
    if (auto committed = transaction->commit(); !committed)
        return store_failure("nothing was imported", committed.error());
    progress.finish();
    return devices.size();
}

auto read_file(const std::string& path) -> CommandResult<std::string> {
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return usage_failure(path + ": cannot be opened");
    std::ostringstream text;
    text << file.rdbuf();
    if (file.bad())
        return Unexpected{CommandFailure{exit_failure, path + ": read failed"}};
    return std::move(text).str();
}

auto import_devices(const GlobalOptions& global, const DeviceImportOptions& options,
                    std::ostream& err) -> CommandResult<std::size_t> {
    auto text = read_file(options.file);
    if (!text)
        return Unexpected{text.error()};
    auto store = open_store(global);
    if (!store)
        return Unexpected{store.error()};
    auto application = resolve_application(**store, "--application", options.application);
    if (!application)
        return Unexpected{application.error()};
    auto tenant = (*store)->find_tenant(application->tenant_id);
    if (!tenant)
        return store_failure(tenant.error());
    auto profile =
        resolve_device_profile(**store, "--device-profile", options.device_profile, *tenant);
    if (!profile)
        return Unexpected{profile.error()};

    const std::vector<SourceLine> lines = content_lines(*text);
    if (lines.empty())
        return usage_failure(options.file + ": no header line (see --help for the columns)");
    auto columns = parse_header(lines.front(), *profile);
    if (!columns)
        return usage_failure(options.file + ": " + columns.error().message);
    const std::vector<SourceLine> rows(lines.begin() + 1, lines.end());

    const storage::Device template_device{.application_id = application->id,
                                          .device_profile_id = profile->id};
    ProgressReport checking(err, options.progress_bar, "checking", rows.size());
    auto checked = check_rows(**store, rows, *columns, template_device, *profile, checking);
    if (!checked)
        return Unexpected{checked.error()};
    if (!checked->rejections.empty()) {
        for (const Rejection& rejection : checked->rejections)
            err << options.file << ": line " << rejection.line << ": " << rejection.reason << '\n';
        return Unexpected{CommandFailure{exit_failure, std::to_string(checked->rejections.size()) +
                                                           " of " + std::to_string(rows.size()) +
                                                           " rows rejected in " + options.file +
                                                           "; nothing was imported"}};
    }
    ProgressReport importing(err, options.progress_bar, "importing", rows.size());
    return insert_rows(**store, *checked, importing);
}
}  // namespace

auto run_device_import(const GlobalOptions& global, const DeviceImportOptions& options,
                       std::ostream& out, std::ostream& err) -> int {
    auto imported = import_devices(global, options, err);
    if (!imported)
        return report(err, imported.error());
    out << *imported << '\n';
    return exit_success;
}

}  // namespace hortillon::cli
