// Optimized: execute() hands a request's item calls to the engine's I/O thread, which runs them at once as
// coroutines over the pool, and waits on a latch for the last one.
#include "engines/integration/integration_optimized.h"

#include "engines/integration/backoff.h"
#include "engines/integration/circuit_breaker.h"
#include "engines/integration/connection_pool.h"
#include "engines/integration/enrichment.h"
#include "engines/integration/fallback_store.h"
#include "engines/integration/upstream.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <latch>
#include <random>
#include <stdexcept>
#include <thread>

namespace perflab::engines::integration {

namespace asio = boost::asio;

namespace {

// Enough idle connections for a few concurrent requests' calls; more would only hold descriptors.
constexpr std::size_t kMaxIdleConnections = 64;

// One execute(): a slot per item, filled on the I/O thread; the latch publishes them to the caller.
struct Batch {
    explicit Batch(std::size_t size)
        : items(size)
        , failures(size)
        , remaining(static_cast<std::ptrdiff_t>(size)) {}
    std::vector<EnrichedItem> items;
    std::vector<std::string> failures; // non-empty: that item has no answer, fresh or stale
    std::latch remaining;
};

std::string whatOf(const std::exception_ptr& failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const std::exception& e) {
        return e.what();
    }
}

} // namespace

struct IntegrationOptimized::Impl {
    Impl(std::uint16_t port, const EngineOptions& options)
        : pool(io, port, kMaxIdleConnections)
        , breaker({},
                  [events = options.events](auto from, auto to, const std::string& why) {
                      if (events)
                          events->emit("breaker", "upstream breaker " + std::string(toString(from)) + " -> " +
                                                      std::string(toString(to)) + ": " + why);
                  })
        , rng(options.seed)
        , seed(options.seed)
        , thread([this] { io.run(); }) {}

    ~Impl() {
        work.reset();
        io.stop();
        thread.join();
    }

    asio::awaitable<void> fetch(std::uint32_t id, EnrichedItem& result, std::string& failure);
    // Retries with jittered backoff while the breaker lets calls through; the last failure, if any.
    asio::awaitable<std::string> tryUpstream(std::uint32_t id, EnrichedItem& result);

    asio::io_context io{1};
    asio::executor_work_guard<asio::io_context::executor_type> work = asio::make_work_guard(io);
    ConnectionPool pool;
    CircuitBreaker breaker;
    FallbackStore fallback;
    std::mt19937_64 rng;
    const ResiliencePolicy policy{};
    const BackoffPolicy backoff{};
    const unsigned seed;
    std::thread thread; // last: it starts running the members above
};

asio::awaitable<std::string> IntegrationOptimized::Impl::tryUpstream(std::uint32_t id, EnrichedItem& result) {
    const std::string request = itemRequest(id, true);
    std::string lastFailure = "the upstream breaker is open";
    asio::steady_timer pause(io);
    for (unsigned attempt = 0; attempt < policy.attempts; ++attempt) {
        if (attempt > 0) {
            boost::system::error_code ignored;
            pause.expires_after(backoffDelay(backoff, attempt - 1, rng));
            co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
        }
        if (!breaker.allow(std::chrono::steady_clock::now()))
            co_return attempt == 0 ? lastFailure : lastFailure + ", then the breaker opened";
        try {
            const UpstreamReply reply = co_await pool.call(request, policy.callTimeout);
            if (reply.status == 200) {
                result = {.item = parseItem(reply.body), .stale = false};
                breaker.recordSuccess();
                fallback.remember(result.item);
                co_return std::string();
            }
            lastFailure = "the upstream answered " + std::to_string(reply.status);
        } catch (const std::runtime_error& failure) {
            lastFailure = failure.what();
        }
        breaker.recordFailure(std::chrono::steady_clock::now());
    }
    co_return lastFailure;
}

asio::awaitable<void> IntegrationOptimized::Impl::fetch(std::uint32_t id, EnrichedItem& result,
                                                        std::string& failure) {
    const std::string problem = co_await tryUpstream(id, result);
    if (problem.empty())
        co_return;
    if (const auto lastGood = fallback.lastGood(id))
        result = {.item = *lastGood, .stale = true};
    else
        failure = "item " + std::to_string(id) + ": " + problem + ", and no earlier answer to fall back on";
}

IntegrationOptimized::IntegrationOptimized(const Upstream& upstream, const EngineOptions& options)
    : m_impl(std::make_unique<Impl>(upstream.port(), options)) {}

IntegrationOptimized::~IntegrationOptimized() = default;

Response IntegrationOptimized::execute(std::string_view request) {
    std::vector<std::uint32_t> ids;
    try {
        ids = parseItemIds(request);
    } catch (const std::invalid_argument& bad) {
        return errorResponse(400, bad.what());
    }
    Batch batch(ids.size());
    Impl& impl = *m_impl;
    asio::post(impl.io, [&impl, &batch, &ids] { // one hand-over for the whole request
        for (std::size_t i = 0; i < ids.size(); ++i)
            asio::co_spawn(impl.io, impl.fetch(ids[i], batch.items[i], batch.failures[i]),
                           [&batch, i](const std::exception_ptr& failure) {
                               if (failure)
                                   batch.failures[i] = "item call failed: " + whatOf(failure);
                               batch.remaining.count_down();
                           });
    });
    batch.remaining.wait();
    for (const std::string& failure : batch.failures)
        if (!failure.empty())
            return errorResponse(503, failure);
    return {.status = 200, .body = answerJson(batch.items)};
}

std::string IntegrationOptimized::sampleRequest() const {
    return sampleItemsRequest(m_impl->seed);
}

} // namespace perflab::engines::integration
