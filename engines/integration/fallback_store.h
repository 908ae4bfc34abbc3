// The optimized client's fallback: the last good answer for each item, served (marked stale) when the
// upstream fails or the breaker is open.
#pragma once

#include "engines/integration/item_catalog.h"

#include <cstdint>
#include <optional>
#include <unordered_map>

namespace perflab::engines::integration {

// Not thread-safe: the optimized client guards it with its own lock. Grows with the distinct items asked
// for, which the request format bounds to what the upstream's catalogue holds.
class FallbackStore {
public:
    void remember(const Item& item) { m_items.insert_or_assign(item.id, item); }
    std::optional<Item> lastGood(std::uint32_t id) const {
        const auto found = m_items.find(id);
        return found == m_items.end() ? std::nullopt : std::optional<Item>(found->second);
    }

private:
    std::unordered_map<std::uint32_t, Item> m_items;
};

} // namespace perflab::engines::integration
