// Target meters of the same process (engine server threads, timed engine calls) and of a remote target.
#include "collectors/target_meter.h"

#include "collectors/proc_file.h"

#include <charconv>
#include <dirent.h>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace perflab {

namespace {

class RemoteTarget final : public TargetMeter {
public:
    void measure(ResourceSample& sample, double) override { sample.target = TargetPlacement::Remote; }
};

class ThreadTarget final : public TargetMeter {
public:
    ThreadTarget(std::string threadName, const std::filesystem::path& procRoot)
        : m_name(std::move(threadName))
        , m_tasks(procRoot / "self/task") {
        ticksSinceLastCall();
    }

    void measure(ResourceSample& sample, double coreSeconds) override {
        sample.target = TargetPlacement::SameProcess;
        const std::uint64_t ticks = ticksSinceLastCall();
        if (!m_last.empty() && coreSeconds > 0) // no such thread: not measured
            sample.targetCpuPercent =
                100.0 * static_cast<double>(ticks) / clockTicksPerSecond() / coreSeconds;
    }

private:
    // CPU ticks the named threads spent since the previous call; a thread new since then counts whole.
    std::uint64_t ticksSinceLastCall() {
        std::unordered_map<pid_t, std::uint64_t> now;
        if (DIR* tasks = ::opendir(m_tasks.c_str())) {
            while (const dirent* entry = ::readdir(tasks)) {
                const std::string_view name = entry->d_name;
                pid_t tid = 0;
                if (std::from_chars(name.data(), name.data() + name.size(), tid).ec != std::errc() ||
                    tid <= 0)
                    continue;
                ProcFile file(m_tasks / name / "stat");
                const std::string_view stat = file.read();
                if (statCommand(stat) == m_name)
                    now.emplace(tid, statCpuTicks(stat));
            }
            ::closedir(tasks);
        }
        std::uint64_t spent = 0;
        for (const auto& [tid, ticks] : now) {
            const auto before = m_last.find(tid);
            spent += ticks - (before == m_last.end() ? 0 : std::min(before->second, ticks));
        }
        m_last = std::move(now);
        return spent;
    }

    std::string m_name;
    std::filesystem::path m_tasks;
    std::unordered_map<pid_t, std::uint64_t> m_last;
};

class CallTimeTarget final : public TargetMeter {
public:
    explicit CallTimeTarget(std::function<double()> busyNanos)
        : m_busyNanos(std::move(busyNanos))
        , m_last(m_busyNanos()) {}

    void measure(ResourceSample& sample, double coreSeconds) override {
        sample.target = TargetPlacement::SameProcess;
        const double now = m_busyNanos();
        if (coreSeconds > 0)
            sample.targetCpuPercent = 100.0 * (now - m_last) / 1e9 / coreSeconds;
        m_last = now;
    }

private:
    std::function<double()> m_busyNanos;
    double m_last;
};

} // namespace

std::unique_ptr<TargetMeter> remoteTarget() {
    return std::make_unique<RemoteTarget>();
}

std::unique_ptr<TargetMeter> threadTarget(std::string threadName, const std::filesystem::path& procRoot) {
    return std::make_unique<ThreadTarget>(std::move(threadName), procRoot);
}

std::unique_ptr<TargetMeter> callTimeTarget(std::function<double()> busyNanos) {
    return std::make_unique<CallTimeTarget>(std::move(busyNanos));
}

} // namespace perflab
