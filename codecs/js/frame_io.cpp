#include "codecs/js/frame_io.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <cerrno>

#include <array>

namespace hortillon::codecs::js {

namespace {
constexpr std::size_t header_size = 4;

// Waits until `fd` is readable; false when the deadline passes first.
auto wait_readable(int fd, const std::optional<Deadline>& deadline) -> Result<void, FrameError> {
    while (true) {
        int timeout_ms = -1;
        if (deadline) {
            const auto left = std::chrono::ceil<std::chrono::milliseconds>(
                *deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0)
                return Unexpected{FrameError::timed_out};
            timeout_ms = static_cast<int>(left.count());
        }
        pollfd entry{fd, POLLIN, 0};
        const int ready = poll(&entry, 1, timeout_ms);
        if (ready > 0)
            return {};
        if (ready < 0 && errno != EINTR)
            return Unexpected{FrameError::io};
    }
}

auto read_exactly(int fd, char* data, std::size_t size, const std::optional<Deadline>& deadline)
    -> Result<void, FrameError> {
    std::size_t done = 0;
    while (done < size) {
        if (auto ready = wait_readable(fd, deadline); !ready)
            return ready;
        const ssize_t got = recv(fd, data + done, size - done, 0);
        if (got == 0)
            return Unexpected{FrameError::closed};
        if (got < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            return Unexpected{errno == ECONNRESET ? FrameError::closed : FrameError::io};
        }
        done += static_cast<std::size_t>(got);
    }
    return {};
}

auto send_all(int fd, const char* data, std::size_t size) -> Result<void, FrameError> {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t sent = send(fd, data + done, size - done, MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EINTR)
                continue;
            return Unexpected{errno == EPIPE || errno == ECONNRESET ? FrameError::closed
                                                                    : FrameError::io};
        }
        done += static_cast<std::size_t>(sent);
    }
    return {};
}
}  // namespace

auto to_string(FrameError error) -> std::string_view {
    switch (error) {
        case FrameError::timed_out:
            return "timed out";
        case FrameError::closed:
            return "connection closed";
        case FrameError::too_large:
            return "frame too large";
        case FrameError::io:
            return "socket error";
    }
    return "unknown";
}

auto write_frame(int fd, std::string_view payload) -> Result<void, FrameError> {
    if (payload.size() > max_frame_size)
        return Unexpected{FrameError::too_large};
    const auto size = static_cast<std::uint32_t>(payload.size());
    const std::array<char, header_size> header{
        static_cast<char>(size >> 24), static_cast<char>(size >> 16), static_cast<char>(size >> 8),
        static_cast<char>(size)};
    if (auto sent = send_all(fd, header.data(), header.size()); !sent)
        return sent;
    return send_all(fd, payload.data(), payload.size());
}

auto read_frame(int fd, std::optional<Deadline> deadline) -> Result<std::string, FrameError> {
    std::array<char, header_size> header{};
    if (auto got = read_exactly(fd, header.data(), header.size(), deadline); !got)
        return Unexpected{got.error()};
    std::uint32_t size = 0;
    for (const char byte : header)
        size = (size << 8) | static_cast<std::uint8_t>(byte);
    if (size > max_frame_size)
        return Unexpected{FrameError::too_large};
    std::string payload(size, '\0');
    if (auto got = read_exactly(fd, payload.data(), payload.size(), deadline); !got)
        return Unexpected{got.error()};
    return payload;
}

}  // namespace hortillon::codecs::js
