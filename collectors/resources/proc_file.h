// Kept-open /proc files re-read with pread, and the small parsers of their text the collectors share.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

namespace perflab {

// An open file re-read from the start on every call.
class ProcFile {
public:
    explicit ProcFile(const std::filesystem::path& path, int flags = 0);
    ~ProcFile();
    ProcFile(const ProcFile&) = delete;
    ProcFile& operator=(const ProcFile&) = delete;

    bool isOpen() const noexcept { return m_fd >= 0; }
    int descriptor() const noexcept { return m_fd; }
    // The file's first 8 KiB; empty when it cannot be read (a process's files once it has exited).
    std::string_view read();

private:
    int m_fd;
    char m_buffer[8192];
};

// The leading decimal number of text (0 when there is none).
std::uint64_t parseNumber(std::string_view text);
// The next space-separated field of text, which is advanced past it.
std::string_view nextField(std::string_view& text);
// Field `number` (1-based, as proc(5) counts) of a /proc/PID/stat line; fields from 3 on are counted after
// the ")" that closes the command name, which may hold spaces and parentheses. Empty when missing.
std::string_view statField(std::string_view stat, int number);
// "Key:   123456 kB" lines (/proc/meminfo, /proc/PID/status) -> bytes; 0 when the key is missing.
std::uint64_t kibFieldBytes(std::string_view text, std::string_view key);
// utime + stime of a /proc/PID/stat line, in clock ticks.
std::uint64_t statCpuTicks(std::string_view stat);
// Clock ticks per second (USER_HZ, the unit of /proc/PID/stat's CPU times).
double clockTicksPerSecond();

} // namespace perflab
