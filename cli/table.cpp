#include "cli/table.hpp"

#include <algorithm>
#include <ctime>
#include <ostream>

namespace hortillon::cli {

namespace {
// Characters, not bytes: UTF-8 continuation bytes (10xxxxxx) take no column.
auto display_width(const std::string& text) -> std::size_t {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xc0U) != 0x80U;
    }));
}
}  // namespace

Table::Table(std::vector<std::string> header) : header_(std::move(header)) {}

void Table::add_row(std::vector<std::string> cells) {
    cells.resize(header_.size());
    rows_.push_back(std::move(cells));
}

void Table::print(std::ostream& out) const {
    std::vector<std::size_t> widths(header_.size());
    for (std::size_t column = 0; column < header_.size(); ++column)
        widths[column] = display_width(header_[column]);
    for (const auto& row : rows_)
        for (std::size_t column = 0; column < row.size(); ++column)
            widths[column] = std::max(widths[column], display_width(row[column]));

    const auto print_row = [&](const std::vector<std::string>& row) {
        std::string line;
        for (std::size_t column = 0; column < row.size(); ++column) {
            line += row[column];
            if (column + 1 < row.size())
                line.append(widths[column] - display_width(row[column]) + 2, ' ');
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out << line << '\n';
    };
    print_row(header_);
    for (const auto& row : rows_)
        print_row(row);
}

auto format_timestamp(storage::Timestamp time) -> std::string {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    const std::size_t size = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return std::string(text, size);
}

}  // namespace hortillon::cli
