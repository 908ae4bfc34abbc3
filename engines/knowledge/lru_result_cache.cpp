// LRU bookkeeping: a hit moves the key to the front of the recency list; a store into a full cache
// drops the key at the back.
#include "engines/knowledge/lru_result_cache.h"

#include <stdexcept>

namespace perflab::engines::knowledge {

LruResultCache::LruResultCache(std::size_t capacity)
    : m_capacity(capacity) {
    if (capacity == 0) {
        throw std::invalid_argument("the knowledge result cache needs room for at least 1 answer");
    }
}

std::optional<std::string> LruResultCache::find(const std::string& key) {
    const std::lock_guard lock(m_mutex);
    const auto it = m_entries.find(key);
    if (it == m_entries.end()) {
        return std::nullopt;
    }
    m_recency.splice(m_recency.begin(), m_recency, it->second.recency);
    return it->second.answer;
}

void LruResultCache::store(const std::string& key, const std::string& answer) {
    const std::lock_guard lock(m_mutex);
    if (const auto it = m_entries.find(key); it != m_entries.end()) {
        it->second.answer = answer;
        m_recency.splice(m_recency.begin(), m_recency, it->second.recency);
        return;
    }
    if (m_entries.size() == m_capacity) {
        m_entries.erase(m_recency.back());
        m_recency.pop_back();
    }
    m_recency.push_front(key);
    m_entries.emplace(key, Entry{answer, m_recency.begin()});
}

std::size_t LruResultCache::size() const {
    const std::lock_guard lock(m_mutex);
    return m_entries.size();
}

} // namespace perflab::engines::knowledge
