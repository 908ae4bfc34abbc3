// Seeded generation of clusters and pod batches (splitmix64: the same on every platform), and the two
// changes a placement makes to a cluster.
#include "engines/orchestrator/orchestrator_cluster.h"

#include "engines/seeded_random.h"

#include <algorithm>

namespace perflab::engines::orchestrator {

namespace {

std::int32_t stepped(double value, std::int32_t step) {
    return static_cast<std::int32_t>(value / step) * step;
}

// Leaves `usedShare` of the node in use (each resource with its own jitter), never more than its capacity.
Node partlyUsed(const Pod& type, double usedShare, SeededRandom& random) {
    const double cpuShare = std::min(1.0, usedShare * (0.97 + 0.06 * random.unit()));
    const double memoryShare = std::min(1.0, usedShare * (0.85 + 0.15 * random.unit()));
    Node node{type.cpu, type.memory, type.cpu, type.memory};
    node.freeCpu -= stepped(type.cpu * cpuShare, kCpuStep);
    node.freeMemory -= stepped(type.memory * memoryShare, 64);
    return node;
}

// First fit packed it until no request fits: at most one CPU step left, and memory stranded beside it.
Node packed(const Pod& type, SeededRandom& random) {
    Node node{type.cpu, type.memory, kCpuStep * static_cast<std::int32_t>(random.below(2)), type.memory};
    node.freeMemory -= stepped(type.memory * (0.8 + 0.2 * random.unit()), 64);
    return node;
}

} // namespace

Cluster Cluster::generate(std::size_t nodes, unsigned seed) {
    SeededRandom random(seed, 21);
    static constexpr std::array<double, 4> kTypeShare{0.3, 0.4, 0.2, 0.1};
    Cluster cluster;
    cluster.nodes.reserve(nodes);
    for (std::size_t i = 0; i < nodes; ++i) {
        double pick = random.unit();
        std::size_t type = 0;
        while (type + 1 < kTypeShare.size() && pick >= kTypeShare[type]) {
            pick -= kTypeShare[type++];
        }
        const double age = static_cast<double>(i) / static_cast<double>(nodes); // 0: oldest
        cluster.nodes.push_back(
            age < 0.85 ? packed(kNodeTypes[type], random)
                       : partlyUsed(kNodeTypes[type], age < 0.95 ? 0.3 + 0.4 * random.unit() : 0, random));
    }
    return cluster;
}

void Cluster::place(std::uint32_t node, const Pod& pod) noexcept {
    nodes[node].freeCpu -= pod.cpu;
    nodes[node].freeMemory -= pod.memory;
}

std::uint32_t Cluster::addNode() {
    const Pod& type = kNodeTypes.back();
    nodes.push_back({type.cpu, type.memory, type.cpu, type.memory});
    return static_cast<std::uint32_t>(nodes.size() - 1);
}

void Cluster::restore(const Cluster& original, std::span<const std::uint32_t> changed) {
    for (const std::uint32_t node : changed) {
        if (node < original.nodes.size()) {
            nodes[node] = original.nodes[node];
        }
    }
    nodes.resize(original.nodes.size());
}

std::vector<Pod> generatePods(std::size_t count, unsigned seed) {
    // Typical CPU requests and MiB per millicore: many small services, some large jobs.
    static constexpr std::array<std::int32_t, 10> kCpu{100, 100, 250, 250, 500, 500, 1000, 2000, 4000, 8000};
    static constexpr std::array<std::int32_t, 4> kMemoryPerCpu{1, 2, 2, 4};
    SeededRandom random(seed, 21);
    std::vector<Pod> pods(count);
    for (Pod& pod : pods) {
        pod.cpu = kCpu[random.below(kCpu.size())];
        pod.memory = pod.cpu * kMemoryPerCpu[random.below(kMemoryPerCpu.size())];
    }
    return pods;
}

} // namespace perflab::engines::orchestrator
