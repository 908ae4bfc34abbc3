// The cluster's totals, worked out once and adjusted by the nodes a placement changed, equal a walk over
// every node of the changed cluster, for pods of every size.
#include "engines/orchestrator/orchestrator_cluster_totals.h"
#include "engines/seeded_random.h"

#include <catch2/catch.hpp>

using namespace perflab::engines;
using namespace perflab::engines::orchestrator;

namespace {

Totals walked(const Cluster& cluster, const Pod& pod) {
    Totals totals;
    for (const Node& node : cluster.nodes) {
        totals.cpu += node.cpu;
        totals.memory += node.memory;
        totals.freeCpu += node.freeCpu;
        totals.freeMemory += node.freeMemory;
        totals.nodesUsed += node.isUsed() ? 1 : 0;
        if (!node.fits(pod)) {
            totals.strandedCpu += node.freeCpu;
            totals.strandedMemory += node.freeMemory;
        }
    }
    return totals;
}

void requireSame(const Totals& a, const Totals& b) {
    CHECK(a.cpu == b.cpu);
    CHECK(a.memory == b.memory);
    CHECK(a.freeCpu == b.freeCpu);
    CHECK(a.freeMemory == b.freeMemory);
    CHECK(a.nodesUsed == b.nodesUsed);
    CHECK(a.strandedCpu == b.strandedCpu);
    CHECK(a.strandedMemory == b.strandedMemory);
}

} // namespace

TEST_CASE("cluster totals after a placement equal a walk over every node of the changed cluster") {
    const Cluster original = Cluster::generate(700, 11);
    const ClusterTotals totals(original);
    SeededRandom random(3, 5);
    for (int round = 0; round < 30; ++round) {
        Cluster after = original;
        std::vector<std::uint32_t> changed;
        for (int i = 0; i < 40; ++i) { // fill some nodes, empty others, add a few
            const auto node = static_cast<std::uint32_t>(random.below(after.nodes.size() + 1));
            if (node == after.nodes.size()) {
                after.addNode();
            }
            Node& n = after.nodes[node];
            n.freeCpu = static_cast<std::int32_t>(random.below(static_cast<std::size_t>(n.cpu) + 1));
            n.freeMemory = static_cast<std::int32_t>(random.below(static_cast<std::size_t>(n.memory) + 1));
            if (std::find(changed.begin(), changed.end(), node) == changed.end()) {
                changed.push_back(node);
            }
        }
        for (const Pod& pod : {Pod{0, 0}, Pod{50, 64}, Pod{500, 2'048}, Pod{4'000, 1'024}, Pod{100, 60'000},
                               Pod{32'000, 131'072}, generatePods(1, 100 + round)[0]}) {
            INFO("round " << round << ", pod " << pod.cpu << "m " << pod.memory << " MiB");
            requireSame(totals.after(after, changed, pod), walked(after, pod));
        }
    }
}

TEST_CASE("cluster totals of an unchanged cluster count nothing stranded for a pod every node holds") {
    const Cluster cluster{{{4'000, 16'384, 300, 1'000}, {8'000, 32'768, 8'000, 32'768}}};
    const Totals totals = ClusterTotals(cluster).after(cluster, {}, Pod{100, 500});
    CHECK(totals.nodesUsed == 1);
    CHECK(totals.freeCpu == 8'300);
    CHECK(totals.strandedCpu == 0);
    CHECK(ClusterTotals(cluster).after(cluster, {}, Pod{400, 500}).strandedCpu == 300);
}
