// Target meters of the same process (engine server threads, timed engine calls) and of a remote target.
#include "collectors/resources/target_meter.h"

#include "collectors/resources/proc_file.h"

#include <algorithm>
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

// Where this process's threads of one name spent their time since the previous call, from
// /proc/self/task/TID/comm and schedstat ("ns on a CPU, ns waiting for one, time slices"): nanoseconds, where
// stat's CPU times count 10 ms ticks. A thread new since the previous call counts whole.
class NamedThreads {
public:
    struct Times {
        double onCpuNs = 0;
        double waitingNs = 0; // runnable, but another thread or process had the CPU
        std::size_t threads = 0;
    };

    NamedThreads(std::string name, const std::filesystem::path& procRoot)
        : m_name(std::move(name))
        , m_tasks(procRoot / "self/task") {
        sinceLastCall();
    }

    Times sinceLastCall() {
        std::unordered_map<pid_t, std::pair<std::uint64_t, std::uint64_t>> now;
        if (DIR* tasks = ::opendir(m_tasks.c_str())) {
            while (const dirent* entry = ::readdir(tasks)) {
                const std::string_view name = entry->d_name;
                pid_t tid = 0;
                if (std::from_chars(name.data(), name.data() + name.size(), tid).ec != std::errc() ||
                    tid <= 0)
                    continue;
                ProcFile comm(m_tasks / name / "comm");
                if (std::string_view(comm.read()).substr(0, m_name.size() + 1) != m_name + "\n")
                    continue;
                ProcFile schedstat(m_tasks / name / "schedstat");
                std::string_view fields = schedstat.read();
                const std::uint64_t onCpu = parseNumber(nextField(fields));
                now.emplace(tid, std::pair{onCpu, parseNumber(nextField(fields))});
            }
            ::closedir(tasks);
        }
        Times spent{.threads = now.size()};
        for (const auto& [tid, times] : now) {
            const auto before = m_last.find(tid);
            const auto [onCpu, waiting] =
                before == m_last.end() ? std::pair<std::uint64_t, std::uint64_t>{} : before->second;
            spent.onCpuNs += static_cast<double>(times.first - std::min(onCpu, times.first));
            spent.waitingNs += static_cast<double>(times.second - std::min(waiting, times.second));
        }
        m_last = std::move(now);
        return spent;
    }

private:
    std::string m_name;
    std::filesystem::path m_tasks;
    std::unordered_map<pid_t, std::pair<std::uint64_t, std::uint64_t>> m_last;
};

class ThreadTarget final : public TargetMeter {
public:
    ThreadTarget(std::string threadName, const std::filesystem::path& procRoot)
        : m_threads(std::move(threadName), procRoot) {}

    void measure(ResourceSample& sample, double coreSeconds) override {
        sample.target = TargetPlacement::SameProcess;
        const NamedThreads::Times spent = m_threads.sinceLastCall();
        if (spent.threads > 0 && coreSeconds > 0) // no such thread: not measured
            sample.targetCpuPercent = 100.0 * spent.onCpuNs / 1e9 / coreSeconds;
    }

private:
    NamedThreads m_threads;
};

class CallTimeTarget final : public TargetMeter {
public:
    CallTimeTarget(std::function<double()> busyNanos, std::string workerName,
                   const std::filesystem::path& procRoot)
        : m_busyNanos(std::move(busyNanos))
        , m_last(m_busyNanos())
        , m_workers(std::move(workerName), procRoot) {}

    void measure(ResourceSample& sample, double coreSeconds) override {
        sample.target = TargetPlacement::SameProcess;
        const double now = m_busyNanos();
        double inCalls = now - m_last;
        m_last = now;
        // The calls' time is wall time on the workers: it grows while another process has their CPU, and
        // while an engine waits. Count the share the workers were on a CPU when they could run, and no more
        // than their CPU time.
        if (const NamedThreads::Times workers = m_workers.sinceLastCall(); workers.threads > 0) {
            const double runnable = workers.onCpuNs + workers.waitingNs;
            inCalls = runnable > 0 ? std::min(inCalls * workers.onCpuNs / runnable, workers.onCpuNs) : 0;
        }
        if (coreSeconds > 0)
            sample.targetCpuPercent = 100.0 * inCalls / 1e9 / coreSeconds;
    }

private:
    std::function<double()> m_busyNanos;
    double m_last;
    NamedThreads m_workers;
};

} // namespace

std::unique_ptr<TargetMeter> remoteTarget() {
    return std::make_unique<RemoteTarget>();
}

std::unique_ptr<TargetMeter> threadTarget(std::string threadName, const std::filesystem::path& procRoot) {
    return std::make_unique<ThreadTarget>(std::move(threadName), procRoot);
}

std::unique_ptr<TargetMeter> callTimeTarget(std::function<double()> busyNanos, std::string workerThreadName,
                                            const std::filesystem::path& procRoot) {
    return std::make_unique<CallTimeTarget>(std::move(busyNanos), std::move(workerThreadName), procRoot);
}

} // namespace perflab
