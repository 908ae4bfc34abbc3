// Reads CPU, memory, thread and descriptor figures from kept-open /proc and cgroup v2 files (pread at
// offset 0: no reopen per sample).
#include "collectors/resource_sampler.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <optional>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <system_error>
#include <unistd.h>

namespace perflab {

namespace {

// An open file re-read from the start on every call.
class ProcFile {
public:
    explicit ProcFile(const std::filesystem::path& path, int flags = 0)
        : m_fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | flags)) {}
    ~ProcFile() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    ProcFile(const ProcFile&) = delete;
    ProcFile& operator=(const ProcFile&) = delete;

    bool isOpen() const noexcept { return m_fd >= 0; }
    int descriptor() const noexcept { return m_fd; }
    // The file's first 8 KiB; empty when it cannot be read.
    std::string_view read() {
        if (m_fd < 0)
            return {};
        const ssize_t n = ::pread(m_fd, m_buffer, sizeof m_buffer - 1, 0);
        return n > 0 ? std::string_view(m_buffer, static_cast<std::size_t>(n)) : std::string_view{};
    }

private:
    int m_fd;
    char m_buffer[8192];
};

std::uint64_t parseNumber(std::string_view text) {
    std::uint64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

std::string_view nextField(std::string_view& text) {
    const auto start = text.find_first_not_of(' ');
    if (start == std::string_view::npos) {
        text = {};
        return {};
    }
    text.remove_prefix(start);
    const auto end = std::min(text.find_first_of(" \n"), text.size());
    const auto field = text.substr(0, end);
    text.remove_prefix(end);
    return field;
}

// "MemAvailable:   123456 kB" -> bytes.
std::uint64_t meminfoBytes(std::string_view meminfo, std::string_view key) {
    const auto at = meminfo.find(key);
    if (at == std::string_view::npos)
        return 0;
    auto rest = meminfo.substr(at + key.size());
    return parseNumber(nextField(rest)) * 1024;
}

// The process's cgroup v2 folder under cgroupRoot, from the "0::/path" line of /proc/self/cgroup.
std::filesystem::path cgroupFolder(const std::filesystem::path& procRoot,
                                   const std::filesystem::path& cgroupRoot) {
    ProcFile file(procRoot / "self/cgroup");
    const auto text = file.read();
    const auto at = text.find("0::/");
    if (at == std::string_view::npos)
        return {};
    auto path = text.substr(at + 4);
    path = path.substr(0, path.find('\n'));
    return cgroupRoot / std::string(path);
}

// Field 20 of /proc/self/stat, counted after the ")" that closes the command name (which may hold spaces).
std::uint32_t statThreads(std::string_view stat) {
    const auto close = stat.rfind(')');
    if (close == std::string_view::npos)
        return 0;
    stat.remove_prefix(close + 1);
    for (int field = 3; field < 20; ++field)
        nextField(stat);
    return static_cast<std::uint32_t>(parseNumber(nextField(stat)));
}

// "quota period" in cores; "max period" (no limit) or an unreadable file is 0.
double cpuMaxCores(std::string_view cpuMax) {
    const auto quota = nextField(cpuMax);
    const auto period = parseNumber(nextField(cpuMax));
    if (quota.empty() || quota == "max" || period == 0)
        return 0;
    return static_cast<double>(parseNumber(quota)) / static_cast<double>(period);
}

// Entries of an open directory, "." and ".." aside; the descriptor's offset is rewound first.
std::uint32_t countEntries(int directory) {
    ::lseek(directory, 0, SEEK_SET);
    std::uint32_t count = 0;
    alignas(8) char buffer[4096];
    for (ssize_t n; (n = ::getdents64(directory, buffer, sizeof buffer)) > 0;)
        for (ssize_t at = 0; at < n;) {
            const auto* entry = reinterpret_cast<const dirent64*>(buffer + at);
            const std::string_view name = entry->d_name;
            count += name != "." && name != ".." ? 1 : 0;
            at += entry->d_reclen;
        }
    return count;
}

// Since Linux 6.2 a /proc/PID/fd directory's size is its descriptor count: one fstat instead of a listing.
bool sizeCountsEntries(int directory) {
    constexpr long kProcSuperMagic = 0x9fa0;
    struct statfs fs {};
    struct stat st {};
    return ::fstatfs(directory, &fs) == 0 && fs.f_type == kProcSuperMagic && ::fstat(directory, &st) == 0 &&
           st.st_size > 0;
}

double processCpuSeconds() {
    timespec ts{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double monotonicSeconds() {
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

struct CpuTicks {
    std::uint64_t busy = 0;
    std::uint64_t total = 0;
};

// First line of /proc/stat: "cpu user nice system idle iowait irq softirq steal ...".
CpuTicks systemTicks(std::string_view stat) {
    CpuTicks ticks;
    if (nextField(stat) != "cpu")
        return ticks;
    for (int column = 0; column < 8; ++column) {
        const auto value = parseNumber(nextField(stat));
        ticks.total += value;
        if (column != 3 && column != 4) // idle, iowait
            ticks.busy += value;
    }
    return ticks;
}

} // namespace

struct ResourceSampler::Impl {
    ProcFile statm;
    ProcFile selfStat;
    ProcFile fdDirectory;
    ProcFile stat;
    ProcFile meminfo;
    ProcFile memoryMax;
    ProcFile cpuMax;
    long pageSize = ::sysconf(_SC_PAGESIZE);
    double lastWall = monotonicSeconds();
    double lastCpu = processCpuSeconds();
    double cores = static_cast<double>(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));
    CpuTicks lastTicks;
    bool fdSizeIsCount = false;

    Impl(const std::filesystem::path& procRoot, const std::filesystem::path& cgroupFolder)
        : statm(procRoot / "self/statm")
        , selfStat(procRoot / "self/stat")
        , fdDirectory(procRoot / "self/fd", O_DIRECTORY)
        , stat(procRoot / "stat")
        , meminfo(procRoot / "meminfo")
        , memoryMax(cgroupFolder.empty() ? cgroupFolder : cgroupFolder / "memory.max")
        , cpuMax(cgroupFolder.empty() ? cgroupFolder : cgroupFolder / "cpu.max") {
        if (!statm.isOpen() || !stat.isOpen() || !meminfo.isOpen())
            throw std::system_error(errno, std::generic_category(),
                                    "cannot open resource files under " + procRoot.string());
        lastTicks = systemTicks(stat.read());
        fdSizeIsCount = fdDirectory.isOpen() && sizeCountsEntries(fdDirectory.descriptor());
    }

    std::uint32_t openFds() const {
        if (!fdDirectory.isOpen())
            return 0;
        struct stat st {};
        if (fdSizeIsCount && ::fstat(fdDirectory.descriptor(), &st) == 0)
            return static_cast<std::uint32_t>(st.st_size);
        return countEntries(fdDirectory.descriptor());
    }

    // The memory the process may use: the cgroup limit when one is set below physical memory.
    std::uint64_t memoryLimit(std::uint64_t physical) {
        const auto text = memoryMax.read();
        if (text.empty() || text.starts_with("max"))
            return physical;
        const auto limit = parseNumber(text);
        return limit > 0 && limit < physical ? limit : physical;
    }
};

ResourceSampler::ResourceSampler(const std::filesystem::path& procRoot,
                                 const std::filesystem::path& cgroupRoot)
    : m_impl(std::make_unique<Impl>(procRoot, cgroupFolder(procRoot, cgroupRoot))) {}

ResourceSampler::~ResourceSampler() = default;

ResourceSample ResourceSampler::sample() {
    Impl& d = *m_impl;
    ResourceSample s;

    const double wall = monotonicSeconds();
    const double cpu = processCpuSeconds();
    if (wall > d.lastWall)
        s.processCpuPercent = 100.0 * (cpu - d.lastCpu) / (wall - d.lastWall) / d.cores;
    d.lastWall = wall;
    d.lastCpu = cpu;
    s.cpuLimitCores = cpuMaxCores(d.cpuMax.read());
    const double limitCores = s.cpuLimitCores > 0 ? std::min(s.cpuLimitCores, d.cores) : d.cores;
    s.processCpuPercentOfLimit = s.processCpuPercent * d.cores / limitCores;
    s.threads = statThreads(d.selfStat.read());
    s.openFds = d.openFds();

    const CpuTicks ticks = systemTicks(d.stat.read());
    if (ticks.total > d.lastTicks.total)
        s.systemCpuPercent = 100.0 * static_cast<double>(ticks.busy - d.lastTicks.busy) /
                             static_cast<double>(ticks.total - d.lastTicks.total);
    d.lastTicks = ticks;

    auto statm = d.statm.read();
    nextField(statm); // size
    s.processRssBytes = parseNumber(nextField(statm)) * static_cast<std::uint64_t>(d.pageSize);

    const auto meminfo = d.meminfo.read();
    s.memoryTotalBytes = meminfoBytes(meminfo, "MemTotal:");
    const auto available = meminfoBytes(meminfo, "MemAvailable:");
    if (s.memoryTotalBytes > 0) {
        s.systemMemoryPercent =
            100.0 * static_cast<double>(s.memoryTotalBytes - std::min(available, s.memoryTotalBytes)) /
            static_cast<double>(s.memoryTotalBytes);
        s.memoryLimitBytes = d.memoryLimit(s.memoryTotalBytes);
        s.processMemoryPercent =
            100.0 * static_cast<double>(s.processRssBytes) / static_cast<double>(s.memoryLimitBytes);
    }
    return s;
}

} // namespace perflab
