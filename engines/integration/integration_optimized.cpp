// Optimized: execute() answers fresh items from the cache and asks the upstream for the others in one batch
// call over a pooled connection, driving its I/O on the calling thread: no hand-over to another thread and
// back on the way.
#include "engines/integration/integration_optimized.h"

#include "collectors/zones/zone.h"
#include "engines/integration/backoff.h"
#include "engines/integration/circuit_breaker.h"
#include "engines/integration/connection_pool.h"
#include "engines/integration/enrichment.h"
#include "engines/integration/item_cache.h"
#include "engines/integration/upstream.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <random>
#include <stdexcept>

namespace perflab::engines::integration {

namespace asio = boost::asio;

namespace {

constexpr ZoneSite kExecuteZone = PERFLAB_ZONE_SITE("integration.optimized");

// A request makes one call at a time (the batch, then its retries): one idle connection is all it reuses.
constexpr std::size_t kMaxIdleConnections = 1;

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
    Impl(std::uint16_t port_, const EngineOptions& options, const ResiliencePolicy& policy_)
        : port(port_)
        , seed(options.seed)
        , policy(policy_)
        , breaker({},
                  [events = options.events](auto from, auto to, const std::string& why) {
                      if (events)
                          events->publish(EventKind::Breaker, "upstream breaker " +
                                                                  std::string(toString(from)) + " -> " +
                                                                  std::string(toString(to)) + ": " + why);
                  })
        , cache(policy.freshFor) {}

    std::unique_ptr<Lane> takeLane();
    void giveBack(std::unique_ptr<Lane> lane);
    // Fresh items from the cache into `items`; the indexes of the others, which need the upstream.
    std::vector<std::size_t> takeFresh(const std::vector<std::uint32_t>& ids,
                                       std::vector<EnrichedItem>& items);
    // One batch call for `ids`, retried with jittered backoff while the breaker lets calls through: the
    // items in order, or nullopt and the last failure in `problem`.
    asio::awaitable<std::optional<std::vector<Item>>> tryUpstream(Lane& lane, std::vector<std::uint32_t> ids,
                                                                  std::string& problem);
    // The upstream failed the item: its last good answer with its age, or a failure saying why there is none.
    std::string fallBack(std::uint32_t id, const std::string& problem, EnrichedItem& result);
    std::vector<EngineFigure> takeFigures();
    bool allowCall() {
        const std::lock_guard lock(shared);
        return breaker.allow(std::chrono::steady_clock::now());
    }
    void recordSuccess(const std::vector<Item>& items) {
        const auto now = ItemCache::Clock::now();
        for (const Item& item : items)
            cache.remember(item, now);
        const std::lock_guard lock(shared);
        breaker.recordSuccess();
    }
    void recordFailure() {
        const std::lock_guard lock(shared);
        breaker.recordFailure(std::chrono::steady_clock::now());
    }

