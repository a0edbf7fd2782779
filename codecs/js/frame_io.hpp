#pragma once
// The codec worker protocol's framing: each message is a 4-byte big-endian length followed by
// that many bytes of JSON text. Both ends use a stream socket (one end of a socketpair), so
// writes use MSG_NOSIGNAL and a peer that died is an error value instead of a SIGPIPE.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lorawan/result.hpp"

namespace hortillon::codecs::js {

// Larger frames are refused by the reader: a runaway codec must not make its peer allocate
// without bound.
inline constexpr std::size_t max_frame_size = 8 * 1024 * 1024;

enum class FrameError : std::uint8_t {
    timed_out,  // the deadline passed before the whole frame arrived
    closed,     // the peer closed its end (or died)
    too_large,  // the length prefix is above max_frame_size
    io,         // another socket error
};

auto to_string(FrameError error) -> std::string_view;

using Deadline = std::chrono::steady_clock::time_point;

// Writes the whole frame; blocks until it is sent.
auto write_frame(int fd, std::string_view payload) -> Result<void, FrameError>;

// Reads one frame. Without a deadline it waits for as long as it takes.
auto read_frame(int fd, std::optional<Deadline> deadline) -> Result<std::string, FrameError>;

}  // namespace hortillon::codecs::js
