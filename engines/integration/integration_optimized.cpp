// Optimized: execute() runs a request's item calls at once as coroutines over pooled connections, driving
// their I/O on the calling thread: no hand-over to another thread and back on the way.
#include "engines/integration/integration_optimized.h"

#include "collectors/zones/zone.h"
#include "engines/integration/backoff.h"
#include "engines/integration/circuit_breaker.h"
#include "engines/integration/connection_pool.h"
#include "engines/integration/enrichment.h"
#include "engines/integration/fallback_store.h"
#include "engines/integration/upstream.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <mutex>
#include <random>
#include <stdexcept>

namespace perflab::engines::integration {

namespace asio = boost::asio;

namespace {

constexpr ZoneSite kExecuteZone = PERFLAB_ZONE_SITE("integration.optimized");

// Enough idle connections for one request's calls; more would only hold descriptors.
constexpr std::size_t kMaxIdleConnections = kMaxItemsPerRequest;

// What one execute() drives: an io_context and its own pool of connections. A request takes an idle lane
// (or makes one), so there are as many lanes as requests ever ran at once.
struct Lane {
    Lane(std::uint16_t port, unsigned seed)
        : pool(io, port, kMaxIdleConnections)
        , rng(seed) {}
    asio::io_context io{1};
    ConnectionPool pool;
    std::mt19937_64 rng; // backoff jitter
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
    Impl(std::uint16_t port_, const EngineOptions& options)
        : port(port_)
        , seed(options.seed)
        , breaker({}, [events = options.events](auto from, auto to, const std::string& why) {
            if (events)
                events->publish(EventKind::Breaker, "upstream breaker " + std::string(toString(from)) +
                                                        " -> " + std::string(toString(to)) + ": " + why);
        }) {}

    std::unique_ptr<Lane> takeLane();
    void giveBack(std::unique_ptr<Lane> lane);
    asio::awaitable<void> fetch(Lane& lane, std::uint32_t id, EnrichedItem& result, std::string& failure);
    // Retries with jittered backoff while the breaker lets calls through; the last failure, if any.
    asio::awaitable<std::string> tryUpstream(Lane& lane, std::uint32_t id, EnrichedItem& result);
    bool allowCall() {
        const std::lock_guard lock(shared);
        return breaker.allow(std::chrono::steady_clock::now());
    }
    void recordSuccess(const Item& item) {
        const std::lock_guard lock(shared);
        breaker.recordSuccess();
        fallback.remember(item);
    }
    void recordFailure() {
        const std::lock_guard lock(shared);
        breaker.recordFailure(std::chrono::steady_clock::now());
    }
    std::optional<Item> lastGood(std::uint32_t id) {
        const std::lock_guard lock(shared);
        return fallback.lastGood(id);
    }

    const std::uint16_t port;
    const unsigned seed;
    const ResiliencePolicy policy{};
    const BackoffPolicy backoff{};
    std::mutex lanesMutex;
    std::vector<std::unique_ptr<Lane>> idleLanes;
    unsigned lanesMade = 0;
    std::mutex shared; // the breaker and the fallback: one view of the upstream for every lane
    CircuitBreaker breaker;
    FallbackStore fallback;
};

std::unique_ptr<Lane> IntegrationOptimized::Impl::takeLane() {
    const std::lock_guard lock(lanesMutex);
    if (idleLanes.empty())
        return std::make_unique<Lane>(port, seed + ++lanesMade);
    std::unique_ptr<Lane> lane = std::move(idleLanes.back());
    idleLanes.pop_back();
    return lane;
}

void IntegrationOptimized::Impl::giveBack(std::unique_ptr<Lane> lane) {
    const std::lock_guard lock(lanesMutex);
    idleLanes.push_back(std::move(lane));
}

asio::awaitable<std::string> IntegrationOptimized::Impl::tryUpstream(Lane& lane, std::uint32_t id,
                                                                     EnrichedItem& result) {
    const std::string request = itemRequest(id, true);
    std::string lastFailure = "the upstream breaker is open";
    asio::steady_timer pause(lane.io);
    for (unsigned attempt = 0; attempt < policy.attempts; ++attempt) {
        if (attempt > 0) {
            boost::system::error_code ignored;
            pause.expires_after(backoffDelay(backoff, attempt - 1, lane.rng));
            co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
        }
        if (!allowCall())
            co_return attempt == 0 ? lastFailure : lastFailure + ", then the breaker opened";
        try {
            const UpstreamReply reply = co_await lane.pool.call(request, policy.callTimeout);
            if (reply.status == 200) {
                result = {.item = parseItem(reply.body), .stale = false};
                recordSuccess(result.item);
                co_return std::string();
            }
            lastFailure = "the upstream answered " + std::to_string(reply.status);
        } catch (const std::runtime_error& failure) {
            lastFailure = failure.what();
        }
        recordFailure();
    }
    co_return lastFailure;
}

asio::awaitable<void> IntegrationOptimized::Impl::fetch(Lane& lane, std::uint32_t id, EnrichedItem& result,
                                                        std::string& failure) {
    const std::string problem = co_await tryUpstream(lane, id, result);
    if (problem.empty())
        co_return;
    if (const auto item = lastGood(id))
        result = {.item = *item, .stale = true};
    else
        failure = "item " + std::to_string(id) + ": " + problem + ", and no earlier answer to fall back on";
}

IntegrationOptimized::IntegrationOptimized(const Upstream& upstream, const EngineOptions& options)
    : IntegrationEngine(options.seed, kExecuteZone)
    , m_impl(std::make_unique<Impl>(upstream.port(), options)) {}

IntegrationOptimized::~IntegrationOptimized() = default;

Response IntegrationOptimized::answer(const std::vector<std::uint32_t>& ids) {
    std::vector<EnrichedItem> items(ids.size());
    std::vector<std::string> failures(ids.size()); // non-empty: that item has no answer, fresh or stale
    std::unique_ptr<Lane> lane = m_impl->takeLane();
    {
        // Zones stay out of the coroutines: they interleave on this thread.
        PERFLAB_ZONE("integration.upstream_calls"); // every item at once, retries and fallbacks included
        for (std::size_t i = 0; i < ids.size(); ++i)
            asio::co_spawn(lane->io, m_impl->fetch(*lane, ids[i], items[i], failures[i]),
                           [&failures, i](const std::exception_ptr& failure) {
                               if (failure)
                                   failures[i] = "item call failed: " + whatOf(failure);
                           });
        lane->io.restart();
        lane->io.run(); // returns once every call, retry and deadline of this request is done
    }
    m_impl->giveBack(std::move(lane));
    for (const std::string& failure : failures)
        if (!failure.empty())
            return errorResponse(503, failure);
    PERFLAB_ZONE("integration.render");
    return {.status = 200, .body = answerJson(items)};
}

} // namespace perflab::engines::integration
