#pragma once
// Field helpers shared by the MAC command codecs in this folder (not a public interface).
// Every payload bit has a home in a command struct, RFU bits included, so decoding and
// re-encoding a command gives back the same bytes.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"

namespace hortillon::lorawan::mac_wire {

// `width` bits starting at bit `shift` of a payload byte or little-endian payload word.
struct BitField {
    unsigned shift;
    unsigned width;

    [[nodiscard]] constexpr auto mask() const -> std::uint32_t {
        return ((std::uint32_t{1} << width) - 1U) << shift;
    }
    // The field moved down to bit 0. Fields are at most 8 bits wide.
    [[nodiscard]] constexpr auto get(std::uint32_t word) const -> std::uint8_t {
        return static_cast<std::uint8_t>((word & mask()) >> shift);
    }
    [[nodiscard]] constexpr auto flag(std::uint32_t word) const -> bool { return get(word) != 0; }
    // The field's bits of `word` left in place; how RFU bits are stored and written back.
    [[nodiscard]] constexpr auto keep(std::uint32_t word) const -> std::uint32_t {
        return word & mask();
    }
    // The value moved into place; bits beyond `width` are dropped, so an out-of-range value
    // cannot spill into its neighbour.
    [[nodiscard]] constexpr auto put(std::uint32_t value) const -> std::uint32_t {
        return (value << shift) & mask();
    }
};

constexpr auto to_byte(std::uint32_t bits) -> std::uint8_t {
    return static_cast<std::uint8_t>(bits);
}

// Frequencies travel as LE24 in steps of 100 Hz (NewChannelReq and others, LoRaWAN 1.1 chapter 5).
inline constexpr std::uint32_t frequency_step_hz = 100;

constexpr auto read_frequency_le24(ByteView payload, std::size_t at) -> std::uint32_t {
    return read_u24_le(payload, at) * frequency_step_hz;
}
// Sub-100 Hz remainders are dropped; values above 1,677,721,500 Hz do not fit 24 bits.
inline void append_frequency_le24(Bytes& out, std::uint32_t hz) {
    append_u24_le(out, hz / frequency_step_hz);
}

}  // namespace hortillon::lorawan::mac_wire
