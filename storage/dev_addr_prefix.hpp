#pragma once
// A DevAddr range written as base/bits, e.g. 26011000/20: the first 20 bits are fixed and the
// remaining 12 (4096 addresses) are free. A tenant's prefix keeps a commune's devices together.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lorawan/identifiers.hpp"

namespace hortillon::storage {

struct DevAddrPrefix {
    lorawan::DevAddr base{};  // the host bits (below `bits`) are zero
    std::uint8_t bits = 0;    // 0..32

    // "26011000/20": 8 hex digits, a slash, 0..32. nullopt for anything else, including a base
    // with host bits set ("26011001/20"), which is more likely a typo than a wish.
    static auto parse(std::string_view text) -> std::optional<DevAddrPrefix>;
    [[nodiscard]] auto to_string() const -> std::string;

    [[nodiscard]] auto first() const -> lorawan::DevAddr { return base; }
    [[nodiscard]] auto last() const -> lorawan::DevAddr;
    [[nodiscard]] auto size() const -> std::uint64_t { return std::uint64_t{1} << (32 - bits); }
    [[nodiscard]] auto contains(lorawan::DevAddr address) const -> bool;

    auto operator==(const DevAddrPrefix&) const -> bool = default;
};

}  // namespace hortillon::storage
