#include "bench/load/markdown.hpp"

#include <cmath>
#include <cstdio>

namespace hortillon::bench {

auto thousands(double value) -> std::string {
    return thousands(static_cast<std::uint64_t>(std::llround(std::max(value, 0.0))));
}

auto thousands(std::uint64_t value) -> std::string {
    const std::string digits = std::to_string(value);
    std::string text;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            text += ',';
        text += digits[i];
    }
    return text;
}

auto milliseconds(std::chrono::microseconds value) -> std::string {
    return fixed(static_cast<double>(value.count()) / 1000.0, 1);
}

auto percent(std::uint64_t part, std::uint64_t whole) -> std::string {
    if (whole == 0)
        return "-";
    return fixed(100.0 * static_cast<double>(part) / static_cast<double>(whole), 1) + " %";
}

auto fixed(double value, int decimals) -> std::string {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

auto join(const std::vector<std::string>& parts, const std::string& separator) -> std::string {
    std::string text;
    for (const auto& part : parts) {
        if (!text.empty())
            text += separator;
        text += part;
    }
    return text;
}

}  // namespace hortillon::bench
