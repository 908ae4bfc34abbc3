// StallWatchdog: one ping in flight at a time, so a long stall is one measurement (its full length), not
// many overlapping ones.
#include "app/gui/stall_watchdog.h"

#include <QMetaObject>
#include <QtDebug>

#include <fcntl.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <string>

namespace perflab {

using Clock = std::chrono::steady_clock;

namespace {

// /proc/self/task/TID/schedstat: nanoseconds on a CPU, nanoseconds waiting on a run queue, time slices.
struct SchedStat {
    std::int64_t runNs = 0;
    std::int64_t waitNs = 0;
};

class SchedStatFile {
public:
    explicit SchedStatFile(int threadId)
        : m_fd(::open(("/proc/self/task/" + std::to_string(threadId) + "/schedstat").c_str(),
                      O_RDONLY | O_CLOEXEC)) {}
    ~SchedStatFile() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    SchedStatFile(const SchedStatFile&) = delete;
    SchedStatFile& operator=(const SchedStatFile&) = delete;

    // Zeros when the kernel keeps no schedstat: then every stall counts as the app's own.
    SchedStat read() const {
        char text[96];
        const ssize_t got = m_fd >= 0 ? ::pread(m_fd, text, sizeof text - 1, 0) : -1;
        if (got <= 0)
            return {};
        text[got] = '\0';
        char* end = nullptr;
        const std::int64_t run = std::strtoll(text, &end, 10);
        return {.runNs = run, .waitNs = std::strtoll(end, nullptr, 10)};
    }

private:
    int m_fd = -1;
};

std::int64_t cpuNs(clockid_t clock) {
    timespec ts{};
    if (::clock_gettime(clock, &ts) != 0)
        return 0;
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

void raiseTo(std::atomic<std::int64_t>& worst, std::int64_t value) {
    std::int64_t seen = worst.load();
    while (value > seen && !worst.compare_exchange_weak(seen, value)) {
    }
}

} // namespace

struct StallWatchdog::State {
    std::chrono::milliseconds logAbove;
    std::chrono::milliseconds period;
    std::unique_ptr<SchedStatFile> schedStat;
    clockid_t cpuClock = CLOCK_THREAD_CPUTIME_ID; // the watched thread's CPU clock, readable from any thread
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
    bool pingHandled = true;
    std::atomic<std::int64_t> worstUs{0};
    std::atomic<std::int64_t> worstOwnUs{0};
    std::atomic<std::int64_t> worstBusyUs{0};
    std::atomic<std::uint64_t> pings{0};
    std::atomic<std::uint64_t> longStalls{0};

    // On the watched thread: how late the ping posted at `posted` is, and what the thread did meanwhile.
    void handlePing(Clock::time_point posted, const SchedStat& before, std::int64_t cpuBeforeNs) {
        const auto late = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - posted);
        const std::int64_t ranUs = (cpuNs(CLOCK_THREAD_CPUTIME_ID) - cpuBeforeNs) / 1000;
        const SchedStat after = schedStat->read();
        const std::int64_t waitedUs = (after.waitNs - before.waitNs) / 1000;
        const std::int64_t ownUs = std::max<std::int64_t>(0, late.count() - waitedUs);
        raiseTo(worstUs, late.count());
        raiseTo(worstOwnUs, ownUs);
        raiseTo(worstBusyUs, ranUs);
        pings.fetch_add(1);
        if (late > logAbove) {
            longStalls.fetch_add(1);
            qWarning("perflab: the UI thread stalled for %lld ms (ran %lld ms, waited %lld ms for a CPU, "
                     "blocked %lld ms)",
                     static_cast<long long>(late.count() / 1000), static_cast<long long>(ranUs / 1000),
                     static_cast<long long>(waitedUs / 1000),
                     static_cast<long long>(std::max<std::int64_t>(0, ownUs - ranUs) / 1000));
        }
        {
            const std::lock_guard handled(mutex);
            pingHandled = true;
        }
        wake.notify_all();
    }
};

StallWatchdog::StallWatchdog(std::chrono::milliseconds logAbove, std::chrono::milliseconds period)
    : m_state(std::make_shared<State>())
    , m_threadId(static_cast<int>(::syscall(SYS_gettid))) {
    m_state->logAbove = logAbove;
    m_state->period = period;
    m_state->schedStat = std::make_unique<SchedStatFile>(m_threadId);
    if (::pthread_getcpuclockid(::pthread_self(), &m_state->cpuClock) != 0)
        throw std::runtime_error("the stall watchdog cannot read the UI thread's CPU clock");
    m_thread = std::thread([this] { watch(); });
}

StallWatchdog::~StallWatchdog() {
    {
        const std::lock_guard lock(m_state->mutex);
        m_state->stopping = true;
    }
    m_state->wake.notify_all();
    m_thread.join();
}

void StallWatchdog::watch() {
    const std::shared_ptr<State> state = m_state;
    std::unique_lock lock(state->mutex);
    while (!state->stopping) {
        state->pingHandled = false;
        const Clock::time_point posted = Clock::now();
        const SchedStat before = state->schedStat->read();
        const std::int64_t cpuBefore = cpuNs(state->cpuClock);
        QMetaObject::invokeMethod(
            &m_receiver, [state, posted, before, cpuBefore] { state->handlePing(posted, before, cpuBefore); },
            Qt::QueuedConnection);
        state->wake.wait(lock, [&] { return state->stopping || state->pingHandled; });
        state->wake.wait_for(lock, state->period, [&] { return state->stopping; });
    }
}

std::chrono::microseconds StallWatchdog::worstStall() const {
    return std::chrono::microseconds(m_state->worstUs.load());
}

std::chrono::microseconds StallWatchdog::worstOwnStall() const {
    return std::chrono::microseconds(m_state->worstOwnUs.load());
}

std::chrono::microseconds StallWatchdog::worstBusyStall() const {
    return std::chrono::microseconds(m_state->worstBusyUs.load());
}

std::uint64_t StallWatchdog::pings() const {
    return m_state->pings.load();
}

std::uint64_t StallWatchdog::longStalls() const {
    return m_state->longStalls.load();
}

void StallWatchdog::reset() {
    m_state->worstUs = 0;
    m_state->worstOwnUs = 0;
    m_state->worstBusyUs = 0;
    m_state->pings = 0;
    m_state->longStalls = 0;
}

} // namespace perflab
