#include "app-server/event_ids.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "lorawan/bytes.hpp"

namespace hortillon::app_server {

auto EventIds::take(std::size_t count) -> std::span<const std::uint8_t> {
    if (block_.size() - taken_ < count) {
        randombytes_buf(block_.data(), block_.size());
        taken_ = 0;
    }
    const std::span<const std::uint8_t> bytes(block_.data() + taken_, count);
    taken_ += count;
    return bytes;
}

auto EventIds::uuid_v4() -> std::string {
    std::array<std::uint8_t, 16> bytes{};
    std::ranges::copy(take(bytes.size()), bytes.begin());
    return lorawan::uuid_v4_text(bytes);
}

auto EventIds::u32() -> std::uint32_t {
    std::uint32_t value = 0;
    for (const std::uint8_t byte : take(sizeof value))
        value = (value << 8) | byte;
    return value;
}

auto rfc3339_text(std::chrono::system_clock::time_point time) -> Rfc3339Text {
    using namespace std::chrono;
    const auto since_epoch = duration_cast<nanoseconds>(time.time_since_epoch());
    const auto day = floor<days>(since_epoch);
    const year_month_day date{sys_days{day}};
    const hh_mm_ss clock{since_epoch - day};
    // Written digit by digit: snprintf took 1.6 % of the uplink thread, for every event.
    Rfc3339Text result;
    auto& text = result.chars;  // YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ
    text.fill('0');
    const auto put = [&text](std::size_t end, long long value) {
        for (std::size_t i = end; value > 0; value /= 10)
            text[--i] = static_cast<char>('0' + value % 10);
    };
    put(4, static_cast<int>(date.year()));  // 1678 to 2262: the range of nanosecond times
    text[4] = '-';
    put(7, static_cast<unsigned>(date.month()));
    text[7] = '-';
    put(10, static_cast<unsigned>(date.day()));
    text[10] = 'T';
    put(13, clock.hours().count());
    text[13] = ':';
    put(16, clock.minutes().count());
    text[16] = ':';
    put(19, clock.seconds().count());
    text[19] = '.';
    put(29, clock.subseconds().count());
    text[29] = 'Z';
    return result;
}

}  // namespace hortillon::app_server
