#pragma once
// The random and clock-derived parts of events, kept apart from the pure JSON builders.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace hortillon::app_server {

// Random ids for events (deduplication ids, uplink and downlink ids) from libsodium's
// randombytes, drawn a block at a time: one system call per block instead of one per id, which
// cost 3 % of the uplink thread. Ids are not secrets; keys and tokens are drawn directly.
class EventIds {
  public:
    // A random UUID version 4 (RFC 4122 section 4.4), lowercase.
    auto uuid_v4() -> std::string;
    auto u32() -> std::uint32_t;

  private:
    auto take(std::size_t count) -> std::span<const std::uint8_t>;

    std::array<std::uint8_t, 512> block_{};
    std::size_t taken_ = block_.size();  // all taken: the first call draws a block
};

// RFC 3339 in UTC with nanoseconds: "2024-05-01T12:00:00.123456789Z", in a buffer of the
// caller's: an event writes three, and each string allocated for them cost more than the digits.
struct Rfc3339Text {
    std::array<char, 30> chars{};
    [[nodiscard]] auto view() const -> std::string_view { return {chars.data(), chars.size()}; }
};
auto rfc3339_text(std::chrono::system_clock::time_point time) -> Rfc3339Text;

}  // namespace hortillon::app_server
