// Zones merged into a call tree over threads: counts per path, self = inclusive - children, per-engine
// figures.
#include "collectors/zones/zone.h"
#include "collectors/zones/zone_recording.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <string_view>
#include <thread>

namespace {

using namespace perflab;

void inner() {
    PERFLAB_ZONE("test.inner");
    std::this_thread::sleep_for(std::chrono::microseconds(200));
}

void outer() {
    PERFLAB_ZONE("test.outer");
    for (int i = 0; i < 3; ++i)
        inner();
    { PERFLAB_ZONE("test.tail"); }
}

void runOuter(int times) {
    for (int i = 0; i < times; ++i)
        outer();
}

std::uint32_t find(const ZoneTree& tree, std::uint32_t parent, std::string_view name) {
    for (std::uint32_t i = 1; i < tree.nodes().size(); ++i)
        if (tree.node(i).parent == parent && tree.node(i).site->name == name)
            return i;
    FAIL("no zone " << name << " under node " << parent);
    return 0;
}

std::uint64_t childrenInclusive(const ZoneTree& tree, std::uint32_t parent) {
    std::uint64_t sum = 0;
    for (const auto& node : tree.nodes())
        if (node.parent == parent && node.site)
            sum += node.inclusiveTicks;
    return sum;
}

} // namespace

TEST_CASE("nested zones on two threads merge into one call tree with counts, inclusive and self time") {
    const ZoneRecording recording;
    std::thread first(runOuter, 4);
    std::thread second(runOuter, 6);
    first.join();
    second.join();

    const ZoneTree tree = recording.tree();
    REQUIRE(tree.nodes().size() == 4); // root, outer, outer>inner, outer>tail
    const std::uint32_t outerNode = find(tree, ZoneTree::kRoot, "test.outer");
    const std::uint32_t innerNode = find(tree, outerNode, "test.inner");
    const std::uint32_t tailNode = find(tree, outerNode, "test.tail");
    CHECK(tree.node(outerNode).count == 10);
    CHECK(tree.node(innerNode).count == 30);
    CHECK(tree.node(tailNode).count == 10);
    // Exact in ticks: each zone's self time is its time minus its children's.
    CHECK(tree.node(outerNode).selfTicks ==
          tree.node(outerNode).inclusiveTicks - childrenInclusive(tree, outerNode));
    CHECK(tree.node(innerNode).selfTicks == tree.node(innerNode).inclusiveTicks);
    CHECK(tree.node(innerNode).inclusiveTicks < tree.node(outerNode).inclusiveTicks);

    const auto engines = recording.engineZones();
    REQUIRE(engines.size() == 1);
    CHECK(engines[0].engine == "test.outer");
    REQUIRE(engines[0].zones.size() == 3);
    CHECK(engines[0].zones[0].name == "test.outer"); // largest inclusive first
    CHECK(engines[0].zones[1].name == "test.inner");
    CHECK(engines[0].zones[1].count == 30);
    CHECK(engines[0].zones[1].inclusiveMs >= 30 * 0.2); // each slept at least 200 us
    CHECK(engines[0].zones[0].selfMs < engines[0].zones[0].inclusiveMs);
}

TEST_CASE("a recording counts only the zones that finished after it began") {
    const ZoneRecording earlier;
    runOuter(2);
    const ZoneRecording later;
    runOuter(1);
    CHECK(earlier.tree().node(1).count == 3);
    const ZoneTree since = later.tree();
    REQUIRE(since.nodes().size() == 4);
    CHECK(since.node(find(since, ZoneTree::kRoot, "test.outer")).count == 1);
}

TEST_CASE("zones run while no recording is active are not recorded") {
    runOuter(2);
    const ZoneRecording recording;
    CHECK(recording.tree().nodes().size() == 1);
    CHECK(recording.engineZones().empty());
}
