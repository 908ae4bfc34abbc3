// StallWatchdog: one ping in flight at a time, so a long stall is one measurement (its full length), not
// many overlapping ones.
#include "app/stall_watchdog.h"

#include <QMetaObject>
#include <QtDebug>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>

namespace perflab {

using Clock = std::chrono::steady_clock;

struct StallWatchdog::State {
    std::chrono::milliseconds logAbove;
    std::chrono::milliseconds period;
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
    bool pingHandled = true;
    std::atomic<std::int64_t> worstUs{0};
    std::atomic<std::uint64_t> pings{0};
    std::atomic<std::uint64_t> longStalls{0};
};

StallWatchdog::StallWatchdog(std::chrono::milliseconds logAbove, std::chrono::milliseconds period)
    : m_state(std::make_shared<State>()) {
    m_state->logAbove = logAbove;
    m_state->period = period;
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
        QMetaObject::invokeMethod(
            &m_receiver,
            [state, posted] {
                const auto late =
                    std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - posted);
                std::int64_t worst = state->worstUs.load();
                while (late.count() > worst && !state->worstUs.compare_exchange_weak(worst, late.count())) {
                }
                state->pings.fetch_add(1);
                if (late > state->logAbove) {
                    state->longStalls.fetch_add(1);
                    qWarning("perflab: the UI thread stalled for %lld ms",
                             static_cast<long long>(late.count() / 1000));
                }
                {
                    const std::lock_guard handled(state->mutex);
                    state->pingHandled = true;
                }
                state->wake.notify_all();
            },
            Qt::QueuedConnection);
        state->wake.wait(lock, [&] { return state->stopping || state->pingHandled; });
        state->wake.wait_for(lock, state->period, [&] { return state->stopping; });
    }
}

std::chrono::microseconds StallWatchdog::worstStall() const {
    return std::chrono::microseconds(m_state->worstUs.load());
}

std::uint64_t StallWatchdog::pings() const {
    return m_state->pings.load();
}

std::uint64_t StallWatchdog::longStalls() const {
    return m_state->longStalls.load();
}

void StallWatchdog::reset() {
    m_state->worstUs = 0;
    m_state->pings = 0;
    m_state->longStalls = 0;
}

} // namespace perflab
