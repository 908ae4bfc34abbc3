// A virtual user: one request at a time over its own keep-alive connections, or an in-process engine call.
#pragma once

#include "load/http/http_connection.h"
#include "load/outcome.h"
#include "load/target_plan.h"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <memory>
#include <random>
#include <span>
#include <vector>

namespace perflab::engines {
class EngineExecutor;
}

namespace perflab::load {

class VirtualUser {
public:
    // engineCalls: where the plan's engine is called (null for HTTP); rng and readBuffer: the worker's (users
    // of one worker share its thread).
    VirtualUser(boost::asio::io_context& io, const TargetPlan& plan, engines::EngineExecutor* engineCalls,
                std::mt19937_64& rng, std::span<char> readBuffer);

    // Sends one request (drawn by weight) and waits for its response. An engine call waits its turn in the
    // engine executor's queue and runs on one of its threads, as a request to a server would.
    boost::asio::awaitable<Outcome> issue();
    // Think time (closed model) or waiting for the next arrival (open model).
    boost::asio::steady_timer& timer() noexcept { return m_timer; }
    // Fails in-flight requests and cancels the timer: a drain ran out of time. A queued engine call is
    // answered without calling the engine; one already running cannot be stopped, and its answer still comes.
    void abort() noexcept;

private:
    boost::asio::awaitable<Outcome> callEngine();
    Outcome executeEngine(const std::string& body) const noexcept;

    const TargetPlan& m_plan;
    engines::EngineExecutor* const m_engineCalls;
    std::atomic<bool> m_abandoned{false}; // read by the engine thread that takes this user's call
    std::mt19937_64& m_rng;
    std::vector<std::unique_ptr<HttpConnection>> m_connections; // one per endpoint, opened on first use
    boost::asio::steady_timer m_timer;
};

} // namespace perflab::load