    const std::uint16_t port;
    const unsigned seed;
    const ResiliencePolicy policy;
    const BackoffPolicy backoff{};
    std::mutex lanesMutex;
    std::vector<std::unique_ptr<Lane>> idleLanes;
    unsigned lanesMade = 0;
    std::mutex shared; // the breaker: one view of the upstream for every lane
    CircuitBreaker breaker;
    ItemCache cache;
    // Items asked for since figures were last taken, by where their answer came from.
    std::atomic<std::uint64_t> fromCache{0};
    std::atomic<std::uint64_t> fromUpstream{0};
    std::atomic<std::uint64_t> fromFallback{0};
    std::atomic<std::uint64_t> unanswered{0};
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

std::vector<std::size_t> IntegrationOptimized::Impl::takeFresh(const std::vector<std::uint32_t>& ids,
                                                               std::vector<EnrichedItem>& items) {
    const auto now = ItemCache::Clock::now();
    std::vector<std::size_t> misses;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (auto item = cache.fresh(ids[i], now))
            items[i].item = std::move(*item);
        else
            misses.push_back(i);
    }
    fromCache.fetch_add(ids.size() - misses.size(), std::memory_order_relaxed);
    return misses;
}

asio::awaitable<std::optional<std::vector<Item>>>
IntegrationOptimized::Impl::tryUpstream(Lane& lane, std::vector<std::uint32_t> ids, std::string& problem) {
    const std::string request = batchRequest(ids);
    problem = "the upstream breaker is open";
    asio::steady_timer pause(lane.io);
    for (unsigned attempt = 0; attempt < policy.attempts; ++attempt) {
        if (attempt > 0) {
            boost::system::error_code ignored;
            pause.expires_after(backoffDelay(backoff, attempt - 1, lane.rng));
            co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
        }
        if (!allowCall()) {
            if (attempt > 0)
                problem += ", then the breaker opened";
            co_return std::nullopt;
        }
        try {
            const UpstreamReply reply = co_await lane.pool.call(request, policy.callTimeout);
            if (reply.status == 200) {
                std::vector<Item> items = parseItems(reply.body);
                const bool matches = std::ranges::equal(items, ids, {}, &Item::id);
                if (!matches)
                    throw std::runtime_error("the upstream's batch answer does not hold the items asked for");
                recordSuccess(items);
                co_return items;
            }
            problem = "the upstream answered " + std::to_string(reply.status);
        } catch (const std::runtime_error& failure) {
            problem = failure.what();
        }
        recordFailure();
    }
    co_return std::nullopt;
}

std::string IntegrationOptimized::Impl::fallBack(std::uint32_t id, const std::string& problem,
                                                 EnrichedItem& result) {
    const auto entry = cache.lastGood(id);
    if (!entry) {
        unanswered.fetch_add(1, std::memory_order_relaxed);
        return "item " + std::to_string(id) + ": " + problem + ", and no earlier answer to fall back on";
    }
    const auto age = ItemCache::Clock::now() - entry->fetchedAt;
    result = {.item = entry->item,
              .staleAgeMs = std::chrono::duration_cast<std::chrono::milliseconds>(age).count()};
    fromFallback.fetch_add(1, std::memory_order_relaxed);
    return {};
}

std::vector<EngineFigure> IntegrationOptimized::Impl::takeFigures() {
    const double cached = static_cast<double>(fromCache.exchange(0));
    const double fetched = static_cast<double>(fromUpstream.exchange(0));
    const double stale = static_cast<double>(fromFallback.exchange(0));
    const double failed = static_cast<double>(unanswered.exchange(0));
    const double asked = cached + fetched + stale + failed;
    if (asked == 0)
        return {};
    return {{"items asked for", asked, "count"},
            {"item cache hit rate", cached / asked, "ratio"},
            {"items fetched fresh from the upstream", fetched / asked, "ratio"},
            {"items served stale from the fallback", stale / asked, "ratio"},
            {"items without an answer", failed / asked, "ratio"},
            {"item cache freshness bound", static_cast<double>(policy.freshFor.count()), "ms"}};
}

IntegrationOptimized::IntegrationOptimized(const Upstream& upstream, const EngineOptions& options,
                                           const ResiliencePolicy& policy)
    : IntegrationEngine(options.seed, kExecuteZone)
    , m_impl(std::make_unique<Impl>(upstream.port(), options, policy)) {}

IntegrationOptimized::~IntegrationOptimized() = default;

std::vector<EngineFigure> IntegrationOptimized::takeFigures() {
    return m_impl->takeFigures();
}

Response IntegrationOptimized::answer(const std::vector<std::uint32_t>& ids) {
    std::vector<EnrichedItem> items(ids.size());
    const std::vector<std::size_t> misses = m_impl->takeFresh(ids, items);
    if (!misses.empty()) {
        std::vector<std::uint32_t> missed;
        for (const std::size_t i : misses)
            missed.push_back(ids[i]);
        std::optional<std::vector<Item>> fetched;
        std::string problem;
        std::unique_ptr<Lane> lane = m_impl->takeLane();
        {
            PERFLAB_ZONE("integration.upstream_call"); // the batch with its retries
            asio::co_spawn(lane->io, m_impl->tryUpstream(*lane, missed, problem),
                           [&](const std::exception_ptr& failure, std::optional<std::vector<Item>> answered) {
                               fetched = std::move(answered);
                               if (failure)
                                   problem = "the upstream call failed: " + whatOf(failure);
                           });
            lane->io.restart();
            lane->io.run(); // returns once the call, its retries and deadlines are done
        }
        m_impl->giveBack(std::move(lane));
        if (fetched) {
            for (std::size_t k = 0; k < misses.size(); ++k)
                items[misses[k]].item = std::move((*fetched)[k]);
            m_impl->fromUpstream.fetch_add(misses.size(), std::memory_order_relaxed);
        } else {
            std::string failure; // the first item without a fallback; every item still counts in the figures
            for (const std::size_t i : misses) {
                std::string itemFailure = m_impl->fallBack(ids[i], problem, items[i]);
                if (failure.empty())
                    failure = std::move(itemFailure);
            }
            if (!failure.empty())
                return errorResponse(503, failure);
        }
    }
    PERFLAB_ZONE("integration.render");
    const auto oldest = std::ranges::max_element(items, {}, &EnrichedItem::staleAgeMs);
    return {.status = 200, .body = answerJson(items), .staleAgeMs = oldest->staleAgeMs};
}

} // namespace perflab::engines::integration
