#pragma once
// Bounds-checked payload readers for the device codecs. Byte order is in every name; most
// device payloads are big-endian, the Milesight channel lists little-endian.
//
// PayloadReader reads at fixed offsets. A byte past the end reads as 0, which is what the
// vendors' JavaScript does (`undefined << 8` is 0), so a native codec can reproduce the
// vendor's output for a short frame; the reader remembers how many bytes the layout needed so
// the codec can report the truncation. It never reads outside the span.
//
// PayloadCursor walks record lists: take(n) hands out the next n bytes or nothing.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace hortillon::codecs {

using ByteView = std::span<const std::uint8_t>;

class PayloadReader {
  public:
    explicit PayloadReader(ByteView bytes) : bytes_(bytes) {}

    [[nodiscard]] auto size() const -> std::size_t { return bytes_.size(); }
    [[nodiscard]] auto bytes() const -> ByteView { return bytes_; }
    // True once a read reached past the end of the payload.
    [[nodiscard]] auto truncated() const -> bool { return needed_ > bytes_.size(); }
    // One past the highest offset read so far.
    [[nodiscard]] auto needed() const -> std::size_t { return needed_; }
    // Declares that the layout needs `size` bytes without reading them.
    void require(std::size_t size) { note(0, size); }

    auto u8(std::size_t at) -> std::uint8_t {
        note(at, 1);
        return at < bytes_.size() ? bytes_[at] : std::uint8_t{0};
    }
    auto u16_be(std::size_t at) -> std::uint16_t {
        return static_cast<std::uint16_t>((u8(at) << 8) | u8(at + 1));
    }
    auto s16_be(std::size_t at) -> std::int16_t { return static_cast<std::int16_t>(u16_be(at)); }
    auto u24_be(std::size_t at) -> std::uint32_t {
        return (std::uint32_t{u8(at)} << 16) | (std::uint32_t{u8(at + 1)} << 8) | u8(at + 2);
    }
    auto u32_be(std::size_t at) -> std::uint32_t {
        return (std::uint32_t{u8(at)} << 24) | u24_be(at + 1);
    }
    auto s32_be(std::size_t at) -> std::int32_t { return static_cast<std::int32_t>(u32_be(at)); }
    auto u16_le(std::size_t at) -> std::uint16_t {
        return static_cast<std::uint16_t>(u8(at) | (u8(at + 1) << 8));
    }
    auto s16_le(std::size_t at) -> std::int16_t { return static_cast<std::int16_t>(u16_le(at)); }
    auto u32_le(std::size_t at) -> std::uint32_t {
        return std::uint32_t{u16_le(at)} | (std::uint32_t{u16_le(at + 2)} << 16);
    }

  private:
    void note(std::size_t at, std::size_t count) {
        if (at + count > needed_)
            needed_ = at + count;
    }

    ByteView bytes_;
    std::size_t needed_ = 0;
};

class PayloadCursor {
  public:
    explicit PayloadCursor(ByteView bytes) : bytes_(bytes) {}

    [[nodiscard]] auto offset() const -> std::size_t { return offset_; }
    [[nodiscard]] auto remaining() const -> std::size_t { return bytes_.size() - offset_; }
    [[nodiscard]] auto at_end() const -> bool { return offset_ == bytes_.size(); }

    // The next `count` bytes, or nullopt (and nothing consumed) when fewer remain.
    auto take(std::size_t count) -> std::optional<ByteView> {
        if (count > remaining())
            return std::nullopt;
        const ByteView out = bytes_.subspan(offset_, count);
        offset_ += count;
        return out;
    }
    // Everything that is left.
    auto take_rest() -> ByteView {
        const ByteView out = bytes_.subspan(offset_);
        offset_ = bytes_.size();
        return out;
    }

  private:
    ByteView bytes_;
    std::size_t offset_ = 0;
};

// "truncated frame: <what> needs <needed> bytes, got <got>"
auto truncation_error(std::string_view what, std::size_t needed, std::size_t got) -> std::string;

}  // namespace hortillon::codecs
