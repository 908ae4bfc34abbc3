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
// when no node in use fits. Flat arrays whose every change is recorded, so that a request's copy is put
// back (undo) and reused rather than copied again.
class FreeCapacityIndex {
public:
    explicit FreeCapacityIndex(const Cluster& cluster);

    // The node in use that fits the pod with the least free CPU left, to kCpuStep (every node of a bucket
    // has the same free CPU when requests are whole steps); else the largest idle node that fits; else -1.
    // Not const: a bucket whose recorded memory turns out stale is corrected on the way.
    std::int64_t bestFit(const Cluster& cluster, const Pod& pod);
    // After cluster.place(node, ...) changed the node's free capacity (or after it was added).
    void update(const Cluster& cluster, std::uint32_t node);
    // Puts the index back as it was made, undoing every bestFit and update since, exactly (down to the
    // order of nodes in a bucket, which decides among equal fits): a copy is then reused, not made again.
    void undo();

private:
    static constexpr std::int32_t kNone = -1;
    static constexpr std::int32_t kIdle = -1; // in m_bucket

    // A value written since the index was made, or (in m_idle) a node taken from there.
    enum class Array : std::uint8_t { MaxMemory, Head, Next, Prev, Bucket, Idle };
    struct Change {
        Array array;
        std::uint32_t at; // index in the array; for Idle, the node type
        std::int32_t was; // for Idle, the node taken
    };

    std::vector<std::int32_t>& array(Array array) noexcept;
    void set(Array array, std::size_t at, std::int32_t value);

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
    std::vector<std::int32_t> m_bucket; // [node] the bucket it is linked in, or kIdle
    std::array<std::vector<std::uint32_t>, kNodeTypes.size()> m_idle; // idle nodes by type, last first
    std::size_t m_nodes;                                              // when made
    std::vector<Change> m_changes;                                    // since made, oldest first
};

} // namespace perflab::engines::orchestrator
