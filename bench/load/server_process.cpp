#include "bench/load/server_process.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace hortillon::bench {

namespace {
auto cpu_time(pid_t pid) -> std::optional<std::chrono::microseconds> {
    std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(file, line))
        return std::nullopt;
    // Field 2 (comm) is in parentheses and may hold spaces: count fields after its ')'.
    const auto after_name = line.rfind(')');
    if (after_name == std::string::npos)
        return std::nullopt;
    std::istringstream fields(line.substr(after_name + 2));
    std::string field;
    std::uint64_t utime = 0;
    std::uint64_t stime = 0;
    // Fields 3 .. 13, then utime (14) and stime (15).
    for (int number = 3; number <= 13; ++number)
        fields >> field;
    if (!(fields >> utime >> stime))
        return std::nullopt;
    const auto ticks_per_second = static_cast<std::uint64_t>(::sysconf(_SC_CLK_TCK));
    return std::chrono::microseconds{(utime + stime) * 1'000'000 / ticks_per_second};
}

auto resident_kib(pid_t pid) -> std::optional<std::uint64_t> {
    std::ifstream file("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(file, line)) {
        if (line.starts_with("VmRSS:"))
            return std::stoull(line.substr(6));
    }
    return std::nullopt;
}
}  // namespace

auto sample_process(pid_t pid) -> std::optional<ProcessSample> {
    auto cpu = cpu_time(pid);
    auto rss = resident_kib(pid);
    if (!cpu || !rss)
        return std::nullopt;
    return ProcessSample{.cpu = *cpu, .rss_kib = *rss};
}

auto udp_receive_buffer_errors() -> std::optional<std::uint64_t> {
    // Two "Udp:" lines: the column names, then the values.
    std::ifstream file("/proc/net/snmp");
    std::string names;
    std::string values;
    while (std::getline(file, names)) {
        if (!names.starts_with("Udp:"))
            continue;
        if (!std::getline(file, values))
            return std::nullopt;
        std::istringstream name_fields(names);
        std::istringstream value_fields(values);
        std::string name;
        std::string value;
        while (name_fields >> name && value_fields >> value) {
            if (name == "RcvbufErrors")
                return std::stoull(value);
        }
        return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace hortillon::bench
