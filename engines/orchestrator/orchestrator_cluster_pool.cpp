// The pool's copies: made on demand, restored node by node when given back.
#include "engines/orchestrator/orchestrator_cluster_pool.h"

namespace perflab::engines::orchestrator {

ClusterPool::ClusterPool(const Cluster& original)
    : m_original(original) {}

ClusterPool::Lease ClusterPool::take() {
    {
        const std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            std::unique_ptr<Cluster> copy = std::move(m_idle.back());
            m_idle.pop_back();
            return {*this, std::move(copy)};
        }
    }
    return {*this, std::make_unique<Cluster>(m_original)};
}

ClusterPool::Lease::Lease(ClusterPool& pool, std::unique_ptr<Cluster> copy)
    : m_pool(pool)
    , m_copy(std::move(copy)) {}

void ClusterPool::Lease::giveBack(std::span<const std::uint32_t> changed) {
    const std::vector<Node>& original = m_pool.m_original.nodes;
    for (const std::uint32_t node : changed) {
        if (node < original.size()) {
            m_copy->nodes[node] = original[node];
        }
    }
    m_copy->nodes.resize(original.size());
    const std::lock_guard lock(m_pool.m_mutex);
    m_pool.m_idle.push_back(std::move(m_copy));
}

} // namespace perflab::engines::orchestrator
