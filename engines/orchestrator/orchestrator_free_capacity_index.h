// Nodes indexed by free capacity for best-fit placement: the tightest bucket of free CPU that can hold
// a pod is found in O(log buckets), not by a scan of every node.
#pragma once

#include "engines/orchestrator/orchestrator_cluster.h"

#include <array>
#include <cstdint>
#include <vector>

namespace perflab::engines::orchestrator {

// Buckets of free CPU (kCpuStep wide) hold linked lists of the nodes in use, and a segment tree over the
// buckets keeps each range's largest free memory. Idle nodes wait apart, by type, and are only taken
// when no node in use fits. Flat arrays only: a request copies the index as cheaply as the cluster.
class FreeCapacityIndex {
public:
    explicit FreeCapacityIndex(const Cluster& cluster);

    // The node in use that fits the pod with the least free CPU left, to kCpuStep (every node of a bucket
    // has the same free CPU when requests are whole steps); else the largest idle node that fits; else -1.
    // Not const: a bucket whose recorded memory turns out stale is corrected on the way.
    std::int64_t bestFit(const Cluster& cluster, const Pod& pod);
    // After cluster.place(node, ...) changed the node's free capacity (or after it was added).
    void update(const Cluster& cluster, std::uint32_t node);

private:
    static constexpr std::int32_t kNone = -1;
    static constexpr std::uint32_t kIdle = ~0U;

    std::size_t bucketOf(std::int32_t freeCpu) const noexcept;
    void link(const Cluster& cluster, std::uint32_t node);
    void unlink(std::uint32_t node);
    void setBucketMemory(std::size_t bucket, std::int32_t memory);
    std::int64_t firstBucketWithMemory(std::size_t from, std::int32_t memory) const;
    std::int64_t fitInBucket(const Cluster& cluster, std::size_t bucket, const Pod& pod);
    std::int64_t takeIdle(const Pod& pod);

    std::size_t m_leaves;                  // buckets, rounded up to a power of two
    std::vector<std::int32_t> m_maxMemory; // segment tree, leaves from m_leaves: an upper bound per bucket
    std::vector<std::int32_t> m_head;      // [bucket] first node or kNone
    std::vector<std::int32_t> m_next, m_prev;
    std::vector<std::uint32_t> m_bucket; // [node] the bucket it is linked in, or kIdle
    std::array<std::vector<std::uint32_t>, kNodeTypes.size()> m_idle; // idle nodes by type, last first
};

} // namespace perflab::engines::orchestrator
