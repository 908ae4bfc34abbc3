// The profiler's drain thread: every 50 ms it drains the sample source into the aggregator, every 100 ms it
// attaches threads that appeared and detaches threads that ended. One mutex guards the source and the
// aggregator; the sampled threads never take it (the kernel or the signal handler writes their samples).
#include "collectors/profiler/profiler.h"

#include "collectors/profiler/perf_event_source.h"
#include "collectors/profiler/signal_timer_source.h"
#include "collectors/profiler/stack_aggregator.h"
#include "collectors/resources/process_threads.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <pthread.h>
#include <set>
#include <stdexcept>
#include <thread>
#include <unistd.h>
#include <unordered_map>

namespace perflab {

using namespace profiling;

namespace {

// Few wakeups: each costs the process CPU whatever the load (the buffers hold over 100 ms of samples).
constexpr auto kDrainPeriod = std::chrono::milliseconds(50);
// New threads are found by rescanning /proc/self/task rather than by `inherit`: an inherited perf event
// writes into its creator's ring, which a rescan would then count twice, and timers have no inheritance.
// One rule for both mechanisms: each attached thread has its own event or timer and its own buffer.
constexpr auto kRescanPeriod = std::chrono::milliseconds(100);
constexpr int kMaxHz = 10'000;

std::unique_ptr<SampleSource> startSource(const ProfilerOptions& options) {
    if (options.mechanism == ProfilerMechanism::SignalTimer)
        return std::make_unique<SignalTimerSource>(options.hz);
    auto perf = std::make_unique<PerfEventSource>(options.hz);
    try {
        perf->attach(::gettid()); // the probe: is self-sampling allowed here?
        return perf;
    } catch (const SamplingRefused&) {
        if (options.mechanism == ProfilerMechanism::PerfEvent)
            throw;
    }
    return std::make_unique<SignalTimerSource>(options.hz);
}

} // namespace

std::optional<ProfilerMechanism> parseProfilerMechanism(std::string_view text) {
    if (text == "auto")
        return ProfilerMechanism::Automatic;
    if (text == "perf")
        return ProfilerMechanism::PerfEvent;
    if (text == "signal")
        return ProfilerMechanism::SignalTimer;
    return std::nullopt;
}

class Profiler::Impl {
public:
    explicit Impl(const ProfilerOptions& options)
        : m_hz(options.hz)
        , m_source(startSource(options))
        , m_stacks(options.engines) {
        if (m_source->mechanism() == "perf_event")
            m_attached.insert(::gettid()); // attached by the probe
        rescan();
        m_drainer = std::jthread([this](std::stop_token stop) { drainUntil(stop); });
    }

    ~Impl() { stop(); }

    Profile takeSlice() {
        std::lock_guard lock(m_mutex);
        drain();
        Profile slice = m_stacks.take([this](pid_t tid) { return nameOf(tid); });
        // An ended thread's name is kept until its last samples are in a slice: this one.
        std::erase_if(m_names, [&](const auto& entry) { return !m_attached.contains(entry.first); });
        return slice;
    }

    void stop() {
        if (!m_drainer.joinable())
            return;
        m_drainer.request_stop();
        m_wake.notify_all();
        m_drainer.join();
        std::lock_guard lock(m_mutex);
        for (const pid_t tid : m_attached)
            m_source->detach(tid);
        m_attached.clear();
        drain();
    }

    std::string_view mechanism() const { return m_source->mechanism(); }
    int hz() const { return m_hz; }
    std::uint64_t samplesTaken() const { return m_samples.load(); }
    std::uint64_t lostSamples() const {
        std::lock_guard lock(m_mutex);
        return m_source->lostSamples();
    }
    std::string problem() const {
        std::lock_guard lock(m_mutex);
        return m_problem;
    }

private:
    void drainUntil(std::stop_token stop) {
        ::pthread_setname_np(::pthread_self(), "perflab-prof");
        auto lastScan = std::chrono::steady_clock::now();
        std::unique_lock lock(m_mutex);
        while (!stop.stop_requested()) {
            m_wake.wait_for(lock, stop, kDrainPeriod, [] { return false; });
            drain();
            if (const auto now = std::chrono::steady_clock::now(); now - lastScan >= kRescanPeriod) {
                rescan();
                lastScan = now;
            }
        }
    }

    // Callers hold m_mutex (the constructor needs none: the drain thread does not run yet).
    void drain() {
        m_source->drain([this](pid_t tid, std::span<const std::uint64_t> leafFirst, std::uint32_t periods) {
            m_stacks.add(tid, leafFirst, periods);
            m_samples.fetch_add(periods, std::memory_order_relaxed);
        });
    }

    void rescan() {
        const std::vector<pid_t> live = threadsOfThisProcess();
        const std::set<pid_t> current(live.begin(), live.end());
        for (auto it = m_attached.begin(); it != m_attached.end();) {
            if (current.contains(*it)) {
                ++it;
                continue;
            }
            m_source->detach(*it);
            it = m_attached.erase(it);
        }
        for (const pid_t tid : live) {
            if (m_attached.contains(tid) || m_unsampled.contains(tid))
                continue;
            if (auto name = threadName(tid))
                m_names[tid] = std::move(*name);
            try {
                if (m_source->attach(tid))
                    m_attached.insert(tid);
            } catch (const std::exception& e) {
                m_unsampled.insert(tid); // not tried again: the next attempt would fail the same way
                if (m_problem.empty())
                    m_problem = "thread " + std::to_string(tid) + " is not sampled: " + e.what();
            }
        }
    }

    // The thread's current name (threads often rename themselves after they start), else the last known.
    std::string nameOf(pid_t tid) {
        if (auto name = threadName(tid))
            m_names[tid] = *name;
        if (const auto it = m_names.find(tid); it != m_names.end())
            return it->second;
        return "thread " + std::to_string(tid);
    }

    int m_hz;
    mutable std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::unique_ptr<SampleSource> m_source;
    StackAggregator m_stacks;
    std::set<pid_t> m_attached;
    std::set<pid_t> m_unsampled;
    std::unordered_map<pid_t, std::string> m_names;
    std::string m_problem;
    std::atomic<std::uint64_t> m_samples{0};
    std::jthread m_drainer;
};

namespace {

const ProfilerOptions& validated(const ProfilerOptions& options) {
    if (options.hz < 1 || options.hz > kMaxHz)
        throw std::invalid_argument("profiler rate " + std::to_string(options.hz) +
                                    " Hz is out of range (1 to " + std::to_string(kMaxHz) + " Hz)");
    return options;
}

} // namespace

Profiler::Profiler(ProfilerOptions options)
    : m_impl(std::make_unique<Impl>(validated(options))) {}

Profiler::~Profiler() = default;

Profile Profiler::takeSlice() {
    return m_impl->takeSlice();
}
void Profiler::stop() {
    m_impl->stop();
}
std::string_view Profiler::mechanism() const {
    return m_impl->mechanism();
}
int Profiler::hz() const {
    return m_impl->hz();
}
std::uint64_t Profiler::samplesTaken() const {
    return m_impl->samplesTaken();
}
std::uint64_t Profiler::lostSamples() const {
    return m_impl->lostSamples();
}
std::string Profiler::problem() const {
    return m_impl->problem();
}

} // namespace perflab
