// What both workload models share on one worker: the clock, stopping, draining and recording.
#pragma once

#include "collectors/latency_recorder.h"
#include "load/outcome.h"
#include "load/target_plan.h"
#include "model/scenario/scenario.h"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <random>
#include <vector>

namespace perflab::engines {
class EngineExecutor;
}

namespace perflab::load {

using Clock = std::chrono::steady_clock;

// How long in-flight requests may finish after the workload's last stage, when nobody called stop().
inline constexpr std::chrono::milliseconds kDefaultDrain{5000};

struct ExecutorSetup {
    boost::asio::io_context& io;
    const Workload& workload;
    const TargetPlan& plan;
    LatencyRecorder::Slot& slot;
    engines::EngineExecutor* engineCalls = nullptr; // where in-process engine calls run (the plan's engine)
    unsigned index = 0;                             // this worker
    unsigned count = 1;                             // all workers
};

// A send that leaves more than this after its intended time counts as late (the worker was busy, or a paced
// user was still waiting for its previous answer).
inline constexpr std::chrono::milliseconds kLateSendThreshold{10};

// Lives on one worker thread; only activeUsers() and signalStop() are used from elsewhere.
class Executor {
public:
    explicit Executor(const ExecutorSetup& setup);
    virtual ~Executor() = default;
    Executor(const Executor&) = delete;
    Executor& operator=(const Executor&) = delete;

    void setStart(Clock::time_point start) noexcept; // before run()
    // Issues requests until the workload ends or a stop arrives, then drains; done when every user is.
    boost::asio::awaitable<void> run();
    // On the worker thread: no new requests; in-flight ones may finish until the deadline.
    void requestStop(Clock::time_point drainDeadline);
    // Any thread, before requestStop is posted: users see the stop before their next request, not once the
    // worker reaches the posted request (behind the answers already queued for its users).
    void signalStop() noexcept { m_stopSignalled.store(true, std::memory_order_relaxed); }
    std::uint32_t activeUsers() const noexcept { return m_active.load(std::memory_order_relaxed); }

protected:
    virtual boost::asio::awaitable<void> issueUntilEnd() = 0;
    virtual void wakeIdleUsers() noexcept = 0; // after stopping: users waiting for work exit
    virtual void abortUsers() noexcept = 0;    // the drain ran out of time

    // Waits until `until` or a stop; true when the run goes on.
    boost::asio::awaitable<bool> sleepUntil(Clock::time_point until);
    void userStarted() noexcept { ++m_running; }
    void userFinished() noexcept;
    void record(const Outcome& outcome, Clock::time_point intended, Clock::time_point sent,
                Clock::time_point done) noexcept;
    // Counts a send that leaves more than kLateSendThreshold after its intended time.
    void countIfLate(Clock::time_point intended, Clock::time_point sent) noexcept;

    bool isStopping() const noexcept { return m_stopping || m_stopSignalled.load(std::memory_order_relaxed); }
    Clock::time_point start() const noexcept { return m_start; }
    Clock::time_point end() const noexcept { return m_end; }

    boost::asio::io_context& m_io;
    const Workload& m_workload;
    const TargetPlan& m_plan;
    LatencyRecorder::Slot& m_slot;
    engines::EngineExecutor* const m_engineCalls;
    const unsigned m_index;
    const unsigned m_count;
    std::mt19937_64 m_rng;
    std::vector<char> m_readBuffer; // shared by the worker's connections: each reads, then parses at once
    std::atomic<std::uint32_t> m_active{0};

private:
    boost::asio::awaitable<void> drain();

    boost::asio::steady_timer m_timer;      // the executor's own sleeps
    boost::asio::steady_timer m_drainTimer; // woken when the last user finishes
    Clock::time_point m_start{};
    Clock::time_point m_end{};
    Clock::time_point m_drainDeadline = Clock::time_point::max();
    std::uint32_t m_running = 0; // user coroutines alive
    bool m_stopping = false;
    std::atomic<bool> m_stopSignalled{false};
    bool m_draining = false;
    bool m_aborted = false;
};

} // namespace perflab::load
