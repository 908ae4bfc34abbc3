// An open-addressing hash from (parent node, frame) to child node: how a call tree finds a child in O(1)
// while a million stacks are added.
#pragma once

#include <cstdint>
#include <vector>

namespace perflab {

class ChildIndex {
public:
    static constexpr std::uint32_t kNone = 0xffffffffu;

    // The child of `parent` for `frame`, or kNone.
    std::uint32_t find(std::uint32_t parent, std::uint32_t frame) const;
    // Records `child` as the child of `parent` for `frame` (which must not be recorded yet).
    void insert(std::uint32_t parent, std::uint32_t frame, std::uint32_t child);

private:
    static std::uint64_t key(std::uint32_t parent, std::uint32_t frame) {
        return (std::uint64_t{parent} << 32) | frame;
    }
    std::size_t slotOf(std::uint64_t key) const;
    void grow();

    std::vector<std::uint64_t> m_keys;
    std::vector<std::uint32_t> m_values;
    std::size_t m_size = 0;
};

} // namespace perflab
