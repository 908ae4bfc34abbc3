// Merging and subtracting zone trees by call path.
#include "collectors/zones/zone_tree.h"

namespace perflab {

ZoneTree::ZoneTree()
    : m_nodes{Node{
          .site = nullptr, .parent = kRoot, .depth = 0, .count = 0, .inclusiveTicks = 0, .selfTicks = 0}} {}

std::uint32_t ZoneTree::child(std::uint32_t parent, const ZoneSite& site) {
    const auto [it, added] =
        m_children.try_emplace({parent, &site}, static_cast<std::uint32_t>(m_nodes.size()));
    if (added)
        m_nodes.push_back({.site = &site,
                           .parent = parent,
                           .depth = m_nodes[parent].depth + 1,
                           .count = 0,
                           .inclusiveTicks = 0,
                           .selfTicks = 0});
    return it->second;
}

void ZoneTree::add(std::uint32_t node, std::uint64_t count, std::uint64_t inclusiveTicks,
                   std::uint64_t selfTicks) {
    Node& target = m_nodes[node];
    target.count += count;
    target.inclusiveTicks += inclusiveTicks;
    target.selfTicks += selfTicks;
}

void ZoneTree::merge(const ZoneTree& other) {
    std::vector<std::uint32_t> mapped(other.m_nodes.size(), kRoot); // parents come before their children
    for (std::uint32_t i = 1; i < other.m_nodes.size(); ++i) {
        const Node& node = other.m_nodes[i];
        mapped[i] = child(mapped[node.parent], *node.site);
        add(mapped[i], node.count, node.inclusiveTicks, node.selfTicks);
    }
}

ZoneTree ZoneTree::since(const ZoneTree& earlier) const {
    constexpr std::uint32_t kAbsent = UINT32_MAX;
    std::vector<Node> difference = m_nodes;
    std::vector<std::uint32_t> inEarlier(m_nodes.size(), kAbsent);
    inEarlier[kRoot] = kRoot;
    for (std::uint32_t i = 1; i < m_nodes.size(); ++i) {
        const std::uint32_t parent = inEarlier[m_nodes[i].parent];
        if (parent == kAbsent)
            continue;
        const auto found = earlier.m_children.find({parent, m_nodes[i].site});
        if (found == earlier.m_children.end())
            continue;
        inEarlier[i] = found->second;
        const Node& before = earlier.m_nodes[found->second];
        difference[i].count -= before.count;
        difference[i].inclusiveTicks -= before.inclusiveTicks;
        difference[i].selfTicks -= before.selfTicks;
    }
    // A path ran since when it or a zone inside it did (an open zone's finished children count before it).
    std::vector<bool> ran(m_nodes.size(), false);
    for (std::uint32_t i = static_cast<std::uint32_t>(m_nodes.size()) - 1; i > kRoot; --i)
        if (ran[i] || difference[i].count > 0)
            ran[i] = ran[m_nodes[i].parent] = true;
    ZoneTree later;
    std::vector<std::uint32_t> mapped(m_nodes.size(), kRoot);
    for (std::uint32_t i = 1; i < m_nodes.size(); ++i) {
        if (!ran[i])
            continue;
        const Node& node = difference[i];
        mapped[i] = later.child(mapped[node.parent], *node.site);
        later.add(mapped[i], node.count, node.inclusiveTicks, node.selfTicks);
    }
    return later;
}

} // namespace perflab
