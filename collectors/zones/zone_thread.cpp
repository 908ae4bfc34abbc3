// A thread's zone tree and span ring: the slow paths (a new call path) and the collector's reads.
#include "collectors/zones/zone_thread.h"

#include <algorithm>

namespace perflab {

ZoneThread::ZoneThread(int threadId)
    : m_threadId(threadId)
    , m_nodes(std::make_unique<Node[]>(kMaxNodes))
    , m_ring(std::make_unique<Slot[]>(kRingSpans)) {}

std::uint32_t ZoneThread::findOrAddChild(std::uint32_t parent, const ZoneSite& site) noexcept {
    Node& node = m_nodes[parent];
    for (std::uint32_t child = node.firstChild; child != kRoot; child = m_nodes[child].nextSibling) {
        if (m_nodes[child].site == &site) {
            node.lastFound = child;
            return child;
        }
    }
    const std::uint32_t added = m_nodeCount.load(std::memory_order_relaxed);
    if (added == kMaxNodes)
        return kRoot;
    Node& child = m_nodes[added];
    child.site = &site;
    child.parent = parent;
    child.nextSibling = node.firstChild;
    node.firstChild = added;
    node.lastFound = added;
    m_nodeCount.store(added + 1, std::memory_order_release); // publishes site and parent to collectors
    return added;
}

std::vector<ZoneThread::NodeFigures> ZoneThread::nodes() const {
    const std::uint32_t count = m_nodeCount.load(std::memory_order_acquire);
    std::vector<NodeFigures> figures;
    figures.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        const Node& node = m_nodes[i];
        const std::uint64_t inclusive = node.inclusiveTicks.load(std::memory_order_relaxed);
        figures.push_back({.site = node.site,
                           .parent = node.parent,
                           .count = node.count.load(std::memory_order_relaxed),
                           .inclusiveTicks = inclusive,
                           .selfTicks = inclusive});
    }
    // Children are read after their parent, so a zone still open may show children longer than itself
    // for now: its self time is then 0 until it ends.
    for (std::uint32_t i = count; i-- > 1;) {
        std::uint64_t& self = figures[figures[i].parent].selfTicks;
        self -= std::min(self, figures[i].inclusiveTicks);
    }
    return figures;
}

void ZoneThread::appendSpans(std::uint64_t sinceTicks, std::vector<ZoneSpan>& out) const {
    const std::uint64_t head = m_head.load(std::memory_order_acquire);
    const std::uint64_t first = head > kRingSpans ? head - kRingSpans : 0;
    std::vector<ZoneSpan> copied;
    copied.reserve(static_cast<std::size_t>(head - first));
    for (std::uint64_t i = first; i < head; ++i) {
        const Slot& slot = m_ring[i & (kRingSpans - 1)];
        copied.push_back({.site = slot.site.load(std::memory_order_relaxed),
                          .beginTicks = slot.begin.load(std::memory_order_relaxed),
                          .endTicks = slot.end.load(std::memory_order_relaxed),
                          .threadId = m_threadId});
    }
    // Slots the owner overwrote while they were copied are dropped (a seqlock's check).
    std::atomic_thread_fence(std::memory_order_acquire);
    const std::uint64_t headAfter = m_head.load(std::memory_order_relaxed);
    const std::uint64_t firstIntact =
        std::clamp(headAfter > kRingSpans ? headAfter - kRingSpans : 0, first, head);
    for (std::size_t i = static_cast<std::size_t>(firstIntact - first); i < copied.size(); ++i)
        if (copied[i].endTicks >= sinceTicks)
            out.push_back(copied[i]);
}

} // namespace perflab
