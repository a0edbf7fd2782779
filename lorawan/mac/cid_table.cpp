// Compile-time checks of mac_command_table; the table itself is constexpr data in the header.

#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {
namespace {

// A (CID, direction) pair on two rows would make one of them unreachable when decoding.
consteval auto rows_are_unique() -> bool {
    for (std::size_t a = 0; a < mac_command_table.size(); ++a) {
        for (std::size_t b = a + 1; b < mac_command_table.size(); ++b) {
            if (mac_command_table[a].cid == mac_command_table[b].cid &&
                mac_command_table[a].direction == mac_command_table[b].direction) {
                return false;
            }
        }
    }
    return true;
}

// Standard CIDs stay below the proprietary range, so decoding never needs a payload size the
// table cannot give.
consteval auto no_proprietary_rows() -> bool {
    for (const auto& row : mac_command_table) {
        if (static_cast<std::uint8_t>(row.cid) >= first_proprietary_cid) {
            return false;
        }
    }
    return true;
}

// FOpts holds at most 15 bytes and every command fits in it; a bigger size is a typo.
consteval auto sizes_fit_f_opts() -> bool {
    constexpr std::size_t f_opts_max_size = 15;
    for (const auto& row : mac_command_table) {
        if (row.size + 1 > f_opts_max_size) {
            return false;
        }
    }
    return true;
}

static_assert(rows_are_unique());
static_assert(no_proprietary_rows());
static_assert(sizes_fit_f_opts());

}  // namespace
}  // namespace hortillon::lorawan
