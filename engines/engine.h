// The systems under test: every engine answers execute(request) -> response, in two variants.
#pragma once

#include "model/results/engine_figure.h"
#include "model/results/run_event.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace perflab::engines {

class UpstreamFaults;
namespace integration {
class Upstream;
}

struct Response {
    int status = 200; // HTTP-like: 200 ok, 400 bad request, 500 engine failure
    std::string body; // JSON
    // >= 0: a degraded answer, served from a fallback (the last good answer) this many ms old instead of
    // from the source. Over HTTP the engine server says so with `Warning: 110 - "Response is Stale"` and
    // `Age` (whole seconds), as HTTP caches do.
    std::int64_t staleAgeMs = -1;
};

// What a run with an engine's mix sends (and GET /engines/NAME/mix shows): this many requests drawn with this
// seed, so every run of a scenario sends the same requests, whichever variant it loads.
inline constexpr std::size_t kRunMixRequests = 4096;
inline constexpr std::uint64_t kRunMixSeed = 42;

// What an engine reports of its own work with a run (model/results/engine_figure.h).
using perflab::EngineFigure;

// A seeded draw of the requests a real client sends an engine: requests of a few named shapes (a grouping
// with two aggregates, a fan-out of 1-4 items...), with their data chosen as a client would (Zipf-chosen ids,
// filters of varying selectivity). The same seed and count give the same requests from both variants.
struct RequestMix {
    struct Request {
        std::uint32_t shape = 0; // index into shapes
        std::string body;
    };
    std::vector<std::string> shapes; // short names, e.g. "group-by, 2 aggregates"; every shape has requests
    std::vector<Request> requests;
};

class Engine {
public:
    virtual ~Engine() = default;
    virtual std::string_view name() const noexcept = 0;
    virtual std::string_view variant() const noexcept = 0;
    // Thread-safe: the engine threads (the executor's or the server's) call it concurrently.
    virtual Response execute(std::string_view request) = 0;
    // A representative request, used when a scenario names the engine without a body.
    virtual std::string sampleRequest() const = 0;
    // `count` requests drawn from the engine's realistic mix (engine_catalog.h says what it holds).
    virtual RequestMix requestMix(std::size_t count, std::uint64_t seed) const = 0;
    // The figures kept since the last call, which starts them again; a run takes them when it starts and
    // reports what it takes when it ends. Engines that keep none return nothing.
    virtual std::vector<EngineFigure> takeFigures() { return {}; }
};

// What engines tell a run (a scale-out, a circuit breaker opening), shown as run events. Thread-safe: engines
// emit from the threads that run their calls; events emitted while no sink is set are dropped.
class EngineEvents {
public:
    using Sink = std::function<void(EventKind kind, std::string_view message)>;
    void setSink(Sink sink);
    void publish(EventKind kind, std::string_view message) const;

private:
    mutable std::mutex m_mutex;
    Sink m_sink;
};

struct EngineOptions {
    std::size_t rows = 1'000'000;  // analytics table size
    std::size_t facts = 1'000'000; // knowledge fact store size
    // Knowledge result cache: "" or "lru" (in-process), "off", or "redis://host[:port]"
    // (model/scenario/cache_setting.h).
    std::string resultCache{};
    unsigned seed = 42;
    std::size_t leakBytesPerRequest = 0; // > 0: every engine keeps this much per request (LeakingEngine)
    EngineEvents* events = nullptr;      // set by EngineRegistry; may be null for engines made alone
    integration::Upstream* upstream = nullptr; // the integration engines' remote API; set by EngineRegistry
};

// Throws std::invalid_argument naming the known engines/variants, or, for "integration", when
// options.upstream is not set.
std::unique_ptr<Engine> makeEngine(std::string_view name, std::string_view variant,
                                   const EngineOptions& options = {});
const std::vector<std::string>& engineNames();  // engines that exist
const std::vector<std::string>& variantNames(); // baseline, optimized

// The threads that run engine calls when nothing says otherwise, for the engine server (`perflab serve`,
// `via: http`) and the engine executor (`via: call`) alike: one per core. Defined beside the executor.
unsigned defaultEngineThreads() noexcept;

// Creates engines on first use and keeps them; thread-safe.
class EngineRegistry {
public:
    explicit EngineRegistry(EngineOptions options = {});
    ~EngineRegistry();
    Engine& get(std::string_view name, std::string_view variant); // throws std::invalid_argument
    EngineEvents& events() noexcept { return m_events; }
    // The remote API the integration engines call, started on first use; one for both variants, so a run's
    // faults reach whichever it loads.
    integration::Upstream& upstream();
    // Where a run injects its faults: the upstream's, started on first use.
    UpstreamFaults& upstreamFaults();

private:
    EngineEvents m_events;
    EngineOptions m_options;
    std::once_flag m_upstreamStarted;
    std::unique_ptr<integration::Upstream> m_upstream; // outlives the engines that call it
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Engine>> m_engines;
};

} // namespace perflab::engines
