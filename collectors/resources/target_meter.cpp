// Target meters of the same process (the threads that run engine calls) and of a remote target.
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
        std::size_t threads = 0;
    };

    NamedThreads(std::string name, const std::filesystem::path& procRoot)
        : m_name(std::move(name))
        , m_tasks(procRoot / "self/task") {
        sinceLastCall();
    }

    Times sinceLastCall() {
        std::unordered_map<pid_t, std::uint64_t> now; // ns on a CPU
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
                now.emplace(tid, parseNumber(nextField(fields)));
            }
            ::closedir(tasks);
        }
        Times spent{.threads = now.size()};
        for (const auto& [tid, onCpu] : now) {
            const auto before = m_last.find(tid);
            const std::uint64_t last = before == m_last.end() ? 0 : before->second;
            spent.onCpuNs += static_cast<double>(onCpu - std::min(last, onCpu));
        }
        m_last = std::move(now);
        return spent;
    }

private:
    std::string m_name;
    std::filesystem::path m_tasks;
    std::unordered_map<pid_t, std::uint64_t> m_last;
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

} // namespace

std::unique_ptr<TargetMeter> remoteTarget() {
    return std::make_unique<RemoteTarget>();
}

std::unique_ptr<TargetMeter> threadTarget(std::string threadName, const std::filesystem::path& procRoot) {
    return std::make_unique<ThreadTarget>(std::move(threadName), procRoot);
}

} // namespace perflab
