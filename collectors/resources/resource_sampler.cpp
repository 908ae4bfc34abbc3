// Reads CPU, memory, thread and descriptor figures from kept-open /proc and cgroup v2 files (pread at
// offset 0: no reopen per sample).
#include "collectors/resources/resource_sampler.h"

#include "collectors/resources/proc_file.h"

#include <algorithm>
#include <cerrno>
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

// Field 20 of /proc/self/stat.
std::uint32_t statThreads(std::string_view stat) {
    return static_cast<std::uint32_t>(parseNumber(statField(stat, 20)));
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

// The target's figures, and the generator's CPU: the process's less a target that runs inside it.
void splitProcessCpu(TargetMeter& target, ResourceSample& s, double coreSeconds) {
    target.measure(s, coreSeconds);
    if (s.target != TargetPlacement::SameProcess) {
        s.generatorCpuPercent = s.processCpuPercent;
        return;
    }
    if (!s.targetCpuPercent)
        return; // the split is unknown
    // Thread ticks and call times are measured apart from the process's CPU clock: keep the parts within it.
    s.targetCpuPercent = std::min(*s.targetCpuPercent, s.processCpuPercent);
    s.generatorCpuPercent = s.processCpuPercent - *s.targetCpuPercent;
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
    std::unique_ptr<TargetMeter> target;

    Impl(const std::filesystem::path& procRoot, const std::filesystem::path& cgroupFolder,
         std::unique_ptr<TargetMeter> targetMeter)
        : statm(procRoot / "self/statm")
        , selfStat(procRoot / "self/stat")
        , fdDirectory(procRoot / "self/fd", O_DIRECTORY)
        , stat(procRoot / "stat")
        , meminfo(procRoot / "meminfo")
        , memoryMax(cgroupFolder.empty() ? cgroupFolder : cgroupFolder / "memory.max")
        , cpuMax(cgroupFolder.empty() ? cgroupFolder : cgroupFolder / "cpu.max")
        , target(std::move(targetMeter)) {
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
                                 const std::filesystem::path& cgroupRoot, std::unique_ptr<TargetMeter> target)
    : m_impl(std::make_unique<Impl>(procRoot, cgroupFolder(procRoot, cgroupRoot), std::move(target))) {}

ResourceSampler::~ResourceSampler() = default;

ResourceSample ResourceSampler::sample() {
    Impl& d = *m_impl;
    ResourceSample s;

    const double wall = monotonicSeconds();
    const double cpu = processCpuSeconds();
    if (wall > d.lastWall)
        s.processCpuPercent = 100.0 * (cpu - d.lastCpu) / (wall - d.lastWall) / d.cores;
    if (d.target)
        splitProcessCpu(*d.target, s, (wall - d.lastWall) * d.cores);
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
    s.memoryTotalBytes = kibFieldBytes(meminfo, "MemTotal:");
    const auto available = kibFieldBytes(meminfo, "MemAvailable:");
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
