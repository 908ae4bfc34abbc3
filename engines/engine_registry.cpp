// Engine factory (name + variant -> engine) and the registry that creates each engine once.
#include "engines/analytics_baseline.h"
#include "engines/analytics_optimized.h"
#include "engines/engine.h"
#include "engines/knowledge/knowledge_baseline.h"
#include "engines/knowledge/knowledge_optimized.h"
#include "engines/leaking_engine.h"

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

template <class Baseline, class Optimized>
std::unique_ptr<Engine> variantOf(std::string_view name, std::string_view variant,
                                  const EngineOptions& options) {
    if (variant == "baseline") {
        return std::make_unique<Baseline>(options);
    }
    if (variant == "optimized") {
        return std::make_unique<Optimized>(options);
    }
    throw std::invalid_argument("unknown variant \"" + std::string(variant) + "\" of engine \"" +
                                std::string(name) + "\" (available: " + listOf(variantNames()) + ")");
}

std::unique_ptr<Engine> makePlainEngine(std::string_view name, std::string_view variant,
                                        const EngineOptions& options) {
    if (name == "analytics") {
        return variantOf<analytics::AnalyticsBaseline, analytics::AnalyticsOptimized>(name, variant, options);
    }
    if (name == "knowledge") {
        return variantOf<knowledge::KnowledgeBaseline, knowledge::KnowledgeOptimized>(name, variant, options);
    }
    throw std::invalid_argument("unknown engine \"" + std::string(name) +
                                "\" (available: " + listOf(engineNames()) + ")");
}

} // namespace

const std::vector<std::string>& engineNames() {
    static const std::vector<std::string> names{"analytics", "knowledge"};
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

void EngineEvents::emit(std::string_view kind, std::string_view message) const {
    const std::lock_guard lock(m_mutex);
    if (m_sink)
        m_sink(kind, message);
}

EngineRegistry::EngineRegistry(EngineOptions options)
    : m_options(options) {
    m_options.events = &m_events;
}

EngineRegistry::~EngineRegistry() = default;

Engine& EngineRegistry::get(std::string_view name, std::string_view variant) {
    const std::lock_guard lock(m_mutex);
    for (const auto& engine : m_engines) {
        if (engine->name() == name && engine->variant() == variant) {
            return *engine;
        }
    }
    // Built under the lock: a first request for an engine waits for its table rather than two
    // threads generating it twice.
    m_engines.push_back(makeEngine(name, variant, m_options));
    return *m_engines.back();
}

} // namespace perflab::engines
