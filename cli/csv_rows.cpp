#include "cli/csv_rows.hpp"

namespace hortillon::cli {

namespace {
auto is_blank(char c) -> bool {
    return c == ' ' || c == '\t';
}

auto trim(std::string_view text) -> std::string_view {
    while (!text.empty() && is_blank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_blank(text.back()))
        text.remove_suffix(1);
    return text;
}
}  // namespace

auto split_csv_line(std::string_view line) -> std::optional<std::vector<std::string>> {
    std::vector<std::string> fields;
    std::size_t position = 0;
    while (true) {
        while (position < line.size() && is_blank(line[position]))
            ++position;
        if (position < line.size() && line[position] == '"') {
            std::string field;
            ++position;
            while (true) {
                if (position >= line.size())
                    return std::nullopt;  // unterminated quote
                if (line[position] == '"') {
                    if (position + 1 < line.size() && line[position + 1] == '"') {
                        field += '"';
                        position += 2;
                        continue;
                    }
                    ++position;
                    break;
                }
                field += line[position++];
            }
            while (position < line.size() && is_blank(line[position]))
                ++position;
            if (position < line.size() && line[position] != ',')
                return std::nullopt;  // text after the closing quote
            fields.push_back(std::move(field));
        } else {
            const std::size_t comma = line.find(',', position);
            const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
            fields.emplace_back(trim(line.substr(position, end - position)));
            position = end;
        }
        if (position >= line.size())
            return fields;
        ++position;  // the comma
    }
}

auto is_skipped_csv_line(std::string_view line) -> bool {
    const std::string_view text = trim(line);
    return text.empty() || text.front() == '#';
}

}  // namespace hortillon::cli
