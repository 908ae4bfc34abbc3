// One thread's zones: its call tree (nodes keyed by parent and site, with count, inclusive and self ticks),
// its stack of open zones and a ring of its most recent spans. Only the owning thread writes; a collector
// reads the published nodes and spans concurrently, without locks and without stopping the thread.
#pragma once

#include "collectors/zones/zone_clock.h"
#include "collectors/zones/zone_site.h"

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace perflab {

namespace zone_detail {
// Recordings that keep spans (for a trace): while none is active, exit() leaves the span ring alone.
extern constinit std::atomic<int> spanRecordings;
} // namespace zone_detail

// A finished zone, as the trace shows it.
struct ZoneSpan {
    const ZoneSite* site;
    std::uint64_t beginTicks;
    std::uint64_t endTicks;
    int threadId; // the OS thread id
};

class ZoneThread {
public:
    static constexpr std::uint32_t kMaxNodes = 2048; // distinct call paths per thread; more are not recorded
    static constexpr std::size_t kMaxDepth = 64;     // open zones per thread; deeper ones are not recorded
    static constexpr std::size_t kRingSpans = 16384; // recent spans kept per thread (a power of two)
    static constexpr std::uint32_t kRoot = 0;

    // A node as a collector reads it: its place in the tree and its counters.
    struct NodeFigures {
        const ZoneSite* site; // null for the root
        std::uint32_t parent;
        std::uint64_t count;
        std::uint64_t inclusiveTicks;
        std::uint64_t selfTicks;
    };

    explicit ZoneThread(int threadId);
    ZoneThread(const ZoneThread&) = delete;
    ZoneThread& operator=(const ZoneThread&) = delete;

    int threadId() const noexcept { return m_threadId; }

    // Owner only. False when the zone cannot be recorded (too deep, too many paths): then no exit().
    bool enter(const ZoneSite& site) noexcept {
        if (m_depth + 1 == kMaxDepth)
            return false;
        const std::uint32_t node = childOf(m_stack[m_depth].node, site);
        if (node == kRoot)
            return false;
        Frame& frame = m_stack[++m_depth];
        frame.node = node;
        frame.start = zone_clock::now();
        return true;
    }

    // Owner only: closes the innermost open zone.
    void exit() noexcept {
        const std::uint64_t end = zone_clock::now();
        const Frame& frame = m_stack[m_depth--];
        Node& node = m_nodes[frame.node];
        add(node.count, 1);
        add(node.inclusiveTicks, end - frame.start);
        if (zone_detail::spanRecordings.load(std::memory_order_relaxed) == 0)
            return;
        const std::uint64_t head = m_head.load(std::memory_order_relaxed);
        Slot& slot = m_ring[head & (kRingSpans - 1)];
        slot.begin.store(frame.start, std::memory_order_relaxed);
        slot.end.store(end, std::memory_order_relaxed);
        slot.site.store(node.site, std::memory_order_relaxed);
        m_head.store(head + 1, std::memory_order_release);
    }

    // Any thread: the published nodes, parents before their children (node 0 is the root). A node's self
    // time is its inclusive time less its children's, derived here rather than kept by every exit().
    std::vector<NodeFigures> nodes() const;
    // Any thread: the kept spans that ended at or after `sinceTicks`, oldest first.
    void appendSpans(std::uint64_t sinceTicks, std::vector<ZoneSpan>& out) const;

private:
    struct Node {
        const ZoneSite* site = nullptr;
        std::uint32_t parent = kRoot;
        // Owner-only links: the children of a node, and the one found last (the next lookup's first guess).
        std::uint32_t firstChild = kRoot;
        std::uint32_t nextSibling = kRoot;
        std::uint32_t lastFound = kRoot;
        std::atomic<std::uint64_t> count{0};
        std::atomic<std::uint64_t> inclusiveTicks{0};
    };
    struct Frame {
        std::uint32_t node = kRoot;
        std::uint64_t start = 0;
    };
    struct Slot {
        std::atomic<std::uint64_t> begin{0};
        std::atomic<std::uint64_t> end{0};
        std::atomic<const ZoneSite*> site{nullptr};
    };

    // Single writer: a plain load and store, no locked instruction; readers see whole values.
    static void add(std::atomic<std::uint64_t>& counter, std::uint64_t value) noexcept {
        counter.store(counter.load(std::memory_order_relaxed) + value, std::memory_order_relaxed);
    }

    std::uint32_t childOf(std::uint32_t parent, const ZoneSite& site) noexcept {
        Node& node = m_nodes[parent];
        if (node.lastFound != kRoot && m_nodes[node.lastFound].site == &site)
            return node.lastFound;
        return findOrAddChild(parent, site);
    }
    std::uint32_t findOrAddChild(std::uint32_t parent, const ZoneSite& site) noexcept;

    const int m_threadId;
    std::unique_ptr<Node[]> m_nodes;
    std::atomic<std::uint32_t> m_nodeCount{1};
    std::array<Frame, kMaxDepth> m_stack{};
    std::size_t m_depth = 0;
    std::unique_ptr<Slot[]> m_ring;
    std::atomic<std::uint64_t> m_head{0};
};

} // namespace perflab
