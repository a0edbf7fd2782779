#pragma once
// The small CSV dialect of `device import`: one record per line, fields separated by commas,
// a field optionally in double quotes (a quote inside is doubled: ""). Spaces around unquoted
// fields are dropped. Quoted fields cannot span lines: device rows never need that.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hortillon::cli {

// The fields of one line (without its line ending); nullopt when a quote is not closed or is
// followed by something other than a comma.
auto split_csv_line(std::string_view line) -> std::optional<std::vector<std::string>>;

// A line to skip: empty, only spaces, or starting with '#' (after spaces).
auto is_skipped_csv_line(std::string_view line) -> bool;

}  // namespace hortillon::cli
