// LRU bookkeeping for compiled analytics queries: a list in use order plus a hash index into it.
#include "engines/analytics/analytics_plan_cache.h"

#include <stdexcept>

namespace perflab::engines::analytics {

PlanCache::PlanCache(std::size_t capacity)
    : m_capacity(capacity) {
    if (capacity == 0) {
        throw std::invalid_argument("plan cache capacity must be at least 1");
    }
}

std::shared_ptr<const CompiledQuery> PlanCache::find(std::string_view requestText) {
    const std::lock_guard lock(m_mutex);
    const auto it = m_index.find(requestText);
    if (it == m_index.end()) {
        return nullptr;
    }
    m_entries.splice(m_entries.begin(), m_entries, it->second);
    return it->second->second;
}

std::shared_ptr<const CompiledQuery> PlanCache::insert(std::string_view requestText,
                                                       std::shared_ptr<const CompiledQuery> plan) {
    const std::lock_guard lock(m_mutex);
    if (const auto it = m_index.find(requestText); it != m_index.end()) {
        return it->second->second;
    }
    if (m_entries.size() == m_capacity) {
        m_index.erase(m_entries.back().first);
        m_entries.pop_back();
    }
    m_entries.emplace_front(std::string(requestText), std::move(plan));
    m_index.emplace(m_entries.front().first, m_entries.begin());
    return m_entries.front().second;
}

std::size_t PlanCache::size() const {
    const std::lock_guard lock(m_mutex);
    return m_entries.size();
}

} // namespace perflab::engines::analytics
