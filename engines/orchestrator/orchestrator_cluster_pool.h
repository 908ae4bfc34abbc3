// Copies of the engine's cluster for requests to place pods on, kept for reuse: a request changes a few
// nodes, and handing its copy back restores just those, where a fresh copy costs the whole cluster.
#pragma once

#include "engines/orchestrator/orchestrator_cluster.h"

#include <memory>
#include <mutex>
#include <span>
#include <vector>

namespace perflab::engines::orchestrator {

class ClusterPool {
public:
    // One request's copy. Unless given back, it is dropped: a request that failed half-way may have
    // changed nodes it never named.
    class Lease {
    public:
        Lease(ClusterPool& pool, std::unique_ptr<Cluster> copy);
        Lease(Lease&&) = delete;
        ~Lease() = default;

        Cluster& cluster() noexcept { return *m_copy; }
        // Puts the `changed` nodes (any order, repeats allowed) back as they were, drops added nodes and
        // returns the copy to the pool.
        void giveBack(std::span<const std::uint32_t> changed);

    private:
        ClusterPool& m_pool;
        std::unique_ptr<Cluster> m_copy;
    };

    explicit ClusterPool(const Cluster& original); // `original` must outlive the pool and not change
    Lease take();

private:
    const Cluster& m_original;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Cluster>> m_idle; // as many as requests ever ran at once
};

} // namespace perflab::engines::orchestrator
