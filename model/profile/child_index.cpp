// ChildIndex: linear probing over a power-of-two table kept at most half full.
#include "model/profile/child_index.h"

#include <algorithm>

namespace perflab {

namespace {

constexpr std::uint64_t kEmptyKey = ~std::uint64_t{0};

std::uint64_t mixed(std::uint64_t k) {
    // splitmix64's finalizer: (parent, frame) pairs are dense small numbers that would cluster otherwise.
    k ^= k >> 30;
    k *= 0xbf58476d1ce4e5b9ull;
    k ^= k >> 27;
    k *= 0x94d049bb133111ebull;
    return k ^ (k >> 31);
}

} // namespace

std::size_t ChildIndex::slotOf(std::uint64_t k) const {
    const std::size_t mask = m_keys.size() - 1;
    std::size_t slot = mixed(k) & mask;
    while (m_keys[slot] != k && m_keys[slot] != kEmptyKey)
        slot = (slot + 1) & mask;
    return slot;
}

std::uint32_t ChildIndex::find(std::uint32_t parent, std::uint32_t frame) const {
    if (m_keys.empty())
        return kNone;
    const std::size_t slot = slotOf(key(parent, frame));
    return m_keys[slot] == kEmptyKey ? kNone : m_values[slot];
}

void ChildIndex::insert(std::uint32_t parent, std::uint32_t frame, std::uint32_t child) {
    if (2 * (m_size + 1) > m_keys.size())
        grow();
    const std::uint64_t k = key(parent, frame);
    const std::size_t slot = slotOf(k);
    m_keys[slot] = k;
    m_values[slot] = child;
    ++m_size;
}

void ChildIndex::grow() {
    std::vector<std::uint64_t> keys(std::max<std::size_t>(64, 2 * m_keys.size()), kEmptyKey);
    std::vector<std::uint32_t> values(keys.size());
    keys.swap(m_keys);
    values.swap(m_values);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i] == kEmptyKey)
            continue;
        const std::size_t slot = slotOf(keys[i]);
        m_keys[slot] = keys[i];
        m_values[slot] = values[i];
    }
}

} // namespace perflab
