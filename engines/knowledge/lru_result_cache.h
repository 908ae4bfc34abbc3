// The in-process result cache: a bounded, thread-safe least-recently-used map from query key to answer.
#pragma once

#include "engines/knowledge/result_cache.h"

#include <list>
#include <mutex>
#include <unordered_map>

namespace perflab::engines::knowledge {

class LruResultCache final : public ResultCache {
public:
    static constexpr std::size_t kDefaultCapacity = 1024;

    explicit LruResultCache(std::size_t capacity = kDefaultCapacity);
    std::optional<std::string> find(const std::string& key) override;
    void store(const std::string& key, const std::string& answer) override;
    std::string_view kind() const noexcept override { return "lru"; }
    std::size_t size() const;

private:
    struct Entry {
        std::string answer;
        std::list<std::string>::iterator recency;
    };
    std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::list<std::string> m_recency; // keys, most recently used first
    std::unordered_map<std::string, Entry> m_entries;
};

} // namespace perflab::engines::knowledge
