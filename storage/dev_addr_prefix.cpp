#include "storage/dev_addr_prefix.hpp"

#include <charconv>

namespace hortillon::storage {

namespace {
auto host_mask(std::uint8_t bits) -> std::uint32_t {
    return bits == 0 ? 0xffffffffU
                     : static_cast<std::uint32_t>((std::uint64_t{1} << (32 - bits)) - 1);
}
}  // namespace

auto DevAddrPrefix::parse(std::string_view text) -> std::optional<DevAddrPrefix> {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos)
        return std::nullopt;
    const auto base = lorawan::DevAddr::parse(text.substr(0, slash));
    const std::string_view digits = text.substr(slash + 1);
    unsigned bits = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
    if (!base || digits.empty() || error != std::errc{} || end != digits.data() + digits.size() ||
        bits > 32)
        return std::nullopt;
    const DevAddrPrefix prefix{*base, static_cast<std::uint8_t>(bits)};
    if ((base->value & host_mask(prefix.bits)) != 0)
        return std::nullopt;
    return prefix;
}

auto DevAddrPrefix::to_string() const -> std::string {
    return base.to_string() + "/" + std::to_string(bits);
}

auto DevAddrPrefix::last() const -> lorawan::DevAddr {
    return lorawan::DevAddr{base.value | host_mask(bits)};
}

auto DevAddrPrefix::contains(lorawan::DevAddr address) const -> bool {
    return (address.value & ~host_mask(bits)) == base.value;
}

}  // namespace hortillon::storage
