// Engine factory (name + variant -> engine) and the registry that creates each engine once.
#include "engines/analytics/analytics_baseline.h"
#include "engines/analytics/analytics_optimized.h"
#include "engines/engine.h"
#include "engines/engine_catalog.h"
#include "engines/integration/integration_baseline.h"
#include "engines/integration/integration_optimized.h"
#include "engines/integration/upstream.h"
#include "engines/knowledge/knowledge_baseline.h"
#include "engines/knowledge/knowledge_optimized.h"
#include "engines/leaking_engine.h"
#include "engines/orchestrator/orchestrator_baseline.h"
#include "engines/orchestrator/orchestrator_optimized.h"

#include <stdexcept>

namespace perflab::engines {

namespace {

std::string listOf(const std::vector<std::string>& names) {
    std::string list;
    for (const std::string& name : names) {
        list += (list.empty() ? "" : ", ") + name;
    }
    return list;
}

template <typename Baseline, typename Optimized, typename... Args>
std::unique_ptr<Engine> makeVariant(std::string_view variant, const Args&... args) {
    if (variant == "baseline")
        return std::make_unique<Baseline>(args...);
    if (variant == "optimized")
        return std::make_unique<Optimized>(args...);
    return nullptr;
}

std::unique_ptr<Engine> makePlainEngine(std::string_view name, std::string_view variant,
                                        const EngineOptions& options) {
    std::unique_ptr<Engine> engine;
    if (name == "analytics") {
        engine = makeVariant<analytics::AnalyticsBaseline, analytics::AnalyticsOptimized>(variant, options);
    } else if (name == "knowledge") {
        engine = makeVariant<knowledge::KnowledgeBaseline, knowledge::KnowledgeOptimized>(variant, options);
    } else if (name == "orchestrator") {
        engine = makeVariant<orchestrator::OrchestratorBaseline, orchestrator::OrchestratorOptimized>(
            variant, options);
    } else if (name == "integration") {
        if (!options.upstream)
            throw std::invalid_argument("the integration engine calls an upstream: make it through an "
                                        "EngineRegistry, which starts one");
        engine = makeVariant<integration::IntegrationBaseline, integration::IntegrationOptimized>(
            variant, *options.upstream, options);
    } else {
        throw std::invalid_argument("unknown engine \"" + std::string(name) +
                                    "\" (available: " + listOf(engineNames()) + ")");
    }
    if (engine)
        return engine;
    throw std::invalid_argument("unknown variant \"" + std::string(variant) + "\" of engine \"" +
                                std::string(name) + "\" (available: " + listOf(variantNames()) + ")");
}

} // namespace

const std::vector<std::string>& engineNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> all;
        for (const EngineInfo& info : engineCatalog())
            all.push_back(info.name);
        return all;
    }();
    return names;
}

const std::vector<std::string>& variantNames() {
    static const std::vector<std::string> names{"baseline", "optimized"};
    return names;
}

std::unique_ptr<Engine> makeEngine(std::string_view name, std::string_view variant,
                                   const EngineOptions& options) {
    auto engine = makePlainEngine(name, variant, options);
    if (options.leakBytesPerRequest > 0)
        return std::make_unique<LeakingEngine>(std::move(engine), options.leakBytesPerRequest);
    return engine;
}

void EngineEvents::setSink(Sink sink) {
    const std::lock_guard lock(m_mutex);
    m_sink = std::move(sink);
}

void EngineEvents::publish(EventKind kind, std::string_view message) const {
    const std::lock_guard lock(m_mutex);
    if (m_sink)
        m_sink(kind, message);
}

EngineRegistry::EngineRegistry(EngineOptions options)
    : m_options(options) {
    m_options.events = &m_events;
}

EngineRegistry::~EngineRegistry() = default;

integration::Upstream& EngineRegistry::upstream() {
    std::call_once(m_upstreamStarted, [this] {
        m_upstream =
            std::make_unique<integration::Upstream>(integration::UpstreamOptions{.seed = m_options.seed});
    });
    return *m_upstream;
}

UpstreamFaults& EngineRegistry::upstreamFaults() {
    return upstream().faults();
}

Engine& EngineRegistry::get(std::string_view name, std::string_view variant) {
    const std::lock_guard lock(m_mutex);
    for (const auto& engine : m_engines) {
        if (engine->name() == name && engine->variant() == variant) {
            return *engine;
        }
    }
    // Built under the lock: a first request for an engine waits for its table rather than two
    // threads generating it twice.
    EngineOptions options = m_options;
    if (name == "integration")
        options.upstream = &upstream();
    m_engines.push_back(makeEngine(name, variant, options));
    return *m_engines.back();
}

} // namespace perflab::engines
