// Open-model scheduling: latency runs from the intended send time, so a stalled target cannot hide queueing.
#include "load/open_model_executor.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace perflab::load {

namespace asio = boost::asio;

OpenModelExecutor::OpenModelExecutor(const ExecutorSetup& setup)
    : Executor(setup)
    , m_cap(userCapFor(setup.workload.maxVus, setup.index, setup.count)) {}

std::uint32_t OpenModelExecutor::userCapFor(std::uint32_t maxVus, unsigned index, unsigned count) noexcept {
    return maxVus / count + (index < maxVus % count ? 1 : 0);
}

double OpenModelExecutor::nextWork(double& phase) {
    if (m_workload.poisson)
        return std::exponential_distribution<double>(1.0)(m_rng);
    // Uniform: worker i of n starts (i + 0.5)/n of an interval in, so the workers' arrivals interleave
    // into one evenly spaced stream at the whole rate.
    const double work = phase;
    phase = 1.0;
    return work;
}

asio::awaitable<void> OpenModelExecutor::issueUntilEnd() {
    ArrivalSchedule schedule(m_workload.stages, 1.0 / m_count);
    double phase = (m_index + 0.5) / m_count;
    while (!isStopping()) {
        const auto at = schedule.advance(nextWork(phase));
        if (!at)
            break;
        const Clock::time_point intended = start() + std::chrono::duration_cast<Clock::duration>(*at);
        if (intended > Clock::now()) {
            if (!co_await sleepUntil(intended))
                co_return;
        } else {
            co_await asio::post(m_io,
                                asio::use_awaitable); // behind schedule: let finished users return first
            if (isStopping())
                co_return;
        }
        dispatch(intended);
    }
    co_await sleepUntil(end()); // the run lasts its whole duration even when arrivals end earlier
}

void OpenModelExecutor::dispatch(Clock::time_point intended) {
    if (!m_free.empty()) {
        PooledUser& pooled = *m_free.back();
        m_free.pop_back();
        pooled.intended = intended;
        pooled.hasJob = true;
        pooled.user.timer().cancel();
        return;
    }
    if (m_users.size() >= m_cap) {
        m_slot.countDroppedSend(); // never wait for a user: that would slow the arrival rate down silently
        return;
    }
    m_users.push_back(std::make_unique<PooledUser>(m_io, m_plan, m_engineCalls, m_rng, m_readBuffer));
    m_free.reserve(m_users.size());
    PooledUser& pooled = *m_users.back();
    pooled.intended = intended;
    pooled.hasJob = true;
    userStarted();
    asio::co_spawn(m_io, userLoop(pooled), asio::detached);
}

asio::awaitable<void> OpenModelExecutor::userLoop(PooledUser& pooled) {
    for (;;) {
        if (!pooled.hasJob) {
            boost::system::error_code ec;
            pooled.user.timer().expires_at(Clock::time_point::max());
            co_await pooled.user.timer().async_wait(asio::redirect_error(asio::use_awaitable, ec));
            if (!pooled.hasJob)
                break; // woken without work: the run is over
        }
        pooled.hasJob = false;
        m_active.fetch_add(1, std::memory_order_relaxed);
        const Clock::time_point sent = Clock::now();
        countIfLate(pooled.intended, sent);
        const Outcome outcome = co_await pooled.user.issue();
        record(outcome, pooled.intended, sent, Clock::now());
        m_active.fetch_sub(1, std::memory_order_relaxed);
        if (isStopping())
            break;
        m_free.push_back(&pooled);
    }
    userFinished();
}

void OpenModelExecutor::wakeIdleUsers() noexcept {
    for (PooledUser* pooled : m_free)
        pooled->user.timer().cancel();
    m_free.clear();
}

void OpenModelExecutor::abortUsers() noexcept {
    for (const auto& pooled : m_users)
        pooled->user.abort();
}

} // namespace perflab::load
