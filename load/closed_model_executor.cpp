// Closed-model virtual users. Without pacing, latency is service time by design: a user sends when its last
// answer came (and its think time passed), so it is never late. A paced user has a schedule, one send per
// pacing period: its latency runs from the scheduled send, and a send that a slow answer pushed past its slot
// is late and counted, as in the open model. Slots missed while a user waited are sent at once afterwards
// (wrk2's catch-up), so the schedule's count of requests holds and the wait shows in the latencies.
#include "load/closed_model_executor.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cmath>

namespace perflab::load {

namespace asio = boost::asio;

namespace {
// How often the number of users follows the target: ramps move in steps this short.
constexpr std::chrono::milliseconds kRampTick{10};
} // namespace

std::uint32_t ClosedModelExecutor::usersFor(std::uint32_t total, unsigned index, unsigned count) noexcept {
    return total > index ? (total - index + count - 1) / count : 0;
}

asio::awaitable<void> ClosedModelExecutor::issueUntilEnd() {
    for (;;) {
        const Clock::time_point now = Clock::now();
        if (isStopping() || now >= end())
            break;
        const auto elapsed = std::chrono::duration_cast<Millis>(now - start());
        const double target = std::max(0.0, m_workload.targetAt(elapsed));
        m_wanted = usersFor(static_cast<std::uint32_t>(std::lround(target)), m_index, m_count);
        startUsers();
        if (!co_await sleepUntil(std::min(now + kRampTick, end())))
            break;
    }
    m_wanted = 0;
}

void ClosedModelExecutor::startUsers() {
    while (m_users.size() < m_wanted) {
        m_users.push_back(std::make_unique<VirtualUser>(m_io, m_plan, m_engineCalls, m_rng, m_readBuffer));
        m_isRunning.push_back(false);
    }
    for (std::size_t i = 0; i < m_wanted; ++i) {
        if (!m_isRunning[i]) {
            m_isRunning[i] = true;
            userStarted();
            asio::co_spawn(m_io, userLoop(i), asio::detached);
        }
    }
}

asio::awaitable<void> ClosedModelExecutor::userLoop(std::size_t index) {
    VirtualUser& user = *m_users[index];
    m_active.fetch_add(1, std::memory_order_relaxed);
    const bool paced = m_workload.pacing.count() > 0;
    Clock::time_point scheduled = Clock::now();
    while (!isStopping() && index < m_wanted) {
        const Clock::time_point sent = Clock::now();
        if (paced)
            countIfLate(scheduled, sent);
        else
            scheduled = sent;
        const Outcome outcome = co_await user.issue();
        record(outcome, scheduled, sent, Clock::now());
        // Think time waits after the response; pacing waits until the next request is due.
        if ((m_workload.thinkTime.count() > 0 || paced) && !isStopping()) {
            boost::system::error_code ec;
            if (paced)
                user.timer().expires_at(scheduled += m_workload.pacing);
            else
                user.timer().expires_after(m_workload.thinkTime);
            co_await user.timer().async_wait(asio::redirect_error(asio::use_awaitable, ec));
        }
    }
    m_active.fetch_sub(1, std::memory_order_relaxed);
    m_isRunning[index] = false;
    userFinished();
}

void ClosedModelExecutor::wakeIdleUsers() noexcept {
    for (const auto& user : m_users)
        user->timer().cancel(); // users thinking notice the stop now
}

void ClosedModelExecutor::abortUsers() noexcept {
    for (const auto& user : m_users)
        user->abort();
}

} // namespace perflab::load
