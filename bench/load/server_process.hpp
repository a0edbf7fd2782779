#pragma once
// What the kernel says about the server process: CPU time (utime + stime of /proc/PID/stat)
// and resident memory (VmRSS of /proc/PID/status); and about UDP drops.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>

namespace hortillon::bench {

struct ProcessSample {
    std::chrono::microseconds cpu{0};  // user + system, all threads
    std::uint64_t rss_kib = 0;
};

// nullopt when the process does not exist (any more) or its files do not read as expected.
auto sample_process(pid_t pid) -> std::optional<ProcessSample>;

// The kernel's count of UDP datagrams dropped because a receiving socket's buffer was full
// (RcvbufErrors in /proc/net/snmp), machine-wide; nullopt when it cannot be read.
auto udp_receive_buffer_errors() -> std::optional<std::uint64_t>;

}  // namespace hortillon::bench
