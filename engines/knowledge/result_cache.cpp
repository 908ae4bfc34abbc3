// Choosing the result cache an engine's options ask for.
#include "engines/knowledge/result_cache.h"

#include "engines/knowledge/lru_result_cache.h"
#include "engines/knowledge/redis_result_cache.h"
#include "model/scenario/cache_setting.h"

namespace perflab::engines::knowledge {

std::unique_ptr<ResultCache> makeResultCache(const std::string& setting, EngineEvents* events) {
    const CacheSetting parsed = parseCacheSetting(setting);
    switch (parsed.kind) {
    case CacheSetting::Kind::Off:
        return nullptr;
    case CacheSetting::Kind::Redis:
        return std::make_unique<RedisResultCache>(parsed.host, parsed.port, events);
    case CacheSetting::Kind::Lru:
        break;
    }
    return std::make_unique<LruResultCache>();
}

} // namespace perflab::engines::knowledge
