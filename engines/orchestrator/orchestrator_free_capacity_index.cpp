// The index's bucket lists and segment tree. A bucket's recorded memory may only be too high (a node
// left with less): searches that find no fit there recompute it, so updates stay O(log buckets).
#include "engines/orchestrator/orchestrator_free_capacity_index.h"

#include <algorithm>
#include <bit>

namespace perflab::engines::orchestrator {

FreeCapacityIndex::FreeCapacityIndex(const Cluster& cluster)
    : m_leaves(std::bit_ceil(static_cast<std::size_t>(kNodeTypes.back().cpu / kCpuStep) + 1))
    , m_maxMemory(2 * m_leaves, kNone)
    , m_head(m_leaves, kNone)
    , m_next(cluster.nodes.size(), kNone)
    , m_prev(cluster.nodes.size(), kNone)
    , m_bucket(cluster.nodes.size(), kIdle)
    , m_nodes(cluster.nodes.size()) {
    for (std::uint32_t node = 0; node < cluster.nodes.size(); ++node) {
        const Node& n = cluster.nodes[node];
        const auto type = std::find_if(kNodeTypes.begin(), kNodeTypes.end(), [&](const Pod& size) {
            return n.cpu == size.cpu && n.memory == size.memory;
        });
        if (n.isUsed() || type == kNodeTypes.end()) { // a machine of another size joins the used ones
            link(cluster, node);
        } else {
            m_idle[static_cast<std::size_t>(type - kNodeTypes.begin())].push_back(node);
        }
    }
    m_changes.clear(); // the index as made is what undo() returns to
}

std::vector<std::int32_t>& FreeCapacityIndex::array(Array array) noexcept {
    switch (array) {
    case Array::MaxMemory:
        return m_maxMemory;
    case Array::Head:
        return m_head;
    case Array::Next:
        return m_next;
    case Array::Prev:
        return m_prev;
    default:
        return m_bucket;
    }
}

void FreeCapacityIndex::set(Array which, std::size_t at, std::int32_t value) {
    std::int32_t& slot = array(which)[at];
    m_changes.push_back({which, static_cast<std::uint32_t>(at), slot});
    slot = value;
}

void FreeCapacityIndex::undo() {
    for (auto change = m_changes.rbegin(); change != m_changes.rend(); ++change) {
        if (change->array == Array::Idle) {
            m_idle[change->at].push_back(static_cast<std::uint32_t>(change->was));
        } else {
            array(change->array)[change->at] = change->was;
        }
    }
    m_changes.clear();
    m_next.resize(m_nodes); // drop the nodes scale-out added
    m_prev.resize(m_nodes);
    m_bucket.resize(m_nodes);
}

std::size_t FreeCapacityIndex::bucketOf(std::int32_t freeCpu) const noexcept {
    return std::min(static_cast<std::size_t>(freeCpu / kCpuStep), m_leaves - 1);
}

void FreeCapacityIndex::update(const Cluster& cluster, std::uint32_t node) {
    if (node >= m_bucket.size()) { // a node added by scale-out
        m_next.resize(node + 1, kNone);
        m_prev.resize(node + 1, kNone);
        m_bucket.resize(node + 1, kIdle);
    }
    if (m_bucket[node] != kIdle) {
        unlink(node);
    }
    link(cluster, node);
}

void FreeCapacityIndex::link(const Cluster& cluster, std::uint32_t node) {
    const std::size_t bucket = bucketOf(cluster.nodes[node].freeCpu);
    const std::int32_t head = m_head[bucket];
    set(Array::Bucket, node, static_cast<std::int32_t>(bucket));
    set(Array::Prev, node, kNone);
    set(Array::Next, node, head);
    if (head != kNone) {
        set(Array::Prev, static_cast<std::size_t>(head), static_cast<std::int32_t>(node));
    }
    set(Array::Head, bucket, static_cast<std::int32_t>(node));
    if (cluster.nodes[node].freeMemory > m_maxMemory[m_leaves + bucket]) {
        setBucketMemory(bucket, cluster.nodes[node].freeMemory);
    }
}

void FreeCapacityIndex::unlink(std::uint32_t node) {
    const std::int32_t prev = m_prev[node];
    const std::int32_t next = m_next[node];
    if (prev == kNone) {
        set(Array::Head, static_cast<std::size_t>(m_bucket[node]), next);
    } else {
        set(Array::Next, static_cast<std::size_t>(prev), next);
    }
    if (next != kNone) {
        set(Array::Prev, static_cast<std::size_t>(next), prev);
    }
}

void FreeCapacityIndex::setBucketMemory(std::size_t bucket, std::int32_t memory) {
    std::size_t at = m_leaves + bucket;
    set(Array::MaxMemory, at, memory);
    for (at /= 2; at >= 1; at /= 2) {
        const std::int32_t largest = std::max(m_maxMemory[2 * at], m_maxMemory[2 * at + 1]);
        if (m_maxMemory[at] == largest) {
            break; // nor will any range above change
        }
        set(Array::MaxMemory, at, largest);
    }
}

std::int64_t FreeCapacityIndex::firstBucketWithMemory(std::size_t from, std::int32_t memory) const {
    // Climb from the leaf until a right sibling range may hold the memory, then descend its leftmost path.
    std::size_t at = m_leaves + from;
    if (m_maxMemory[at] < memory) {
        while (true) {
            if (at == 1) {
                return -1;
            }
            if (at % 2 == 0 && m_maxMemory[at + 1] >= memory) {
                at += 1;
                break;
            }
            at /= 2;
        }
    }
    while (at < m_leaves) {
        at = m_maxMemory[2 * at] >= memory ? 2 * at : 2 * at + 1;
    }
    return static_cast<std::int64_t>(at - m_leaves);
}

std::int64_t FreeCapacityIndex::fitInBucket(const Cluster& cluster, std::size_t bucket, const Pod& pod) {
    std::int32_t memory = kNone;
    for (std::int32_t node = m_head[bucket]; node != kNone; node = m_next[static_cast<std::size_t>(node)]) {
        const Node& candidate = cluster.nodes[static_cast<std::size_t>(node)];
        if (candidate.fits(pod)) {
            return node;
        }
        memory = std::max(memory, candidate.freeMemory);
    }
    setBucketMemory(bucket, memory); // exact again after a full walk
    return -1;
}

std::int64_t FreeCapacityIndex::bestFit(const Cluster& cluster, const Pod& pod) {
    for (std::size_t from = bucketOf(pod.cpu); from < m_leaves;) {
        const std::int64_t bucket = firstBucketWithMemory(from, pod.memory);
        if (bucket < 0) {
            break;
        }
        if (const std::int64_t node = fitInBucket(cluster, static_cast<std::size_t>(bucket), pod);
            node >= 0) {
            return node;
        }
        from = static_cast<std::size_t>(bucket) + 1;
    }
    return takeIdle(pod);
}

std::int64_t FreeCapacityIndex::takeIdle(const Pod& pod) {
    // The largest idle machine: the pods still to come (smaller ones, sorted) fill it before another opens.
    for (std::size_t type = kNodeTypes.size(); type-- > 0;) {
        const Pod& size = kNodeTypes[type];
        if (!m_idle[type].empty() && pod.cpu <= size.cpu && pod.memory <= size.memory) {
            const std::uint32_t node = m_idle[type].back();
            m_idle[type].pop_back();
            m_changes.push_back(
                {Array::Idle, static_cast<std::uint32_t>(type), static_cast<std::int32_t>(node)});
            return node;
        }
    }
    return -1;
}

} // namespace perflab::engines::orchestrator
