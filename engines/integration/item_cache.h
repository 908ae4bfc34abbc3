// The optimized client's memory of the upstream's answers: an item fetched less than a freshness bound ago
// is answered from here without a call, as an HTTP cache honours max-age; an older one is the fallback,
// served marked stale with its age, when the upstream fails or the breaker is open.
#pragma once

#include "engines/integration/item_catalog.h"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace perflab::engines::integration {

// Thread-safe. Time comes in as arguments, so tests age entries without waiting. Grows with the distinct
// items asked for, which a client's catalogue bounds (item_mix.h).
class ItemCache {
public:
    using Clock = std::chrono::steady_clock;
    struct Entry {
        Item item;
        Clock::time_point fetchedAt;
    };

    explicit ItemCache(std::chrono::milliseconds freshFor)
        : m_freshFor(freshFor) {}
    std::chrono::milliseconds freshFor() const noexcept { return m_freshFor; }

    void remember(const Item& item, Clock::time_point now) {
        const std::lock_guard lock(m_mutex);
        m_entries.insert_or_assign(item.id, Entry{item, now});
    }
    // The item when it was fetched less than freshFor() before `now`.
    std::optional<Item> fresh(std::uint32_t id, Clock::time_point now) const {
        const std::optional<Entry> entry = lastGood(id);
        if (!entry || now - entry->fetchedAt >= m_freshFor)
            return std::nullopt;
        return entry->item;
    }
    // The last good answer for the item, however old.
    std::optional<Entry> lastGood(std::uint32_t id) const {
        const std::lock_guard lock(m_mutex);
        const auto found = m_entries.find(id);
        return found == m_entries.end() ? std::nullopt : std::optional<Entry>(found->second);
    }

private:
    const std::chrono::milliseconds m_freshFor;
    mutable std::mutex m_mutex;
    std::unordered_map<std::uint32_t, Entry> m_entries;
};

} // namespace perflab::engines::integration
