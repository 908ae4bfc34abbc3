// A virtual user: one request at a time over its own keep-alive connections, or an in-process engine call.
#pragma once

#include "load/http/http_connection.h"
#include "load/outcome.h"
#include "load/target_plan.h"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <memory>
#include <random>
#include <span>
#include <vector>

namespace perflab::load {

class VirtualUser {
public:
    // rng and readBuffer: the worker's (users of one worker share its thread).
    VirtualUser(boost::asio::io_context& io, const TargetPlan& plan, std::mt19937_64& rng,
                std::span<char> readBuffer);

    // Sends one request (drawn by weight) and waits for its response. An engine call runs right here,
    // on the worker thread, and completes without suspending.
    boost::asio::awaitable<Outcome> issue();
    // Think time (closed model) or waiting for the next arrival (open model).
    boost::asio::steady_timer& timer() noexcept { return m_timer; }
    // Fails in-flight requests and cancels the timer: a drain ran out of time.
    void abort() noexcept;

private:
    Outcome callEngine() const noexcept;
    Outcome executeEngine() const noexcept;

    const TargetPlan& m_plan;
    std::mt19937_64& m_rng;
    std::vector<std::unique_ptr<HttpConnection>> m_connections; // one per endpoint, opened on first use
    boost::asio::steady_timer m_timer;
};

} // namespace perflab::load
