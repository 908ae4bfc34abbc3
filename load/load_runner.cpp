// LoadRunner: resolves the target once, then runs one worker per thread until the workload ends or stop().
#include "load/load_runner.h"

#include "engines/engine_executor.h"
#include "load/target_plan.h"
#include "load/worker.h"

#include <algorithm>
#include <stdexcept>
#include <thread>

namespace perflab::load {

struct LoadRunner::Impl {
    Impl(const Workload& w, TargetPlan p)
        : workload(w)
        , plan(std::move(p)) {}

    Workload workload;
    TargetPlan plan;
    // In-process targets: the engine's threads, outliving the workers, which wait for every call they queued.
    std::unique_ptr<engines::EngineExecutor> engineCalls;
    std::vector<std::unique_ptr<Worker>> workers;
    bool started = false;
    bool stopped = false;
};

LoadRunner::LoadRunner(const Workload& workload, ResolvedTarget target, LatencyRecorder& recorder)
    : LoadRunner(workload, TargetPlan(target), recorder) {}

LoadRunner::LoadRunner(const Workload& workload, TargetPlan plan, LatencyRecorder& recorder)
    : m_impl(std::make_unique<Impl>(workload, std::move(plan))) {
    const unsigned threads = threadsFor(workload);
    if (recorder.size() < threads)
        throw std::invalid_argument("the latency recorder has " + std::to_string(recorder.size()) +
                                    " slots but the workload runs " + std::to_string(threads) + " threads");
    if (m_impl->plan.engine())
        m_impl->engineCalls = std::make_unique<engines::EngineExecutor>(m_impl->plan.engineThreads());
    for (unsigned i = 0; i < threads; ++i)
        m_impl->workers.push_back(std::make_unique<Worker>(
            m_impl->workload, m_impl->plan, m_impl->engineCalls.get(), recorder.slot(i), i, threads));
}

LoadRunner::~LoadRunner() {
    // Workers join in their destructors; a failure they hold was already reported by stop(), if called.
    requestStop(std::chrono::milliseconds(0));
}

unsigned LoadRunner::threadsFor(const Workload& workload) {
    if (workload.threads > 0)
        return workload.threads;
    return std::max(1u, std::thread::hardware_concurrency());
}

void LoadRunner::start() {
    if (m_impl->started)
        throw std::logic_error("LoadRunner::start called twice");
    m_impl->started = true;
    const Clock::time_point startAt = Clock::now();
    for (const auto& worker : m_impl->workers)
        worker->start(startAt);
}

void LoadRunner::requestStop(std::chrono::milliseconds drainTimeout) {
    if (!m_impl->started || m_impl->stopped)
        return;
    for (const auto& worker : m_impl->workers)
        worker->requestStop(drainTimeout);
}

void LoadRunner::stop(std::chrono::milliseconds drainTimeout) {
    requestStop(drainTimeout);
    if (!m_impl->started || m_impl->stopped)
        return;
    m_impl->stopped = true;
    std::exception_ptr firstFailure;
    for (const auto& worker : m_impl->workers) {
        try {
            worker->join();
        } catch (...) {
            if (!firstFailure)
                firstFailure = std::current_exception();
        }
    }
    if (firstFailure)
        std::rethrow_exception(firstFailure);
}

bool LoadRunner::finished() const noexcept {
    return m_impl->started && std::all_of(m_impl->workers.begin(), m_impl->workers.end(),
                                          [](const auto& worker) { return worker->isDone(); });
}

std::uint32_t LoadRunner::activeUsers() const noexcept {
    std::uint32_t total = 0;
    for (const auto& worker : m_impl->workers)
        total += worker->activeUsers();
    return total;
}

} // namespace perflab::load
