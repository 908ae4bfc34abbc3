// A virtual user's request: pick, send (or queue the engine call), classify.
#include "load/virtual_user.h"

#include "engines/engine.h"
#include "engines/engine_executor.h"

#include <boost/asio/append.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>

namespace perflab::load {

namespace asio = boost::asio;

VirtualUser::VirtualUser(asio::io_context& io, const TargetPlan& plan, engines::EngineExecutor* engineCalls,
                         std::mt19937_64& rng, std::span<char> readBuffer)
    : m_plan(plan)
    , m_engineCalls(engineCalls)
    , m_rng(rng)
    , m_timer(io) {
    m_connections.reserve(plan.endpointCount());
    for (std::size_t i = 0; i < plan.endpointCount(); ++i)
        m_connections.push_back(
            std::make_unique<HttpConnection>(io, plan.endpoints(i), plan.clientOptions(), readBuffer));
}

asio::awaitable<Outcome> VirtualUser::issue() {
    if (m_plan.engine())
        co_return co_await callEngine();
    const PreparedRequest& request = m_plan.pick(m_rng);
    Outcome outcome = co_await m_connections[request.endpoint]->roundTrip(request);
    outcome.request = request.part;
    co_return outcome;
}

asio::awaitable<Outcome> VirtualUser::callEngine() {
    const engines::RequestMix::Request& request = m_plan.pickEngineRequest(m_rng); // on the worker: its rng
    return asio::async_initiate<const asio::use_awaitable_t<>&, void(Outcome)>(
        [this, &request](auto answer) {
            // The guard keeps the worker's loop running until the answer is back on it: a worker never ends
            // (and takes this user with it) while an engine thread still holds one of its calls.
            auto work = asio::make_work_guard(answer);
            asio::post(m_engineCalls->executor(), [this, &request, answer = std::move(answer),
                                                   work = std::move(work)]() mutable {
                Outcome outcome = m_abandoned.load(std::memory_order_relaxed)
                                      ? Outcome::failure(ErrorKind::Io)
                                      : executeEngine(request.body);
                outcome.request = request.shape;
                asio::post(asio::append(std::move(answer), outcome)); // resumes the user on its worker
            });
        },
        asio::use_awaitable);
}

Outcome VirtualUser::executeEngine(const std::string& body) const noexcept {
    try {
        const engines::Response response = m_plan.engine()->execute(body);
        if (response.status >= 500)
            return Outcome::failure(ErrorKind::Engine, response.status);
        if (response.status >= 400)
            return Outcome::failure(ErrorKind::Status4xx, response.status);
        return {
            .ok = true, .error = ErrorKind::Io, .status = response.status, .staleAgeMs = response.staleAgeMs};
    } catch (const std::exception&) {
        // The engine failed this request: it is counted as an engine error, like a 5xx answer.
        return Outcome::failure(ErrorKind::Engine);
    }
}

void VirtualUser::abort() noexcept {
    m_abandoned.store(true, std::memory_order_relaxed);
    for (const auto& connection : m_connections)
        connection->abort();
    m_timer.cancel();
}

} // namespace perflab::load
