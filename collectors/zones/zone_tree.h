// Zones merged over threads: one node per call path (parent and site), with count, inclusive and self time
// in ticks. The registry builds it from the threads' trees; a run keeps the difference of two of them.
#pragma once

#include "collectors/zones/zone_site.h"

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace perflab {

class ZoneTree {
public:
    static constexpr std::uint32_t kRoot = 0;

    struct Node {
        const ZoneSite* site; // null for the root
        std::uint32_t parent;
        std::uint32_t depth; // 0 for the root, 1 for outermost zones
        std::uint64_t count;
        std::uint64_t inclusiveTicks;
        std::uint64_t selfTicks;
    };

    ZoneTree();

    // The node of `site` under `parent`, added with zero counters on first sight.
    std::uint32_t child(std::uint32_t parent, const ZoneSite& site);
    void add(std::uint32_t node, std::uint64_t count, std::uint64_t inclusiveTicks, std::uint64_t selfTicks);
    // Adds every node of `other` at the same call path.
    void merge(const ZoneTree& other);
    // What happened after `earlier` (a tree of the same threads, taken before): counters subtracted, paths
    // that did not run since left out.
    ZoneTree since(const ZoneTree& earlier) const;

    const std::vector<Node>& nodes() const { return m_nodes; }
    const Node& node(std::uint32_t id) const { return m_nodes[id]; }

private:
    std::vector<Node> m_nodes;
    std::map<std::pair<std::uint32_t, const ZoneSite*>, std::uint32_t> m_children;
};

} // namespace perflab
