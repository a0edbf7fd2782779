#include "vector_files.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

#include "lorawan/bytes.hpp"

namespace hortillon::codecs::test {

namespace {

namespace fs = std::filesystem;

constexpr const char* folders[] = {"vectors", "vectors-generated"};

auto codec_folder(const std::string& folder) -> fs::path {
    return fs::path(HORTILLON_TEST_DATA) / "codecs" / folder;
}

auto sorted_files(const fs::path& folder) -> std::vector<fs::path> {
    std::vector<fs::path> files;
    for (const auto& item : fs::directory_iterator(folder)) {
        if (item.path().extension() == ".json")
            files.push_back(item.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

auto variant_codec_id(const CodecRegistry& registry, const nlohmann::json& file,
                      const nlohmann::json& entry, const std::string& file_id) -> std::string {
    if (!entry.contains("codec_js") || !file.contains("vendor"))
        return file_id;
    const std::string stem = fs::path(entry["codec_js"].get<std::string>()).stem().string();
    const std::string variant = file["vendor"].get<std::string>() + "-" + stem;
    return registry.find(variant) != nullptr ? variant : file_id;
}

auto load(const CodecRegistry& registry) -> std::vector<VectorEntry> {
    std::vector<VectorEntry> entries;
    for (const std::string folder : folders) {
        for (const auto& path : sorted_files(codec_folder(folder))) {
            std::ifstream in(path);
            const auto file = nlohmann::json::parse(in);
            const std::string id = path.stem().string();
            std::size_t index = 0;
            for (const auto& entry : file.at("examples")) {
                entries.push_back(
                    {folder, id, variant_codec_id(registry, file, entry, id), index++, entry});
            }
        }
    }
    return entries;
}

}  // namespace

auto VectorEntry::name() const -> std::string {
    return folder + "/" + file + ".json #" + std::to_string(index) + " [" + codec_id + "] " +
           entry.value("routine", "?") + ": " + entry.value("description", "");
}

auto VectorEntry::short_name() const -> std::string {
    return folder + "/" + file + ".json #" + std::to_string(index);
}

auto VectorEntry::bytes() const -> std::vector<std::uint8_t> {
    const auto decoded = lorawan::from_hex(entry.value("bytes", ""));
    if (!decoded)
        throw std::runtime_error("bad hex in " + name());
    return *decoded;
}

auto load_vector_entries(const CodecRegistry& registry) -> const std::vector<VectorEntry>& {
    // Loaded once per test run; every registry built by make_builtin_registry() maps the same ids.
    static const std::vector<VectorEntry> entries = load(registry);
    return entries;
}

auto vector_file_ids() -> std::vector<std::string> {
    std::set<std::string> ids;
    for (const std::string folder : folders) {
        for (const auto& path : sorted_files(codec_folder(folder)))
            ids.insert(path.stem().string());
    }
    return {ids.begin(), ids.end()};
}

}  // namespace hortillon::codecs::test
