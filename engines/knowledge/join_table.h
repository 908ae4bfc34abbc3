// The hash table both variants' hash joins use: 64-bit join keys to row or fact numbers, in flat arrays
// (bucket heads, and a chain link per entry), so building it allocates nothing per entry as
// std::unordered_multimap does, and probing it follows array indexes rather than scattered nodes.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

namespace perflab::engines::knowledge {

class JoinTable {
public:
    // Room for `entries` insertions without growing.
    explicit JoinTable(std::size_t entries)
        : m_shift(64 - std::bit_width(std::max<std::size_t>(2 * entries, 2) - 1))
        , m_heads(std::size_t{1} << (64 - m_shift), kEnd) {
        m_entries.reserve(entries);
    }

    void insert(std::uint64_t key, std::uint32_t value) {
        std::uint32_t& head = m_heads[bucketOf(key)];
        m_entries.push_back({key, value, head});
        head = static_cast<std::uint32_t>(m_entries.size() - 1);
    }

    // Calls visit(value) for every value inserted under `key`, the latest first.
    template <class Visit> void forEach(std::uint64_t key, Visit visit) const {
        for (std::uint32_t i = m_heads[bucketOf(key)]; i != kEnd; i = m_entries[i].next) {
            if (m_entries[i].key == key) {
                visit(m_entries[i].value);
            }
        }
    }

private:
    static constexpr std::uint32_t kEnd = std::numeric_limits<std::uint32_t>::max();
    struct Entry {
        std::uint64_t key;
        std::uint32_t value;
        std::uint32_t next;
    };
    // Fibonacci hashing: the top bits of key * 2^64/phi spread neighbouring term ids over the buckets.
    std::size_t bucketOf(std::uint64_t key) const noexcept {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> m_shift);
    }

    int m_shift;
    std::vector<std::uint32_t> m_heads;
    std::vector<Entry> m_entries;
};

} // namespace perflab::engines::knowledge
