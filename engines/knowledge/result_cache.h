// Where the optimized knowledge engine keeps rendered answers by normalized query: an in-process LRU,
// or a Redis server shared by every process that hosts the same fact store.
#pragma once

#include "engines/engine.h"

#include <memory>
#include <optional>
#include <string>

namespace perflab::engines::knowledge {

class ResultCache {
public:
    virtual ~ResultCache() = default;
    // Thread-safe. A cache that cannot answer (Redis gone) misses; the engine then computes the answer.
    virtual std::optional<std::string> find(const std::string& key) = 0;
    virtual void store(const std::string& key, const std::string& answer) = 0;
    // Names the cache in the engine's figures: "lru" or "redis".
    virtual std::string_view kind() const noexcept = 0;
};

// From EngineOptions::resultCache: nullptr for "off". Throws std::invalid_argument for a malformed
// setting and std::system_error when a configured Redis cannot be reached.
std::unique_ptr<ResultCache> makeResultCache(const std::string& setting, EngineEvents* events);

} // namespace perflab::engines::knowledge
