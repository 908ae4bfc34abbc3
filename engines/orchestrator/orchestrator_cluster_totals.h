// The engine cluster's capacity, free room and stranded room, worked out once, so that a request's report
// costs the nodes it changed rather than a walk over the whole cluster.
#pragma once

#include "engines/orchestrator/orchestrator_cluster.h"

#include <cstdint>
#include <span>
#include <vector>

namespace perflab::engines::orchestrator {

struct Totals {
    std::int64_t cpu = 0, memory = 0;                 // capacity
    std::int64_t freeCpu = 0, freeMemory = 0;         // what is left
    std::int64_t nodesUsed = 0;                       // holding anything
    std::int64_t strandedCpu = 0, strandedMemory = 0; // free room on nodes that cannot hold a given pod
};

class ClusterTotals {
public:
    explicit ClusterTotals(const Cluster& cluster);

    // The totals of `after`: the cluster these totals were made from, where only the `changed` nodes
    // (unique indexes, those past its end added) may differ. Stranded room is measured against `pod`.
    Totals after(const Cluster& after, std::span<const std::uint32_t> changed, const Pod& pod) const;

private:
    // Free CPU and memory summed over the cluster's nodes that can hold `pod`, in O(log² nodes).
    std::pair<std::int64_t, std::int64_t> freeOnNodesFitting(const Pod& pod) const;

    struct Entry {
        std::int32_t freeMemory;
        std::int64_t freeCpuFrom, freeMemoryFrom; // sums from this entry to the end of its list
    };

    std::vector<Node> m_nodes;
    Totals m_totals; // stranded room left out: it depends on the pod
    // Nodes by free CPU, most first, and a Fenwick tree over that order: tree entry k covers the nodes
    // (k - lowbit(k), k], sorted by free memory with suffix sums (one more entry, of zeros, at the end).
    std::vector<std::int32_t> m_freeCpuDescending;
    std::vector<std::vector<Entry>> m_tree;
};

} // namespace perflab::engines::orchestrator
