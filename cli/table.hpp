#pragma once
// Aligned text output for `list` and `show` commands: a header row, then one row per item, each
// column padded to its widest cell (counted in UTF-8 characters, so commune names with accents
// line up). No trailing spaces, so the output greps and diffs cleanly.

#include <iosfwd>
#include <string>
#include <vector>

#include "storage/records.hpp"

namespace hortillon::cli {

class Table {
  public:
    explicit Table(std::vector<std::string> header);

    // Missing cells print empty; extra cells are an error of the caller and are dropped.
    void add_row(std::vector<std::string> cells);
    void print(std::ostream& out) const;

  private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
};

// UTC, to the second: "2024-05-01T12:00:00Z".
auto format_timestamp(storage::Timestamp time) -> std::string;

}  // namespace hortillon::cli
