// The shared life cycle of a worker's executor: run the model, stop, drain in-flight requests, abort late
// ones.
#include "load/executor.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>

namespace perflab::load {

namespace asio = boost::asio;

namespace {
std::int64_t micros(Clock::duration d) noexcept {
    return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
}
} // namespace

Executor::Executor(const ExecutorSetup& setup)
    : m_io(setup.io)
    , m_workload(setup.workload)
    , m_plan(setup.plan)
    , m_slot(setup.slot)
    , m_engineCalls(setup.engineCalls)
    , m_index(setup.index)
    , m_count(setup.count)
    , m_rng(0x9e3779b97f4a7c15ULL + setup.index) // seeded per worker: runs repeat their draws
    , m_readBuffer(64 * 1024)
    , m_timer(setup.io)
    , m_drainTimer(setup.io) {}

void Executor::setStart(Clock::time_point start) noexcept {
    m_start = start;
    m_end = start + m_workload.totalDuration();
}

asio::awaitable<void> Executor::run() {
    co_await issueUntilEnd();
    m_stopping = true;
    wakeIdleUsers();
    co_await drain();
}

void Executor::requestStop(Clock::time_point drainDeadline) {
    m_stopping = true;
    m_drainDeadline = std::min(m_drainDeadline, drainDeadline);
    m_timer.cancel();
    m_drainTimer.cancel();
}

asio::awaitable<bool> Executor::sleepUntil(Clock::time_point until) {
    if (m_stopping)
        co_return false;
    boost::system::error_code ec;
    m_timer.expires_at(until);
    co_await m_timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    co_return !m_stopping;
}

asio::awaitable<void> Executor::drain() {
    m_draining = true;
    m_drainDeadline = std::min(m_drainDeadline, std::max(m_end, Clock::now()) + kDefaultDrain);
    while (m_running > 0 && Clock::now() < m_drainDeadline) {
        boost::system::error_code ec;
        m_drainTimer.expires_at(m_drainDeadline);
        co_await m_drainTimer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    if (m_running > 0) {
        // What is still in flight is abandoned, not recorded: it did not fail, we stopped waiting.
        m_aborted = true;
        abortUsers();
    }
}

void Executor::userFinished() noexcept {
    --m_running;
    if (m_draining && m_running == 0)
        m_drainTimer.cancel();
}

void Executor::record(const Outcome& outcome, Clock::time_point intended, Clock::time_point sent,
                      Clock::time_point done) noexcept {
    if (m_aborted)
        return;
    const std::int64_t latencyUs = micros(done - intended);
    const std::int64_t serviceUs = micros(done - sent);
    const RequestTag tag{.request = outcome.request, .status = outcome.status};
    if (outcome.isDegraded())
        m_slot.recordDegraded(outcome.staleAgeMs, tag);
    else if (outcome.ok)
        m_slot.recordSuccess(latencyUs, serviceUs, tag);
    else
        m_slot.recordError(outcome.error, latencyUs, serviceUs, tag);
}

void Executor::countIfLate(Clock::time_point intended, Clock::time_point sent) noexcept {
    if (sent - intended > kLateSendThreshold)
        m_slot.countLateSend();
}

} // namespace perflab::load
