// A bounded, thread-safe LRU of compiled analytics queries keyed by the exact request text, so a
// repeated request skips JSON parsing and compilation entirely.
#pragma once

#include "engines/analytics/analytics_compiled_query.h"

#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace perflab::engines::analytics {

class PlanCache {
public:
    explicit PlanCache(std::size_t capacity);

    std::shared_ptr<const CompiledQuery> find(std::string_view requestText);
    // Keeps the plan already cached under this text when two threads compiled it at once.
    std::shared_ptr<const CompiledQuery> insert(std::string_view requestText,
                                                std::shared_ptr<const CompiledQuery> plan);
    std::size_t size() const;

private:
    using Entry = std::pair<std::string, std::shared_ptr<const CompiledQuery>>;
    std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::list<Entry> m_entries;                                               // most recently used first
    std::unordered_map<std::string_view, std::list<Entry>::iterator> m_index; // views into m_entries' keys
};

} // namespace perflab::engines::analytics
