// A load worker thread: runs its executor to completion on a private event loop.
#include "load/worker.h"

#include "collectors/resources/process_threads.h"
#include "load/closed_model_executor.h"
#include "load/open_model_executor.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>

namespace perflab::load {

namespace asio = boost::asio;

Worker::Worker(const Workload& workload, const TargetPlan& plan, engines::EngineExecutor* engineCalls,
               LatencyRecorder::Slot& slot, unsigned index, unsigned count) {
    const ExecutorSetup setup{.io = m_io,
                              .workload = workload,
                              .plan = plan,
                              .slot = slot,
                              .engineCalls = engineCalls,
                              .index = index,
                              .count = count};
    if (workload.model == WorkloadModel::ArrivalRate)
        m_executor = std::make_unique<OpenModelExecutor>(setup);
    else
        m_executor = std::make_unique<ClosedModelExecutor>(setup);
}

Worker::~Worker() {
    if (m_thread.joinable())
        m_thread.join();
}

void Worker::start(Clock::time_point startAt) {
    m_executor->setStart(startAt);
    m_thread = std::thread([this] { runLoop(); });
}

void Worker::runLoop() {
    profiling::nameThisThread(profiling::kLoadThreadName);
    asio::co_spawn(m_io, m_executor->run(), [this](std::exception_ptr failure) { m_failure = failure; });
    try {
        m_io.run();
    } catch (...) {
        m_failure = std::current_exception(); // handed to join(), which rethrows it
    }
    m_done.store(true, std::memory_order_release);
}

void Worker::requestStop(std::chrono::milliseconds drainTimeout) {
    const Clock::time_point deadline = Clock::now() + drainTimeout;
    m_executor->signalStop();
    asio::post(m_io, [this, deadline] { m_executor->requestStop(deadline); });
}

void Worker::join() {
    if (m_thread.joinable())
        m_thread.join();
    if (m_failure)
        std::rethrow_exception(std::exchange(m_failure, nullptr));
}

} // namespace perflab::load
