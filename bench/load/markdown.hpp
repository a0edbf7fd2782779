#pragma once
// Number formats for the markdown tables the load generator prints.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace hortillon::bench {

// 12,345 (rounded to an integer).
auto thousands(double value) -> std::string;
auto thousands(std::uint64_t value) -> std::string;
// Milliseconds with one decimal: "212.4".
auto milliseconds(std::chrono::microseconds value) -> std::string;
// "99.5 %" of part/whole, or "-" when whole is 0.
auto percent(std::uint64_t part, std::uint64_t whole) -> std::string;
auto fixed(double value, int decimals) -> std::string;
auto join(const std::vector<std::string>& parts, const std::string& separator) -> std::string;

}  // namespace hortillon::bench
