#include "gateway-bridge/utc_time.hpp"

#include <cstdint>
#include <cstdio>

namespace hortillon::gateway_bridge {

namespace {

using namespace std::chrono;

// Reads fixed-width fields left to right; any mismatch makes the whole parse fail.
class TextCursor {
  public:
    explicit TextCursor(std::string_view text) : text_(text) {}

    auto digits(std::size_t width, int& out) -> bool {
        if (text_.size() - at_ < width)
            return false;
        out = 0;
        for (std::size_t i = 0; i < width; ++i) {
            char c = text_[at_ + i];
            if (c < '0' || c > '9')
                return false;
            out = out * 10 + (c - '0');
        }
        at_ += width;
        return true;
    }
    auto literal(std::string_view expected) -> bool {
        if (text_.substr(at_).substr(0, expected.size()) != expected)
            return false;
        at_ += expected.size();
        return true;
    }
    // Up to nine fraction digits after a '.', as nanoseconds; absent fraction is zero.
    auto fraction(nanoseconds& out) -> bool {
        out = nanoseconds{0};
        if (!literal("."))
            return true;
        std::int64_t value = 0;
        std::size_t count = 0;
        while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') {
            if (++count > 9)
                return false;
            value = value * 10 + (text_[at_++] - '0');
        }
        if (count == 0)
            return false;
        for (auto i = count; i < 9; ++i)
            value *= 10;
        out = nanoseconds{value};
        return true;
    }
    [[nodiscard]] auto done() const -> bool { return at_ == text_.size(); }

  private:
    std::string_view text_;
    std::size_t at_ = 0;
};

// "YYYY-MM-DD" `separator` "hh:mm:ss" into a time point; the cursor is left after the seconds.
auto date_and_time(TextCursor& in, std::string_view separator) -> std::optional<UtcTime> {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (!(in.digits(4, y) && in.literal("-") && in.digits(2, mo) && in.literal("-") &&
          in.digits(2, d) && in.literal(separator) && in.digits(2, h) && in.literal(":") &&
          in.digits(2, mi) && in.literal(":") && in.digits(2, s))) {
        return std::nullopt;
    }
    year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    // The year range keeps the nanosecond system_clock far from overflow (it spans 1678..2262).
    if (!date.ok() || y < 1970 || y > 2200 || h > 23 || mi > 59 || s > 60)
        return std::nullopt;
    return UtcTime{sys_days{date}} + hours{h} + minutes{mi} + seconds{s};
}

}  // namespace

auto parse_compact_time(std::string_view text) -> std::optional<UtcTime> {
    TextCursor in{text};
    auto time = date_and_time(in, "T");
    nanoseconds fraction{};
    if (!time || !in.fraction(fraction))
        return std::nullopt;
    if (!(in.literal("Z") || in.literal("+00:00")) || !in.done())
        return std::nullopt;
    return *time + duration_cast<system_clock::duration>(fraction);
}

auto parse_expanded_time(std::string_view text) -> std::optional<UtcTime> {
    TextCursor in{text};
    auto time = date_and_time(in, " ");
    if (!time)
        return parse_compact_time(text);
    if (!(in.literal(" GMT") || in.literal(" UTC")) || !in.done())
        return std::nullopt;
    return time;
}

auto format_compact_time(UtcTime time) -> std::string {
    auto micros = floor<microseconds>(time);
    auto day = floor<days>(micros);
    year_month_day date{day};
    hh_mm_ss clock{micros - day};
    char text[40];
    std::snprintf(
        text, sizeof text, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%06ldZ", static_cast<int>(date.year()),
        static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
        static_cast<long>(clock.hours().count()), static_cast<long>(clock.minutes().count()),
        static_cast<long>(clock.seconds().count()), static_cast<long>(clock.subseconds().count()));
    return text;
}

}  // namespace hortillon::gateway_bridge
