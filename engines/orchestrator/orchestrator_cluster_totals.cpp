// Totals of the engine cluster and the Fenwick tree of free-memory-sorted lists behind stranded room.
#include "engines/orchestrator/orchestrator_cluster_totals.h"

#include <algorithm>
#include <numeric>

namespace perflab::engines::orchestrator {

namespace {

void add(Totals& totals, const Node& node, const Pod& pod, int sign) {
    totals.cpu += sign * node.cpu;
    totals.memory += sign * node.memory;
    totals.freeCpu += sign * node.freeCpu;
    totals.freeMemory += sign * node.freeMemory;
    totals.nodesUsed += node.isUsed() ? sign : 0;
    if (!node.fits(pod)) {
        totals.strandedCpu += sign * node.freeCpu;
        totals.strandedMemory += sign * node.freeMemory;
    }
}

} // namespace

ClusterTotals::ClusterTotals(const Cluster& cluster)
    : m_nodes(cluster.nodes)
    , m_tree(m_nodes.size() + 1) {
    for (const Node& node : m_nodes) {
        add(m_totals, node, Pod{0, 0}, 1); // every node holds an empty pod: nothing stranded
    }
    std::vector<std::uint32_t> order(m_nodes.size());
    std::iota(order.begin(), order.end(), 0U);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return m_nodes[a].freeCpu > m_nodes[b].freeCpu;
    });
    for (const std::uint32_t node : order) {
        m_freeCpuDescending.push_back(m_nodes[node].freeCpu);
    }
    for (std::size_t k = 1; k < m_tree.size(); ++k) {
        std::vector<Entry>& entries = m_tree[k];
        for (std::size_t i = k - (k & -k); i < k; ++i) {
            const Node& node = m_nodes[order[i]];
            entries.push_back({node.freeMemory, node.freeCpu, node.freeMemory});
        }
        std::sort(entries.begin(), entries.end(),
                  [](const Entry& a, const Entry& b) { return a.freeMemory < b.freeMemory; });
        entries.push_back({0, 0, 0});
        for (std::size_t i = entries.size() - 1; i-- > 0;) {
            entries[i].freeCpuFrom += entries[i + 1].freeCpuFrom;
            entries[i].freeMemoryFrom += entries[i + 1].freeMemoryFrom;
        }
    }
}

std::pair<std::int64_t, std::int64_t> ClusterTotals::freeOnNodesFitting(const Pod& pod) const {
    // The nodes with enough free CPU come first in the order; the tree sums those with enough memory.
    std::size_t k = static_cast<std::size_t>(
        std::partition_point(m_freeCpuDescending.begin(), m_freeCpuDescending.end(),
                             [&](std::int32_t freeCpu) { return freeCpu >= pod.cpu; }) -
        m_freeCpuDescending.begin());
    std::int64_t cpu = 0, memory = 0;
    for (; k > 0; k -= k & -k) {
        const std::vector<Entry>& entries = m_tree[k];
        const auto first = std::partition_point(entries.begin(), entries.end() - 1,
                                                [&](const Entry& e) { return e.freeMemory < pod.memory; });
        cpu += first->freeCpuFrom;
        memory += first->freeMemoryFrom;
    }
    return {cpu, memory};
}

Totals ClusterTotals::after(const Cluster& after, std::span<const std::uint32_t> changed,
                            const Pod& pod) const {
    Totals totals = m_totals;
    const auto [fittingCpu, fittingMemory] = freeOnNodesFitting(pod);
    totals.strandedCpu = totals.freeCpu - fittingCpu;
    totals.strandedMemory = totals.freeMemory - fittingMemory;
    for (const std::uint32_t node : changed) {
        if (node < m_nodes.size()) {
            add(totals, m_nodes[node], pod, -1);
        }
        add(totals, after.nodes[node], pod, 1);
    }
    return totals;
}

} // namespace perflab::engines::orchestrator
