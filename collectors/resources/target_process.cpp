// A target in a process of its own: found by the owner of its listening socket, measured from kept-open
// /proc/PID/stat and status files.
#include "collectors/resources/proc_file.h"
#include "collectors/resources/target_meter.h"

#include <algorithm>
#include <charconv>
#include <dirent.h>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <unistd.h>

namespace perflab {

namespace {

std::uint64_t hexNumber(std::string_view text) {
    std::uint64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value, 16);
    return value;
}

// Socket inodes in state LISTEN (0A) on `port`, from lines of /proc/net/tcp{,6}:
// "sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...".
std::set<std::uint64_t> listeningInodes(std::uint16_t port, const std::filesystem::path& procRoot) {
    std::set<std::uint64_t> inodes;
    for (const char* table : {"net/tcp", "net/tcp6"}) {
        std::ifstream file(procRoot / table);
        std::string line;
        std::getline(file, line); // the header
        while (std::getline(file, line)) {
            std::string_view rest = line;
            nextField(rest); // sl
            const std::string_view local = nextField(rest);
            nextField(rest); // rem_address
            const std::string_view state = nextField(rest);
            for (int skipped = 0; skipped < 5; ++skipped) // tx:rx, tr:tm, retrnsmt, uid, timeout
                nextField(rest);
            const std::string_view inode = nextField(rest);
            const auto colon = local.rfind(':');
            if (state == "0A" && colon != std::string_view::npos &&
                hexNumber(local.substr(colon + 1)) == port)
                inodes.insert(parseNumber(inode));
        }
    }
    inodes.erase(0);
    return inodes;
}

// Whether the process's descriptors include one of the sockets; false when they cannot be listed.
bool holdsSocket(const std::filesystem::path& fdDirectory, const std::set<std::uint64_t>& inodes) {
    DIR* fds = ::opendir(fdDirectory.c_str());
    if (!fds)
        return false;
    bool holds = false;
    constexpr std::string_view kPrefix = "socket:[";
    while (const dirent* entry = ::readdir(fds)) {
        char link[64];
        const ssize_t n = ::readlinkat(::dirfd(fds), entry->d_name, link, sizeof link);
        const std::string_view target(link, n > 0 ? static_cast<std::size_t>(n) : 0);
        if (target.starts_with(kPrefix) && inodes.contains(parseNumber(target.substr(kPrefix.size())))) {
            holds = true;
            break;
        }
    }
    ::closedir(fds);
    return holds;
}

class ProcessTarget final : public TargetMeter {
public:
    ProcessTarget(std::vector<pid_t> pids, const std::filesystem::path& procRoot)
        : m_pid(pids.empty() ? 0 : *std::min_element(pids.begin(), pids.end())) {
        for (pid_t pid : pids) {
            const auto folder = procRoot / std::to_string(pid);
            auto watched = std::make_unique<Watched>(folder);
            if (const std::string_view stat = watched->stat.read(); !stat.empty()) {
                watched->lastTicks = statCpuTicks(stat);
                m_watched.push_back(std::move(watched));
            }
        }
    }

    void measure(ResourceSample& sample, double coreSeconds) override {
        sample.target = TargetPlacement::SeparateProcess;
        sample.targetPid = m_pid;
        std::uint64_t ticks = 0, rss = 0;
        // A process that exited (its kept-open files read nothing) leaves for good: its pid may be reused.
        std::erase_if(m_watched, [&](const std::unique_ptr<Watched>& w) {
            const std::string_view stat = w->stat.read();
            const std::uint64_t now = statCpuTicks(stat);
            if (stat.empty())
                return true;
            ticks += now - std::min(now, w->lastTicks);
            w->lastTicks = now;
            const std::string_view status = w->status.read();
            if (status.empty())
                return true;
            rss += kibFieldBytes(status, "VmRSS:");
            return false;
        });
        if (m_watched.empty())
            return;
        if (coreSeconds > 0)
            sample.targetCpuPercent =
                100.0 * static_cast<double>(ticks) / clockTicksPerSecond() / coreSeconds;
        sample.targetRssBytes = rss;
    }

private:
    struct Watched {
        explicit Watched(const std::filesystem::path& folder)
            : stat(folder / "stat")
            , status(folder / "status") {}
        ProcFile stat;
        ProcFile status;
        std::uint64_t lastTicks = 0;
    };

    pid_t m_pid;
    std::vector<std::unique_ptr<Watched>> m_watched;
};

} // namespace

std::vector<pid_t> listeningProcesses(std::uint16_t port, const std::filesystem::path& procRoot) {
    const std::set<std::uint64_t> inodes = listeningInodes(port, procRoot);
    std::vector<pid_t> pids;
    if (inodes.empty())
        return pids;
    DIR* processes = ::opendir(procRoot.c_str());
    if (!processes)
        return pids;
    while (const dirent* entry = ::readdir(processes)) {
        const std::string_view name = entry->d_name;
        pid_t pid = 0;
        if (std::from_chars(name.data(), name.data() + name.size(), pid).ec == std::errc() && pid > 0 &&
            holdsSocket(procRoot / name / "fd", inodes))
            pids.push_back(pid);
    }
    ::closedir(processes);
    std::sort(pids.begin(), pids.end());
    return pids;
}

std::unique_ptr<TargetMeter> processTarget(std::vector<pid_t> pids, const std::filesystem::path& procRoot) {
    return std::make_unique<ProcessTarget>(std::move(pids), procRoot);
}

} // namespace perflab
