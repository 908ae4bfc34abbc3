// A virtual user's request: pick, send, classify; only the engine's own response allocates per request.
#include "load/virtual_user.h"

#include "collectors/zones/zone_clock.h"
#include "engines/engine.h"

#include <exception>

namespace perflab::load {

namespace asio = boost::asio;

VirtualUser::VirtualUser(asio::io_context& io, const TargetPlan& plan, std::mt19937_64& rng,
                         std::span<char> readBuffer)
    : m_plan(plan)
    , m_rng(rng)
    , m_timer(io) {
    m_connections.reserve(plan.endpointCount());
    for (std::size_t i = 0; i < plan.endpointCount(); ++i)
        m_connections.push_back(
            std::make_unique<HttpConnection>(io, plan.endpoints(i), plan.clientOptions(), readBuffer));
}

asio::awaitable<Outcome> VirtualUser::issue() {
    if (m_plan.engine())
        co_return callEngine();
    const PreparedRequest& request = m_plan.pick(m_rng);
    Outcome outcome = co_await m_connections[request.endpoint]->roundTrip(request);
    outcome.request = static_cast<std::uint32_t>(&request - m_plan.requests().data());
    co_return outcome;
}

Outcome VirtualUser::callEngine() const noexcept {
    // Timed with the tick counter (~10 ns a read, no system call): the engine's share of the worker's CPU.
    const std::uint64_t start = zone_clock::now();
    Outcome outcome = executeEngine();
    outcome.engineTicks = zone_clock::now() - start;
    return outcome;
}

Outcome VirtualUser::executeEngine() const noexcept {
    try {
        const engines::Response response = m_plan.engine()->execute(m_plan.engineRequest());
        if (response.status >= 500)
            return Outcome::failure(ErrorKind::Engine, response.status);
        if (response.status >= 400)
            return Outcome::failure(ErrorKind::Status4xx, response.status);
        return {.ok = true, .error = ErrorKind::Io, .status = response.status};
    } catch (const std::exception&) {
        // The engine failed this request: it is counted as an engine error, like a 5xx answer.
        return Outcome::failure(ErrorKind::Engine);
    }
}

void VirtualUser::abort() noexcept {
    for (const auto& connection : m_connections)
        connection->abort();
    m_timer.cancel();
}

} // namespace perflab::load
