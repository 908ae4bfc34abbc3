// Measures how long the UI thread leaves events waiting: a thread posts a ping to it every few
// milliseconds and the UI thread notes how late it got to it. Keeps the worst stall and logs long ones.
// Each stall is split (from the kernel's schedstat) into time the thread ran, time it was ready but waited
// for a CPU (an overloaded machine), and the rest (blocked: I/O, locks), so the app's own share is known.
#pragma once

#include <QObject>

#include <chrono>
#include <cstdint>
#include <memory>
#include <thread>

namespace perflab {

class StallWatchdog {
public:
    // Must be created on the thread to watch (the UI thread); stalls over `logAbove` are logged (qWarning).
    explicit StallWatchdog(std::chrono::milliseconds logAbove = std::chrono::milliseconds(50),
                           std::chrono::milliseconds period = std::chrono::milliseconds(5));
    ~StallWatchdog();
    StallWatchdog(const StallWatchdog&) = delete;
    StallWatchdog& operator=(const StallWatchdog&) = delete;

    // The longest a ping waited since the start or the last reset().
    std::chrono::microseconds worstStall() const;
    // The longest a ping waited less the time the thread was ready but had no CPU (from schedstat, which
    // may lag: an upper bound of what the app itself held the UI thread for, running or blocked).
    std::chrono::microseconds worstOwnStall() const;
    // The most CPU time (its thread CPU clock) the UI thread spent while a ping waited: the longest stretch
    // of the app's own work between two looks at its event queue.
    std::chrono::microseconds worstBusyStall() const;
    // Pings handled, and those that waited longer than logAbove, since the start or the last reset().
    std::uint64_t pings() const;
    std::uint64_t longStalls() const;
    void reset();

private:
    struct State;
    void watch();

    std::shared_ptr<State> m_state; // shared with pings still queued when the watchdog goes
    QObject m_receiver;             // lives on the watched thread; its deletion drops queued pings
    std::thread m_thread;
    int m_threadId = 0; // the watched thread's kernel id, for its schedstat
};

} // namespace perflab
