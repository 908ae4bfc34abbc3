// One load generator thread: its own io_context (concurrency hint 1), executor, users and recorder slot.
#pragma once

#include "collectors/latency_recorder.h"
#include "load/executor.h"
#include "load/target_plan.h"
#include "model/scenario/scenario.h"

#include <boost/asio/io_context.hpp>

#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <thread>

namespace perflab::load {

class Worker {
public:
    // engineCalls: where the plan's in-process engine calls run; it must outlive the worker.
    Worker(const Workload& workload, const TargetPlan& plan, engines::EngineExecutor* engineCalls,
           LatencyRecorder::Slot& slot, unsigned index, unsigned count);
    ~Worker(); // joins
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void start(Clock::time_point startAt);
    // Any thread: no new requests; in-flight ones may finish within drainTimeout.
    void requestStop(std::chrono::milliseconds drainTimeout);
    // Waits for the thread; rethrows what escaped its event loop (none of the request errors do).
    void join();
    bool isDone() const noexcept { return m_done.load(std::memory_order_acquire); }
    std::uint32_t activeUsers() const noexcept { return m_executor->activeUsers(); }

private:
    void runLoop();

    boost::asio::io_context m_io{1};
    std::unique_ptr<Executor> m_executor; // after m_io: its sockets and timers go first
    std::thread m_thread;
    std::atomic<bool> m_done{false};
    std::exception_ptr m_failure;
};

} // namespace perflab::load
