// The orchestrator engine's cluster: nodes with CPU (millicores) and memory (MiB) capacity, the pods
// asking for them, and the seeded cluster a long-running first-fit scheduler leaves behind.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace perflab::engines::orchestrator {

struct Pod {
    std::int32_t cpu = 0;    // millicores
    std::int32_t memory = 0; // MiB
};

struct Node {
    std::int32_t cpu = 0, memory = 0;         // capacity
    std::int32_t freeCpu = 0, freeMemory = 0; // what is left
    bool fits(const Pod& pod) const noexcept { return pod.cpu <= freeCpu && pod.memory <= freeMemory; }
    bool isUsed() const noexcept { return freeCpu < cpu || freeMemory < memory; }
};

// The machine sizes the cluster is built from, smallest first; scale-out adds the largest, which holds
// any valid pod and leaves room for the pods still waiting.
inline constexpr std::array<Pod, 4> kNodeTypes{
    {{4'000, 16'384}, {8'000, 32'768}, {16'000, 65'536}, {32'000, 131'072}}};
inline constexpr std::int32_t kCpuStep = 50; // requests and node fill come in steps of 50 millicores

struct Cluster {
    std::vector<Node> nodes;

    // The oldest 85 % of nodes (low indexes) are packed until no request fits, the next 10 % are 30-70 %
    // used, the newest 5 % (recent scale-outs) empty: the shape first-fit scheduling leaves behind.
    static Cluster generate(std::size_t nodes, unsigned seed);
    void place(std::uint32_t node, const Pod& pod) noexcept; // the pod must fit
    std::uint32_t addNode();                                 // scale-out: returns the new node
    // Makes this copy of `original`, changed only at the `changed` nodes (any order, repeats allowed) and by
    // added nodes, equal to it again.
    void restore(const Cluster& original, std::span<const std::uint32_t> changed);
};

// A seeded batch of pods with realistic request sizes (many small, a few large).
std::vector<Pod> generatePods(std::size_t count, unsigned seed);

} // namespace perflab::engines::orchestrator
